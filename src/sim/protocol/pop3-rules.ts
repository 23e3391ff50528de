/**
 * The POP3 server's decisions as pure functions (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS,
 * RFC 5034 AUTH): given the session so far and one line from the client, what to answer and
 * what changes. The statechart in `agents/pop3-server.ts` sequences them through the RFC's
 * states AUTHORIZATION → TRANSACTION → UPDATE; the mail store comes in as `Pop3Hooks`.
 * Every text comes from `pop3-replies.ts` and matches Dovecot (shared/REAL-REPLIES.md).
 */
import { octets } from './bytes';
import { dotStuff } from './dot-stuffing';
import { splitMessage } from './message';
import { parsePop3Command, readNumber } from './pop3-command';
import { pop3Reply as reply } from './pop3-replies';
import { decodeLoginStep, decodePlain, isSaslCancel, LOGIN_PASSWORD_CHALLENGE, LOGIN_USERNAME_CHALLENGE } from './sasl';

/** POP3_MAX_LINE: the longest command line read, in octets (Dovecot's login input buffer). */
export const POP3_MAX_LINE = 4096;
/** PRELOGIN_MAX_BAD: Dovecot's pop3-login hangs up after this many unknown commands. */
export const PRELOGIN_MAX_BAD = 3;
/** SESSION_MAX_BAD: Dovecot's pop3 process hangs up after this many failed commands in a row. */
export const SESSION_MAX_BAD = 20;

/** Pop3Policy: how one POP3 service is configured. */
export interface Pop3Policy {
  /** `starttls` on 110 (STLS offered), `implicit` on 995, `none` without TLS. */
  tls: 'starttls' | 'implicit' | 'none';
}

/** Pop3Message: one message of the maildrop as a session sees it (fixed at login, RFC 1939 §5). */
export interface Pop3Message {
  uid: number;
  /** The unique-id listing (Dovecot `%08Xu%08Xv`, lower case as recorded). */
  uidl: string;
  /** Octets with CRLF, exactly what RETR sends before stuffing. */
  size: number;
  raw: string;
  /** The world's message id, for the trace. */
  msg: string;
}

/** AuthVerdict: what the account store says about a user name and password. */
export type AuthVerdict = 'ok' | 'fail' | 'app-password-required';

/** Pop3Hooks: the mail store behind the server. */
export interface Pop3Hooks {
  authenticate(user: string, password: string): AuthVerdict;
  /** Opens the user's INBOX after login; undefined when the user has no mailbox here. */
  openMaildrop(user: string): Pop3Message[] | undefined;
  /** UPDATE state: expunge the deleted messages, flag the retrieved ones \Seen (by UID). */
  commit(user: string, change: { deleted: number[]; seen: number[] }): void;
}

/** Pop3Session: what the server knows about one conversation. */
export interface Pop3Session {
  phase: 'authorization' | 'transaction' | 'update';
  tls: boolean;
  /** The name given with USER, waiting for PASS. */
  user?: string;
  authUser?: string;
  /** An AUTH exchange waiting for the client's next base64 line. */
  sasl?: { step: 'plain' | 'login-user' | 'login-pass'; user?: string };
  maildrop: readonly Pop3Message[];
  /** Indexes marked with DELE. */
  deleted: readonly number[];
  /** Indexes fetched with RETR (Dovecot sets \Seen for them at QUIT). */
  retrieved: readonly number[];
  /** Failed commands in a row. */
  bad: number;
}

/** Pop3Decision: what to send (each item one write, maybe several CRLF lines) and what follows. */
export interface Pop3Decision {
  out: string[];
  patch?: Partial<Pop3Session>;
  /** `tls`: start the handshake after sending; `close`: hang up after sending; `login`: now in TRANSACTION. */
  next?: 'tls' | 'close' | 'login';
  /** Send `out` only after the authentication failure delay. */
  delay?: boolean;
  /** The world's message id when the answer carries a message (RETR, TOP), for the trace. */
  msg?: string;
}

/** newPop3Session returns the state of a fresh connection. */
export function newPop3Session(tls: boolean): Pop3Session {
  return { phase: 'authorization', tls, maildrop: [], deleted: [], retrieved: [], bad: 0 };
}

/** pop3Uidl formats a unique id as Dovecot's `pop3_uidl_format = %08Xu%08Xv` does. */
export function pop3Uidl(uid: number, uidValidity: number): string {
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return `${hex(uid)}${hex(uidValidity)}`;
}

const CAPABILITIES = ['CAPA', 'TOP', 'UIDL', 'RESP-CODES', 'PIPELINING', 'AUTH-RESP-CODE'];

/** pop3Capabilities lists CAPA's lines for a session (RFC 2449 §5); STLS only before TLS, login methods only before login. */
export function pop3Capabilities(policy: Pop3Policy, session: Pop3Session): string[] {
  if (session.phase !== 'authorization') return [...CAPABILITIES];
  const caps = [...CAPABILITIES];
  if (policy.tls === 'starttls' && !session.tls) caps.push('STLS');
  caps.push('USER', 'SASL PLAIN LOGIN');
  return caps;
}

const multi = (first: string, lines: string[]) => [first, ...lines, '.'].join('\r\n');

/** decidePop3 answers one line from the client. */
export function decidePop3(policy: Pop3Policy, session: Pop3Session, line: string, hooks: Pop3Hooks): Pop3Decision {
  if (octets(line) > POP3_MAX_LINE) return { out: [reply('input-full')], next: 'close' };
  if (session.sasl) return saslStep(session, line, hooks);
  if (session.phase === 'authorization') return authorization(policy, session, line, hooks);
  return transaction(policy, session, line, hooks);
}

function authorization(policy: Pop3Policy, s: Pop3Session, line: string, hooks: Pop3Hooks): Pop3Decision {
  const cmd = parsePop3Command(line);
  switch (cmd.verb) {
    case 'CAPA':
      return ok([multi(reply('capa.list'), pop3Capabilities(policy, s))]);
    case 'STLS':
      // RFC 2595 §4: STLS only in AUTHORIZATION, once.
      if (s.tls) return ok([reply('stls.active')]);
      if (policy.tls !== 'starttls') return ok([reply('stls.disabled')]);
      return { out: [reply('stls.ok')], next: 'tls', patch: { bad: 0 } };
    case 'USER':
      return { out: [reply('user.ok')], patch: { user: cmd.args, bad: 0 } };
    case 'PASS':
      if (s.user === undefined) return ok([reply('login.no-user')]);
      return login(s.user, cmd.args, hooks, { user: undefined });
    case 'AUTH':
      return auth(cmd.args, hooks);
    case 'QUIT':
      return { out: [reply('quit.prelogin')], next: 'close' };
  }
  // Dovecot's pop3-login knows nothing else, not even STAT; three of these end the session.
  const bad = s.bad + 1;
  if (bad >= PRELOGIN_MAX_BAD) return { out: [reply('unknown.prelogin'), reply('too-many-bad.prelogin')], next: 'close' };
  return { out: [reply('unknown.prelogin')], patch: { bad } };
}

function ok(out: string[]): Pop3Decision {
  return { out, patch: { bad: 0 } };
}

function auth(args: string, hooks: Pop3Hooks): Pop3Decision {
  if (args === '') return ok([multi(reply('auth.list'), ['PLAIN', 'LOGIN'])]);
  const [mech, initial] = args.split(' ', 2);
  // RFC 5034 §4: the initial response may come on the AUTH line; "=" stands for an empty one.
  if (mech.toUpperCase() === 'PLAIN') {
    if (initial === undefined) return { out: [reply('sasl.continue', { challenge: '' })], patch: { sasl: { step: 'plain' } } };
    return plain(initial, hooks);
  }
  if (mech.toUpperCase() === 'LOGIN') {
    if (initial === undefined) return { out: [reply('sasl.continue', { challenge: LOGIN_USERNAME_CHALLENGE })], patch: { sasl: { step: 'login-user' } } };
    const user = decodeLoginStep(initial);
    if (typeof user !== 'string') return { out: [reply('sasl.bad-base64')], delay: true };
    return { out: [reply('sasl.continue', { challenge: LOGIN_PASSWORD_CHALLENGE })], patch: { sasl: { step: 'login-pass', user } } };
  }
  return ok([reply('sasl.unsupported')]);
}

function plain(b64: string, hooks: Pop3Hooks): Pop3Decision {
  const creds = decodePlain(b64);
  if ('kind' in creds) return { out: [reply(creds.kind === 'bad-base64' ? 'sasl.bad-base64' : 'login.failed')], patch: { sasl: undefined }, delay: true };
  return login(creds.authcid, creds.password, hooks, { sasl: undefined });
}

function saslStep(s: Pop3Session, line: string, hooks: Pop3Hooks): Pop3Decision {
  const step = s.sasl!;
  if (isSaslCancel(line)) return { out: [reply('sasl.aborted')], patch: { sasl: undefined } };
  if (step.step === 'plain') return plain(line.trim(), hooks);
  const value = decodeLoginStep(line.trim());
  if (typeof value !== 'string') return { out: [reply('sasl.bad-base64')], patch: { sasl: undefined }, delay: true };
  if (step.step === 'login-user') return { out: [reply('sasl.continue', { challenge: LOGIN_PASSWORD_CHALLENGE })], patch: { sasl: { step: 'login-pass', user: value } } };
  return login(step.user ?? '', value, hooks, { sasl: undefined });
}

function login(user: string, password: string, hooks: Pop3Hooks, clear: Partial<Pop3Session>): Pop3Decision {
  const verdict = hooks.authenticate(user, password);
  const maildrop = verdict === 'ok' ? hooks.openMaildrop(user) : undefined;
  if (verdict === 'app-password-required') return { out: [reply('login.app-password')], patch: clear, delay: true };
  if (!maildrop) return { out: [reply('login.failed')], patch: clear, delay: true };
  // RFC 1939 §5: the maildrop is fixed for the session; numbers refer to this snapshot.
  return {
    out: [reply('login.ok')], next: 'login',
    patch: { ...clear, phase: 'transaction', authUser: user, user: undefined, maildrop, deleted: [], retrieved: [], bad: 0 },
  };
}

function transaction(policy: Pop3Policy, s: Pop3Session, line: string, hooks: Pop3Hooks): Pop3Decision {
  const cmd = parsePop3Command(line);
  const live = s.maildrop.map((_, i) => i).filter((i) => !s.deleted.includes(i));
  switch (cmd.verb) {
    case 'CAPA':
      return ok([multi(reply('capa.list'), pop3Capabilities(policy, s))]);
    case 'NOOP':
      return ok([reply('noop.ok')]);
    case 'STAT':
      return ok([reply('stat', { count: live.length, size: live.reduce((n, i) => n + s.maildrop[i].size, 0) })]);
    case 'LIST': {
      if (cmd.args === '') return ok([multi(reply('list.all', { count: live.length }), live.map((i) => `${i + 1} ${s.maildrop[i].size}`))]);
      const m = message(s, cmd.args, false);
      return 'index' in m ? ok([reply('list.one', { num: m.index + 1, size: s.maildrop[m.index].size })]) : fail(s, m.error);
    }
    case 'UIDL': {
      if (cmd.args === '') return ok([multi(reply('uidl.list'), live.map((i) => `${i + 1} ${s.maildrop[i].uidl}`))]);
      const m = message(s, cmd.args, false);
      return 'index' in m ? ok([reply('uidl.one', { num: m.index + 1, uidl: s.maildrop[m.index].uidl })]) : fail(s, m.error);
    }
    case 'RETR': {
      const m = message(s, cmd.args, false);
      if (!('index' in m)) return fail(s, m.error);
      const msg = s.maildrop[m.index];
      // RFC 1939 §3: byte-stuffed lines, then the lone dot.
      const out = `${reply('retr', { size: msg.size })}\r\n${dotStuff(msg.raw)}.`;
      return { out: [out], msg: msg.msg, patch: { bad: 0, retrieved: s.retrieved.includes(m.index) ? s.retrieved : [...s.retrieved, m.index] } };
    }
    case 'TOP': {
      const m = message(s, cmd.args, true);
      if (!('index' in m)) return fail(s, m.error);
      const n = readNumber(m.rest, false);
      if (!n.ok) return fail(s, reply(n.problem === 'noise' ? 'size.noise' : 'size.invalid', { arg: n.text }));
      return { ...ok([`${reply('top.ok')}\r\n${dotStuff(topOf(s.maildrop[m.index].raw, n.value))}.`]), msg: s.maildrop[m.index].msg };
    }
    case 'DELE': {
      const m = message(s, cmd.args, false);
      if (!('index' in m)) return fail(s, m.error);
      return { out: [reply('dele')], patch: { bad: 0, deleted: [...s.deleted, m.index] } };
    }
    case 'RSET':
      return { out: [reply('rset.ok')], patch: { bad: 0, deleted: [], retrieved: [] } };
    case 'QUIT': {
      // RFC 1939 §6: QUIT from TRANSACTION enters UPDATE; only now are messages removed.
      const uids = (list: readonly number[]) => list.map((i) => s.maildrop[i].uid);
      hooks.commit(s.authUser ?? '', { deleted: uids(s.deleted), seen: uids(s.retrieved.filter((i) => !s.deleted.includes(i))) });
      return { out: [reply(s.deleted.length ? 'quit.deleted' : 'quit')], next: 'close', patch: { phase: 'update' } };
    }
  }
  return fail(s, reply('unknown', { command: cmd.verb }));
}

function fail(s: Pop3Session, text: string): Pop3Decision {
  const bad = s.bad + 1;
  if (bad >= SESSION_MAX_BAD) return { out: [text, reply('too-many-bad')], next: 'close' };
  return { out: [text], patch: { bad } };
}

function message(s: Pop3Session, args: string, thenSpace: boolean): { index: number; rest: string } | { error: string } {
  const n = readNumber(args, thenSpace);
  if (!n.ok) return { error: reply(n.problem === 'invalid' ? 'msg.invalid' : n.problem === 'too-large' ? 'msg.too-large' : 'msg.noise', { arg: n.text }) };
  if (n.value === 0 || n.value > s.maildrop.length) return { error: reply('msg.none', { num: n.value }) };
  if (s.deleted.includes(n.value - 1)) return { error: reply('msg.deleted') };
  return { index: n.value - 1, rest: n.rest };
}

/** topOf returns the header, the empty line and the first `lines` body lines of a message (RFC 1939 §7). */
export function topOf(raw: string, lines: number): string {
  const { header, body } = splitMessage(raw);
  const bodyLines = body.split(/\r\n|\n/);
  if (bodyLines[bodyLines.length - 1] === '') bodyLines.pop();
  const kept = bodyLines.slice(0, lines);
  return `${header}\r\n${kept.map((l) => `${l}\r\n`).join('')}`;
}
