/**
 * The IMAP server's session state and what the rule files share: the states of RFC 9051 §3
 * (not authenticated, authenticated, selected, logout), the mail store behind the server as
 * `ImapHooks`, a decision's shape, capabilities as Dovecot lists them, and the mailbox sync that
 * tells a client about new (`* n EXISTS`) and removed (`* n EXPUNGE`) messages.
 */
import type { Folder, Mailbox, StoredMessage } from '../store/mailboxes';
import type { ImapCommand, ImapFrame } from './imap-parse';
import { imapReply, type ImapReplyKey } from './imap-replies';
import type { MailboxVars } from './mailbox-reply-table';
import type { AuthVerdict } from './pop3-rules';

/** IMAP_PRELOGIN_MAX_LINE: Dovecot's imap-login reads command lines up to 8 KiB. */
export const IMAP_PRELOGIN_MAX_LINE = 8192;
/** IMAP_MAX_LINE: Dovecot's imap_max_line_length (64 KiB) after login. */
export const IMAP_MAX_LINE = 65536;
/** IMAP_MAX_LITERAL: the largest literal accepted after login (an APPENDed message). */
export const IMAP_MAX_LITERAL = 16 * 1024 * 1024;
/** IMAP_PRELOGIN_MAX_BAD: bad commands before Dovecot's imap-login hangs up. */
export const IMAP_PRELOGIN_MAX_BAD = 3;
/** IMAP_MAX_BAD: bad commands in a row before Dovecot's imap process hangs up. */
export const IMAP_MAX_BAD = 20;

/** ImapPolicy: how one IMAP service is configured. */
export interface ImapPolicy {
  /** `starttls` on 143, `implicit` on 993, `none` without TLS. */
  tls: 'starttls' | 'implicit' | 'none';
}

/** ImapSelected: the selected mailbox as this session sees it; `view[i]` is message number i + 1. */
export interface ImapSelected {
  folder: string;
  readOnly: boolean;
  view: StoredMessage[];
}

/** ImapSession: what the server knows about one conversation. */
export interface ImapSession {
  state: 'not-authenticated' | 'authenticated' | 'selected' | 'logout';
  tls: boolean;
  user?: string;
  selected?: ImapSelected;
  /** The command being read across literals. */
  frame: ImapFrame;
  /** Bad commands in a row. */
  bad: number;
  /** AUTHENTICATE waiting for the client's next base64 line. */
  sasl?: { tag: string; step: 'plain' | 'login-user' | 'login-pass'; user?: string };
  /** IDLE in progress, waiting for DONE. */
  idle?: { tag: string };
}

/** ImapHooks: the mail store and accounts behind the server. */
export interface ImapHooks {
  authenticate(user: string, password: string): AuthVerdict;
  mailbox(user: string): Mailbox | undefined;
  /** Arrival time of a stored message in epoch ms (INTERNALDATE). */
  internalDate(m: StoredMessage): number;
  /** Removes these UIDs from a folder. */
  expunge(user: string, folder: Folder, uids: readonly number[]): void;
  /** Stores a message into a folder (APPEND, COPY); undefined when the folder is missing or full. */
  append(user: string, folder: string, raw: string, flags: readonly string[]): StoredMessage | undefined;
  createFolder(user: string, name: string): boolean;
  deleteFolder(user: string, name: string): boolean;
}

/** ImapDecision: the response lines (each one write, literals inline) and what follows. */
export interface ImapDecision {
  out: string[];
  patch?: Partial<ImapSession>;
  /** `tls`: handshake after sending; `close`: hang up after sending; `idle`: now idling. */
  next?: 'tls' | 'close' | 'idle';
  /** Send `out` only after the authentication failure delay. */
  delay?: boolean;
  /** The world's message id when a response carries one message, for the trace. */
  msg?: string;
}

/** CommandContext: one command and everything a handler may look at. */
export interface CommandContext {
  policy: ImapPolicy;
  session: ImapSession;
  hooks: ImapHooks;
  cmd: ImapCommand;
}

const BASE_CAPS = ['IMAP4rev1', 'SASL-IR', 'LOGIN-REFERRALS', 'ID', 'ENABLE', 'IDLE', 'LITERAL+'];

/** imapCapabilities lists the capabilities as Dovecot does: before login with STARTTLS and AUTH=, after login the extensions. */
export function imapCapabilities(policy: ImapPolicy, session: ImapSession): string {
  if (session.state === 'not-authenticated') {
    const caps = [...BASE_CAPS];
    if (policy.tls === 'starttls' && !session.tls) caps.push('STARTTLS');
    caps.push('AUTH=PLAIN', 'AUTH=LOGIN');
    return caps.join(' ');
  }
  return [...BASE_CAPS.slice(0, -1), 'UNSELECT', 'CHILDREN', 'NAMESPACE', 'LITERAL+'].join(' ');
}

/** tagged writes the final response of the current command. */
export function tagged(c: CommandContext, key: ImapReplyKey, vars?: MailboxVars): string {
  return imapReply(c.cmd.tag, key, vars);
}

/** done answers a command that worked: untagged lines, then the tagged OK; the bad counter resets. */
export function done(c: CommandContext, lines: string[], key: ImapReplyKey, patch: Partial<ImapSession> = {}, vars?: MailboxVars): ImapDecision {
  return { out: [...lines, tagged(c, key, vars)], patch: { bad: 0, ...patch } };
}

/** refuse answers NO or BAD; BAD answers count towards the bad-command limit (RFC 9051 §7.1.3). */
export function refuse(c: CommandContext, key: ImapReplyKey, vars?: MailboxVars): ImapDecision {
  const line = tagged(c, key, vars);
  if (!line.startsWith(`${c.cmd.tag} BAD`)) return { out: [line] };
  return countBad(c.session, [line]);
}

/** countBad adds one bad command; at the limit the server says BYE and hangs up. */
export function countBad(session: ImapSession, out: string[]): ImapDecision {
  const bad = session.bad + 1;
  const limit = session.state === 'not-authenticated' ? IMAP_PRELOGIN_MAX_BAD : IMAP_MAX_BAD;
  if (bad >= limit) return { out: [imapReply('*', 'too-many-bad')], next: 'close' };
  return { out, patch: { bad } };
}

/** findFolder looks a folder up by name; INBOX in any case (RFC 9051 §5.1). */
export function findFolder(box: Mailbox | undefined, name: string): Folder | undefined {
  if (!box) return undefined;
  if (name.toUpperCase() === 'INBOX') return box.folders.get('INBOX');
  return box.folders.get(name);
}

/**
 * syncSelected compares the session's view with the folder: new messages become `* n EXISTS`;
 * with `expunges` (not during FETCH, STORE or SEARCH, RFC 9051 §7.5.1) messages removed by
 * another session become `* n EXPUNGE`.
 */
export function syncSelected(session: ImapSession, hooks: ImapHooks, expunges: boolean): { lines: string[]; selected?: ImapSelected } {
  const sel = session.selected;
  const folder = sel ? findFolder(hooks.mailbox(session.user ?? ''), sel.folder) : undefined;
  if (!sel || !folder) return { lines: [] };
  const lines: string[] = [];
  let view = sel.view;
  if (expunges) {
    const present = new Set(folder.messages);
    if (view.some((m) => !present.has(m))) {
      const kept: StoredMessage[] = [];
      view.forEach((m, i) => {
        if (present.has(m)) kept.push(m);
        else lines.push(`* ${i + 1 - (i - kept.length)} EXPUNGE`);
      });
      view = kept;
    }
  }
  const lastUid = view.length ? view[view.length - 1].uid : 0;
  const fresh = folder.messages.filter((m) => m.uid > lastUid);
  if (fresh.length) {
    view = [...view, ...fresh];
    lines.push(`* ${view.length} EXISTS`, '* 0 RECENT');
  }
  return view === sel.view ? { lines } : { lines, selected: { ...sel, view } };
}
