/**
 * IMAP commands in the selected state (RFC 9051 §6.4): FETCH with the data items a mail program
 * asks for (a non-PEEK body section sets \Seen and the new FLAGS go out in the same response, as
 * Dovecot does), STORE ±FLAGS(.SILENT), SEARCH, COPY, EXPUNGE, CLOSE, UNSELECT, CHECK, and the
 * UID forms of FETCH, STORE, SEARCH and COPY, which take and report UIDs.
 */
import type { StoredMessage } from '../store/mailboxes';
import { octets } from './bytes';
import { splitMessage } from './message';
import { parseMimeEntity } from './mime-entity';
import { formatBodyStructure, formatEnvelope, formatFlags, formatInternalDate, imapLiteral, sectionContent } from './imap-format';
import {
  astringOf, octetEnd, parseFetchItems, parseFlagList, parseSequenceSet, resolveSequenceNumbers, resolveUidSet, sectionText,
  type FetchItem, type ImapValue,
} from './imap-parse';
import { matchesSearch, parseSearch } from './imap-search';
import { done, findFolder, refuse, syncSelected, tagged, type CommandContext, type ImapDecision, type ImapSelected } from './imap-session';

/** SelectedHandler: the rule for one command in the selected state. */
export type SelectedHandler = (c: CommandContext, uid?: boolean) => ImapDecision;

/** Picked: the messages a sequence set names, with their sequence numbers. */
interface Picked {
  seq: number;
  m: StoredMessage;
}

function pick(c: CommandContext, sel: ImapSelected, setArg: ImapValue | undefined, uid: boolean): Picked[] | ImapDecision {
  const text = astringOf(setArg);
  const set = text === undefined ? undefined : parseSequenceSet(text);
  if (!set) return refuse(c, 'bad.args', { command: c.cmd.name });
  if (uid) {
    const uids = resolveUidSet(set, sel.view.map((m) => m.uid));
    const wanted = new Set(uids);
    return sel.view.flatMap((m, i) => (wanted.has(m.uid) ? [{ seq: i + 1, m }] : []));
  }
  const seqs = resolveSequenceNumbers(set, sel.view.length);
  if (!seqs) return refuse(c, 'bad.messageset', { command: c.cmd.name });
  return seqs.map((seq) => ({ seq, m: sel.view[seq - 1] }));
}

const isDecision = (p: Picked[] | ImapDecision): p is ImapDecision => !Array.isArray(p);

function sliceOctets(text: string, start: number, length: number): string {
  const a = octetEnd(text, 0, Math.min(start, octets(text)));
  if (a < 0) return '';
  const rest = text.slice(a);
  const b = octetEnd(rest, 0, Math.min(length, octets(rest)));
  return b < 0 ? rest : rest.slice(0, b);
}

function setsSeen(item: FetchItem): boolean {
  return item.kind === 'RFC822' || item.kind === 'RFC822.TEXT' || (item.kind === 'section' && !item.peek);
}

/** fetchItemText writes one data item of a FETCH response for a message. */
export function fetchItemText(item: FetchItem, m: StoredMessage, internalDate: number): string {
  switch (item.kind) {
    case 'FLAGS':
      return `FLAGS ${formatFlags(m.flags)}`;
    case 'UID':
      return `UID ${m.uid}`;
    case 'RFC822.SIZE':
      return `RFC822.SIZE ${m.size}`;
    case 'INTERNALDATE':
      return `INTERNALDATE ${formatInternalDate(internalDate)}`;
    case 'ENVELOPE':
      return `ENVELOPE ${formatEnvelope(m.raw)}`;
    case 'BODYSTRUCTURE':
    case 'BODY':
      return `${item.kind} ${formatBodyStructure(parseMimeEntity(m.raw), item.kind === 'BODYSTRUCTURE')}`;
    case 'RFC822':
      return `RFC822 ${imapLiteral(m.raw)}`;
    case 'RFC822.HEADER':
      return `RFC822.HEADER ${imapLiteral(`${splitMessage(m.raw).header}\r\n`)}`;
    case 'RFC822.TEXT':
      return `RFC822.TEXT ${imapLiteral(splitMessage(m.raw).body)}`;
    case 'section': {
      const content = sectionContent(m.raw, item.section);
      const name = `BODY[${sectionText(item.section)}]`;
      if (!item.partial) return `${name} ${imapLiteral(content)}`;
      return `${name}<${item.partial.start}> ${imapLiteral(sliceOctets(content, item.partial.start, item.partial.length))}`;
    }
  }
}

function fetch(c: CommandContext, uid = false): ImapDecision {
  const sel = c.session.selected!;
  const items = c.cmd.args[1] && c.cmd.args.length === 2 ? parseFetchItems(c.cmd.args[1]) : undefined;
  if (!items) return refuse(c, 'bad.args', { command: c.cmd.name });
  const picked = pick(c, sel, c.cmd.args[0], uid);
  if (isDecision(picked)) return picked;
  const lines: string[] = [];
  for (const { seq, m } of picked) {
    const wanted = [...items];
    // RFC 9051 §6.4.9: UID FETCH always reports the UID.
    if (uid && !wanted.some((i) => i.kind === 'UID')) wanted.unshift({ kind: 'UID' });
    // RFC 9051 §6.4.5: BODY[] without .PEEK sets \Seen; Dovecot sends the new FLAGS in the same response.
    if (!sel.readOnly && items.some(setsSeen) && !m.flags.has('\\Seen')) {
      m.flags.add('\\Seen');
      if (!wanted.some((i) => i.kind === 'FLAGS')) wanted.splice(uid ? 1 : 0, 0, { kind: 'FLAGS' });
    }
    lines.push(`* ${seq} FETCH (${wanted.map((i) => fetchItemText(i, m, c.hooks.internalDate(m))).join(' ')})`);
  }
  const sync = syncSelected(c.session, c.hooks, false);
  const d = done(c, [...lines, ...sync.lines], 'fetch.ok', sync.selected ? { selected: sync.selected } : {});
  return picked.length === 1 ? { ...d, msg: picked[0].m.msg } : d;
}

function store(c: CommandContext, uid = false): ImapDecision {
  const sel = c.session.selected!;
  const action = /^([+-]?)FLAGS(\.SILENT)?$/i.exec(astringOf(c.cmd.args[1]) ?? '');
  const flags = c.cmd.args.length >= 3 ? parseFlagList(c.cmd.args.slice(2)) : undefined;
  if (!action || !flags) return refuse(c, 'bad.args', { command: c.cmd.name });
  const picked = pick(c, sel, c.cmd.args[0], uid);
  if (isDecision(picked)) return picked;
  if (sel.readOnly) return { out: [tagged(c, 'read-only')] };
  const lines: string[] = [];
  for (const { seq, m } of picked) {
    if (action[1] === '') m.flags.clear();
    for (const f of flags) {
      if (action[1] === '-') m.flags.delete(f);
      else m.flags.add(f);
    }
    if (!action[2]) lines.push(`* ${seq} FETCH (${uid ? `UID ${m.uid} ` : ''}FLAGS ${formatFlags(m.flags)})`);
  }
  return done(c, lines, 'store.ok');
}

function search(c: CommandContext, uid = false): ImapDecision {
  const sel = c.session.selected!;
  const parsed = parseSearch(c.cmd.args);
  if (!parsed.ok) return refuse(c, 'bad.detail', { command: c.cmd.name, detail: parsed.problem });
  const maxUid = sel.view.length ? sel.view[sel.view.length - 1].uid : 0;
  const hits = sel.view.flatMap((m, i) => {
    const candidate = { seq: i + 1, uid: m.uid, raw: m.raw, size: m.size, flags: m.flags, internalDate: c.hooks.internalDate(m), maxSeq: sel.view.length, maxUid };
    return matchesSearch(parsed.key, candidate) ? [uid ? m.uid : i + 1] : [];
  });
  return done(c, [`* SEARCH${hits.map((n) => ` ${n}`).join('')}`], 'search.ok');
}

function copy(c: CommandContext, uid = false): ImapDecision {
  const sel = c.session.selected!;
  const target = astringOf(c.cmd.args[1]);
  if (target === undefined || c.cmd.args.length !== 2) return refuse(c, 'bad.args', { command: c.cmd.name });
  const picked = pick(c, sel, c.cmd.args[0], uid);
  if (isDecision(picked)) return picked;
  const folder = findFolder(c.hooks.mailbox(c.session.user ?? ''), target);
  if (!folder) return { out: [tagged(c, 'no-mailbox.trycreate', { mailbox: target })] };
  for (const { m } of picked) c.hooks.append(c.session.user ?? '', folder.name, m.raw, [...m.flags]);
  const sync = syncSelected(c.session, c.hooks, false);
  return done(c, sync.lines, 'copy.ok', sync.selected ? { selected: sync.selected } : {});
}

/** expungeDeleted removes \Deleted messages from the selected folder and writes the `* n EXPUNGE` lines. */
function expungeDeleted(c: CommandContext, report: boolean): { lines: string[]; selected?: ImapSelected } {
  const sel = c.session.selected!;
  const folder = findFolder(c.hooks.mailbox(c.session.user ?? ''), sel.folder);
  if (!folder || sel.readOnly) return { lines: [] };
  const doomed = folder.messages.filter((m) => m.flags.has('\\Deleted')).map((m) => m.uid);
  if (doomed.length) c.hooks.expunge(c.session.user ?? '', folder, doomed);
  if (!report) return { lines: [] };
  // RFC 9051 §7.5.1: each EXPUNGE renumbers the messages after it, so the numbers are reported in turn.
  return syncSelected(c.session, c.hooks, true);
}

function expunge(c: CommandContext): ImapDecision {
  if (c.session.selected!.readOnly) return { out: [tagged(c, 'read-only')] };
  const r = expungeDeleted(c, true);
  return done(c, r.lines, 'expunge.ok', r.selected ? { selected: r.selected } : {});
}

function uidCommand(c: CommandContext): ImapDecision {
  const sub = astringOf(c.cmd.args[0])?.toUpperCase();
  const inner: CommandContext = { ...c, cmd: { ...c.cmd, name: `UID ${sub ?? ''}`.trim(), args: c.cmd.args.slice(1) } };
  if (sub === 'FETCH') return fetch(inner, true);
  if (sub === 'STORE') return store(inner, true);
  if (sub === 'SEARCH') return search(inner, true);
  if (sub === 'COPY') return copy(inner, true);
  return refuse(c, 'bad.args', { command: 'UID' });
}

/** SELECTED_COMMANDS: the handlers of the selected state, by command name. */
export const SELECTED_COMMANDS: Record<string, SelectedHandler> = {
  FETCH: (c) => fetch(c),
  STORE: (c) => store(c),
  SEARCH: (c) => search(c),
  COPY: (c) => copy(c),
  UID: uidCommand,
  EXPUNGE: expunge,
  CHECK: (c) => {
    const sync = syncSelected(c.session, c.hooks, true);
    return done(c, sync.lines, 'check.ok', sync.selected ? { selected: sync.selected } : {});
  },
  // RFC 9051 §6.4.1: CLOSE removes \Deleted messages silently (not after EXAMINE) and leaves the mailbox.
  CLOSE: (c) => {
    expungeDeleted(c, false);
    return done(c, [], 'close.ok', { state: 'authenticated', selected: undefined });
  },
  UNSELECT: (c) => done(c, [], 'unselect.ok', { state: 'authenticated', selected: undefined }),
};
