/**
 * IMAP commands on mailboxes as a whole, allowed once authenticated (RFC 9051 §6.3): SELECT and
 * EXAMINE with Dovecot's exact untagged lines, STATUS, LIST and LSUB with "/" as the hierarchy
 * separator and special-use attributes (RFC 6154), CREATE, DELETE, SUBSCRIBE, APPEND.
 */
import type { Folder, Mailbox } from '../store/mailboxes';
import { formatFlags, imapString } from './imap-format';
import { astringOf, parseFlagList, SYSTEM_FLAGS, type ImapValue } from './imap-parse';
import { imapReply } from './imap-replies';
import { done, findFolder, refuse, syncSelected, tagged, type CommandContext, type ImapDecision } from './imap-session';

/** MailboxHandler: the rule for one command. */
export type MailboxHandler = (c: CommandContext) => ImapDecision;

const SPECIAL_USE: Record<string, string> = { Junk: '\\Junk', Sent: '\\Sent', Trash: '\\Trash', Drafts: '\\Drafts', Archive: '\\Archive' };

/** imapMailboxName writes a mailbox name as an atom when it can be one, else quoted. */
export function imapMailboxName(name: string): string {
  return /^[A-Za-z0-9_.\-/&]+$/.test(name) ? name : imapString(name);
}

function userBox(c: CommandContext): Mailbox | undefined {
  return c.hooks.mailbox(c.session.user ?? '');
}

function keywordsOf(folder: Folder): string[] {
  const all = new Set<string>();
  for (const m of folder.messages) for (const f of m.flags) if (!f.startsWith('\\')) all.add(f);
  return [...all].sort();
}

function select(c: CommandContext, readOnly: boolean): ImapDecision {
  const name = astringOf(c.cmd.args[0]);
  if (name === undefined || c.cmd.args.length !== 1) return refuse(c, 'bad.args', { command: c.cmd.name });
  const folder = findFolder(userBox(c), name);
  // RFC 9051 §6.3.2: a failed SELECT leaves no mailbox selected.
  if (!folder) return { out: [tagged(c, 'no-mailbox', { mailbox: name })], patch: { state: 'authenticated', selected: undefined } };
  const view = [...folder.messages];
  const flags = formatFlags([...SYSTEM_FLAGS, ...keywordsOf(folder)]);
  const firstUnseen = view.findIndex((m) => !m.flags.has('\\Seen'));
  const lines = [
    `* FLAGS ${flags}`,
    readOnly ? imapReply('*', 'select.read-only') : imapReply('*', 'select.flags', { flags: `${flags.slice(1, -1)} \\*` }),
    `* ${view.length} EXISTS`,
    '* 0 RECENT',
    ...(firstUnseen >= 0 ? [imapReply('*', 'select.unseen', { seq: firstUnseen + 1 })] : []),
    imapReply('*', 'select.uidvalidity', { uidvalidity: folder.uidValidity }),
    imapReply('*', 'select.uidnext', { uidnext: folder.uidNext }),
  ];
  return done(c, lines, readOnly ? 'examine.ok' : 'select.ok', { state: 'selected', selected: { folder: folder.name, readOnly, view } });
}

const STATUS_ITEMS = ['MESSAGES', 'RECENT', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'SIZE'];

function status(c: CommandContext): ImapDecision {
  const name = astringOf(c.cmd.args[0]);
  const items = c.cmd.args[1];
  if (name === undefined || items?.kind !== 'list' || !items.items.length) return refuse(c, 'bad.args', { command: 'STATUS' });
  const wanted = items.items.map((i) => (i.kind === 'atom' ? i.text.toUpperCase() : ''));
  if (wanted.some((w) => !STATUS_ITEMS.includes(w))) return refuse(c, 'bad.args', { command: 'STATUS' });
  const folder = findFolder(userBox(c), name);
  if (!folder) return { out: [tagged(c, 'no-mailbox', { mailbox: name })] };
  const value = (w: string) =>
    w === 'MESSAGES' ? folder.messages.length
      : w === 'RECENT' ? 0
      : w === 'UIDNEXT' ? folder.uidNext
      : w === 'UIDVALIDITY' ? folder.uidValidity
      : w === 'UNSEEN' ? folder.messages.filter((m) => !m.flags.has('\\Seen')).length
      : folder.messages.reduce((n, m) => n + m.size, 0);
  const sync = syncSelected(c.session, c.hooks, false);
  const line = `* STATUS ${imapMailboxName(folder.name)} (${wanted.map((w) => `${w} ${value(w)}`).join(' ')})`;
  return done(c, [...sync.lines, line], 'status.ok', sync.selected ? { selected: sync.selected } : {});
}

/** listPatternMatches: `*` matches anything, `%` anything but the separator "/" (RFC 9051 §6.3.9). */
export function listPatternMatches(pattern: string, name: string): boolean {
  const re = pattern.split('').map((ch) => (ch === '*' ? '.*' : ch === '%' ? '[^/]*' : ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${re}$`, name === 'INBOX' ? 'i' : '').test(name);
}

function list(c: CommandContext, verb: 'LIST' | 'LSUB'): ImapDecision {
  // LIST-EXTENDED selection options and RETURN options are read past, not honoured.
  const args: ImapValue[] = c.cmd.args.filter((a, i) => !(a.kind === 'list' && i === 0));
  const ref = astringOf(args[0]);
  const pattern = astringOf(args[1]);
  if (ref === undefined || pattern === undefined) return refuse(c, 'bad.args', { command: verb });
  if (pattern === '' && verb === 'LIST') return done(c, ['* LIST (\\Noselect) "/" ""'], 'list.ok');
  const box = userBox(c);
  const names = box ? [...box.folders.keys()] : [];
  names.sort((a, b) => (a === 'INBOX' ? -1 : b === 'INBOX' ? 1 : 0));
  const lines = names
    .filter((n) => listPatternMatches(`${ref}${pattern}`, n))
    .map((n) => {
      const children = names.some((o) => o.startsWith(`${n}/`)) ? '\\HasChildren' : '\\HasNoChildren';
      const attrs = verb === 'LSUB' ? '' : [children, SPECIAL_USE[n]].filter(Boolean).join(' ');
      return `* ${verb} (${attrs}) "/" ${imapMailboxName(n)}`;
    });
  return done(c, lines, verb === 'LIST' ? 'list.ok' : 'lsub.ok');
}

function create(c: CommandContext): ImapDecision {
  const name = astringOf(c.cmd.args[0])?.replace(/\/$/, '');
  if (!name) return refuse(c, 'bad.args', { command: 'CREATE' });
  if (findFolder(userBox(c), name)) return { out: [tagged(c, 'create.exists')] };
  return c.hooks.createFolder(c.session.user ?? '', name) ? done(c, [], 'create.ok') : refuse(c, 'bad.args', { command: 'CREATE' });
}

function remove(c: CommandContext): ImapDecision {
  const name = astringOf(c.cmd.args[0]);
  if (!name) return refuse(c, 'bad.args', { command: 'DELETE' });
  if (name.toUpperCase() === 'INBOX') return { out: [tagged(c, 'delete.inbox')] };
  const folder = findFolder(userBox(c), name);
  if (!folder) return { out: [tagged(c, 'no-mailbox', { mailbox: name })] };
  c.hooks.deleteFolder(c.session.user ?? '', folder.name);
  const leaving = c.session.selected?.folder === folder.name;
  return done(c, [], 'delete.ok', leaving ? { state: 'authenticated', selected: undefined } : {});
}

function append(c: CommandContext): ImapDecision {
  const args = c.cmd.args;
  const name = astringOf(args[0]);
  const message = args[args.length - 1];
  if (name === undefined || args.length < 2 || args.length > 4 || message.kind !== 'string') return refuse(c, 'bad.args', { command: 'APPEND' });
  const flagArg = args.length > 2 && args[1].kind === 'list' ? args[1] : undefined;
  const flags = flagArg ? parseFlagList([flagArg]) : [];
  if (!flags) return refuse(c, 'bad.args', { command: 'APPEND' });
  if (!findFolder(userBox(c), name)) return { out: [tagged(c, 'no-mailbox.trycreate', { mailbox: name })] };
  const stored = c.hooks.append(c.session.user ?? '', findFolder(userBox(c), name)!.name, message.text, flags);
  if (!stored) return { out: [tagged(c, 'no-mailbox.trycreate', { mailbox: name })] };
  const sync = syncSelected(c.session, c.hooks, false);
  return done(c, sync.lines, 'append.ok', sync.selected ? { selected: sync.selected } : {});
}

/** MAILBOX_COMMANDS: the handlers of the authenticated state, by command name. */
export const MAILBOX_COMMANDS: Record<string, MailboxHandler> = {
  SELECT: (c) => select(c, false),
  EXAMINE: (c) => select(c, true),
  STATUS: status,
  LIST: (c) => list(c, 'LIST'),
  LSUB: (c) => list(c, 'LSUB'),
  CREATE: create,
  DELETE: remove,
  RENAME: (c) => ({ out: [tagged(c, 'rename.cannot')] }),
  SUBSCRIBE: (c) => (astringOf(c.cmd.args[0]) === undefined ? refuse(c, 'bad.args', { command: 'SUBSCRIBE' }) : done(c, [], 'subscribe.ok')),
  UNSUBSCRIBE: (c) => (astringOf(c.cmd.args[0]) === undefined ? refuse(c, 'bad.args', { command: 'UNSUBSCRIBE' }) : done(c, [], 'unsubscribe.ok')),
  APPEND: append,
};
