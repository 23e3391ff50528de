/**
 * The protocol console's screen, derived from the trace: the lines a student typed
 * (`console.input` events of one console session), the server's replies on that session's
 * connection (`smtp.reply`, `pop3.reply`, `imap.reply`), and notes for connect, TLS and close —
 * the way telnet or `openssl s_client` shows a session. Also command completion per protocol and
 * the AUTH PLAIN encoding a student needs to log in by hand.
 */
import type { TraceEvent } from '../sim/kernel/trace';

/** ConsoleProto: the protocol spoken on a port (`tcp` when unknown). */
export type ConsoleProto = 'smtp' | 'pop3' | 'imap' | 'tcp';

const PORT_PROTO: Record<number, ConsoleProto> = { 25: 'smtp', 465: 'smtp', 587: 'smtp', 2525: 'smtp', 110: 'pop3', 995: 'pop3', 143: 'imap', 993: 'imap' };

/** protoOfPort names the protocol usually spoken on a port. */
export function protoOfPort(port: number): ConsoleProto {
  return PORT_PROTO[port] ?? 'tcp';
}

/** IMPLICIT_TLS_PORTS: ports where TLS starts before the first protocol byte (RFC 8314). */
export const IMPLICIT_TLS_PORTS: readonly number[] = [465, 993, 995];

/** ConsoleSessionInfo: one console session as opened. */
export interface ConsoleSessionInfo {
  session: string;
  conn: string;
  from: string;
  to: string;
  port: number;
  opened: number;
}

/** consoleSessions lists the console sessions opened in the trace, in the order they were opened. */
export function consoleSessions(trace: readonly TraceEvent[]): ConsoleSessionInfo[] {
  const out: ConsoleSessionInfo[] = [];
  const seen = new Set<string>();
  for (const e of trace) {
    if (e.type !== 'console.input' || !e.session || !e.conn || seen.has(e.session)) continue;
    seen.add(e.session);
    const [host, port] = (e.detail ?? '').split(/:(?=\d+$)/);
    out.push({ session: e.session, conn: e.conn, from: e.host ?? '', to: host ?? '', port: Number(port ?? 0), opened: e.t });
  }
  return out;
}

/** ConsoleNote: what an `info` line says (the UI words it). */
export type ConsoleNote = 'connecting' | 'connected' | 'refused' | 'timeout' | 'closed' | 'tls-start' | 'tls' | 'tls-failed' | 'not-connected';

/** ConsoleScreenLine: one line of the console's screen. */
export interface ConsoleScreenLine {
  /** Index of the event in the trace. */
  index: number;
  /** When the line appears on the student's screen (a reply when it arrives). */
  at: number;
  dir: 'C' | 'S' | 'info';
  text: string;
  note?: ConsoleNote;
  code?: number;
  enhanced?: string;
  /** True when the line travelled inside TLS. */
  tls?: boolean;
  /** For a server line: the command it answers (the last line typed before it). */
  answers?: string;
}

const REPLY_TYPES = new Set(['smtp.reply', 'pop3.reply', 'imap.reply']);

/**
 * consoleScreen derives one session's screen from the trace: what was typed, what the server
 * answered, and the connection's notes. Lines are in trace order; `at` says when each shows.
 */
export function consoleScreen(trace: readonly TraceEvent[], session: string): ConsoleScreenLine[] {
  const lines: ConsoleScreenLine[] = [];
  let conn: string | undefined;
  let closed = false;
  let lastTyped: string | undefined;
  trace.forEach((e, index) => {
    if (e.type === 'console.input' && e.session === session) {
      if (conn === undefined) {
        conn = e.conn;
        lines.push({ index, at: e.t, dir: 'info', text: e.detail ?? '', note: 'connecting' });
        return;
      }
      lines.push({ index, at: e.t, dir: 'C', text: e.what });
      lastTyped = e.what;
      // The line went out only if the connection carried it at that moment (a command event follows).
      if (!sentAt(trace, index, conn)) lines.push({ index, at: e.t, dir: 'info', text: '', note: 'not-connected' });
      return;
    }
    if (conn === undefined || (e as { conn?: unknown }).conn !== conn) return;
    const arrive = 'arrive' in e && typeof e.arrive === 'number' ? e.arrive : e.t;
    if (REPLY_TYPES.has(e.type) && 'line' in e) {
      lines.push({ index, at: arrive, dir: 'S', text: e.line, code: e.code, enhanced: e.enhanced, tls: !!e.tls, answers: lastTyped });
      return;
    }
    switch (e.type) {
      case 'net.accept':
        lines.push({ index, at: arrive, dir: 'info', text: '', note: 'connected' });
        break;
      case 'net.refuse':
        closed = true;
        lines.push({ index, at: arrive, dir: 'info', text: '', note: 'refused' });
        break;
      case 'net.timeout':
        closed = true;
        lines.push({ index, at: e.t, dir: 'info', text: e.reason, note: 'timeout' });
        break;
      case 'net.close':
        if (closed) break;
        closed = true;
        lines.push({ index, at: arrive, dir: 'info', text: e.from, note: 'closed' });
        break;
      case 'tls.step':
        if (e.step === 'ClientHello') lines.push({ index, at: e.t, dir: 'info', text: e.detail ?? '', note: 'tls-start' });
        break;
      case 'tls.established':
        lines.push({ index, at: e.t, dir: 'info', text: '', note: 'tls' });
        break;
      case 'tls.failed':
        lines.push({ index, at: e.t, dir: 'info', text: e.reason ?? '', note: 'tls-failed' });
        break;
    }
  });
  return lines;
}

/** sentAt tells whether the console line at `index` went out: a protocol line on its connection follows at the same moment. */
function sentAt(trace: readonly TraceEvent[], index: number, conn: string | undefined): boolean {
  const t = trace[index].t;
  for (let j = index + 1; j < trace.length && trace[j].t === t; j++) {
    const e = trace[j];
    if ((e as { conn?: unknown }).conn === conn && 'dir' in e && e.dir === 'C') return true;
  }
  return false;
}

/** linesAt keeps the lines that have appeared by virtual time `now`. */
export function linesAt(lines: readonly ConsoleScreenLine[], now: number): ConsoleScreenLine[] {
  return lines.filter((l) => l.at <= now);
}

/**
 * replyDueBy says how long to play after the student acted at time `from` until the server's
 * answer has arrived: the first line or note on the connection after `from` (if it comes within
 * `maxWait`, which covers a connect timeout), and whatever follows it closely (a multi-line
 * reply, a close), up to the next thing typed. Undefined when nothing comes back soon (a line
 * inside DATA) — playing on would only reach the server's idle timeout.
 */
export function replyDueBy(lines: readonly ConsoleScreenLine[], from: number, maxWait = 60_000, gap = 2_000): number | undefined {
  let due: number | undefined;
  for (const l of lines) {
    if (l.at < from) continue;
    if (l.dir === 'C') {
      if (l.at > from) break;
      continue;
    }
    if (l.note === 'connecting' || l.note === 'not-connected') continue;
    if (due === undefined ? l.at - from > maxWait : l.at - due > gap) break;
    due = Math.max(due ?? l.at, l.at);
  }
  return due;
}

/** ConsoleStatus: what the console's buttons may do now. */
export interface ConsoleStatus {
  open: boolean;
  closed: boolean;
  tls: boolean;
  /** The server agreed to STARTTLS/STLS and the handshake has not started yet. */
  canStartTls: boolean;
}

const STARTTLS = /^(?:STARTTLS|STLS|\S+\s+STARTTLS)\s*$/i;

/** consoleStatus reads the state of the connection from the lines shown. */
export function consoleStatus(lines: readonly ConsoleScreenLine[]): ConsoleStatus {
  let open = false;
  let closed = false;
  let tls = false;
  let tlsStarted = false;
  let agreed = false;
  for (const l of lines) {
    if (l.note === 'connected') open = true;
    if (l.note === 'refused' || l.note === 'timeout' || l.note === 'closed') {
      closed = true;
      open = false;
    }
    if (l.note === 'tls-start') tlsStarted = true;
    if (l.note === 'tls') tls = true;
    if (l.dir === 'C') agreed = false;
    if (l.dir === 'S' && l.answers !== undefined && STARTTLS.test(l.answers)) {
      agreed = /^220 /.test(l.text) || /^\+OK/.test(l.text) || /^\S+ OK\b/.test(l.text);
    }
  }
  return { open, closed, tls, canStartTls: open && !tls && !tlsStarted && agreed };
}

/** COMMANDS: what a student can type, per protocol, as completion offers it. */
export const COMMANDS: Record<Exclude<ConsoleProto, 'tcp'>, readonly string[]> = {
  smtp: ['EHLO ', 'HELO ', 'STARTTLS', 'AUTH PLAIN ', 'AUTH LOGIN', 'MAIL FROM:<', 'RCPT TO:<', 'DATA', 'RSET', 'NOOP', 'VRFY ', 'HELP', 'QUIT'],
  pop3: ['CAPA', 'STLS', 'USER ', 'PASS ', 'AUTH PLAIN ', 'STAT', 'LIST', 'UIDL', 'RETR ', 'TOP ', 'DELE ', 'RSET', 'NOOP', 'QUIT'],
  imap: ['CAPABILITY', 'STARTTLS', 'LOGIN ', 'AUTHENTICATE PLAIN', 'LIST "" "*"', 'SELECT INBOX', 'EXAMINE INBOX', 'STATUS INBOX (MESSAGES UNSEEN)', 'FETCH 1:* (FLAGS)', 'FETCH 1 BODY[]', 'UID FETCH ', 'STORE ', 'SEARCH ALL', 'EXPUNGE', 'NOOP', 'IDLE', 'LOGOUT'],
};

/** Completion: what Tab makes of the input, and the choices when more than one fits. */
export interface Completion {
  text: string;
  options: string[];
}

function commonPrefix(words: readonly string[]): string {
  if (!words.length) return '';
  let p = words[0];
  for (const w of words) while (!w.toUpperCase().startsWith(p.toUpperCase())) p = p.slice(0, -1);
  return p;
}

/**
 * completeCommand finishes the command being typed: one fitting command is filled in, several are
 * filled to their common beginning and listed. IMAP commands follow a tag (`a1 LOG` → `a1 LOGIN `).
 */
export function completeCommand(input: string, proto: ConsoleProto): Completion {
  if (proto === 'tcp') return { text: input, options: [] };
  let tag = '';
  let rest = input;
  if (proto === 'imap') {
    const m = /^(\S+\s+)(.*)$/.exec(input);
    if (!m) return { text: input, options: [] };
    [, tag, rest] = m;
  }
  const upper = rest.toUpperCase();
  const options = COMMANDS[proto].filter((c) => c.toUpperCase().startsWith(upper) && c.length > 0);
  if (options.length === 0) return { text: input, options: [] };
  if (options.length === 1) return { text: tag + options[0], options: [] };
  const prefix = commonPrefix(options);
  return { text: tag + (prefix.length > rest.length ? prefix : rest), options: options.map((o) => o.trim()) };
}

/** nextImapTag proposes the next tag (`a1`, `a2`, …) from the lines already typed. */
export function nextImapTag(lines: readonly ConsoleScreenLine[]): string {
  let n = 0;
  for (const l of lines) {
    const m = l.dir === 'C' ? /^a(\d+)\s/i.exec(l.text) : null;
    if (m) n = Math.max(n, Number(m[1]));
  }
  return `a${n + 1}`;
}

/**
 * authPlain encodes the AUTH PLAIN response (RFC 4616): an empty authorisation identity, the
 * user name and the password, separated by NUL octets, as UTF-8 in base64.
 */
export function authPlain(user: string, password: string, authzid = ''): string {
  const octets = new TextEncoder().encode(`${authzid}\u0000${user}\u0000${password}`);
  let bin = '';
  for (const b of octets) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** base64Text encodes text as UTF-8 in base64 (for AUTH LOGIN's user name and password). */
export function base64Text(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}
