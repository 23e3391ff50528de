/**
 * The IMAP server's decisions as pure functions (RFC 9051 / RFC 3501 subset, Dovecot-like):
 * framing of commands with literals, the not-authenticated state (CAPABILITY, STARTTLS, LOGIN,
 * AUTHENTICATE PLAIN/LOGIN with SASL-IR or a `+` continuation), IDLE, LOGOUT, and the dispatch of
 * every other command to `imap-rules-mailbox.ts` (authenticated state) and
 * `imap-rules-selected.ts` (selected state). The statechart in `agents/imap-server.ts` sequences
 * them. Every status text comes from `imap-replies.ts`.
 */
import { decodeLoginStep, decodePlain, isSaslCancel, LOGIN_PASSWORD_CHALLENGE, LOGIN_USERNAME_CHALLENGE } from './sasl';
import { astringOf, feedImapLine, isImapParseError, NEW_IMAP_FRAME, parseImapCommand } from './imap-parse';
import { imapReply } from './imap-replies';
import { imapString } from './imap-format';
import {
  countBad, done, imapCapabilities, IMAP_MAX_LINE, IMAP_MAX_LITERAL, IMAP_PRELOGIN_MAX_LINE, refuse, syncSelected, tagged,
  type CommandContext, type ImapDecision, type ImapHooks, type ImapPolicy, type ImapSession,
} from './imap-session';
import { MAILBOX_COMMANDS } from './imap-rules-mailbox';
import { SELECTED_COMMANDS } from './imap-rules-selected';

export type { ImapDecision, ImapHooks, ImapPolicy, ImapSession } from './imap-session';

/** newImapSession returns the state of a fresh connection. */
export function newImapSession(tls: boolean): ImapSession {
  return { state: 'not-authenticated', tls, frame: NEW_IMAP_FRAME, bad: 0 };
}

/** imapGreeting is the untagged greeting with the pre-login capabilities. */
export function imapGreeting(policy: ImapPolicy, session: ImapSession): string {
  return imapReply('*', 'greeting', { caps: imapCapabilities(policy, session) });
}

/** decideImap answers one line from the client. */
export function decideImap(policy: ImapPolicy, session: ImapSession, line: string, hooks: ImapHooks): ImapDecision {
  if (session.sasl) return saslStep(policy, session, line, hooks);
  if (session.idle) return idleLine(session, line, hooks);
  const prelogin = session.state === 'not-authenticated';
  const step = feedImapLine(session.frame, line, prelogin ? IMAP_PRELOGIN_MAX_LINE : IMAP_MAX_LINE, prelogin ? IMAP_PRELOGIN_MAX_LINE : IMAP_MAX_LITERAL);
  if (step.kind === 'too-long') return { out: [imapReply('*', 'input-full')], next: 'close' };
  // RFC 9051 §4.3: a synchronizing literal gets a continuation request before its data.
  if (step.kind === 'more') return { out: step.continuation ? [imapReply('*', 'literal.continue')] : [], patch: { frame: step.frame } };
  const decision = decideCommand(policy, { ...session, frame: NEW_IMAP_FRAME }, step.text, hooks);
  return { ...decision, patch: { frame: NEW_IMAP_FRAME, ...decision.patch } };
}

function decideCommand(policy: ImapPolicy, session: ImapSession, text: string, hooks: ImapHooks): ImapDecision {
  const cmd = parseImapCommand(text);
  if (isImapParseError(cmd)) {
    if (cmd.error === 'empty') return { out: [] };
    if (cmd.error === 'bad-tag') return countBad(session, [imapReply('*', 'bad.tag')]);
    if (session.state === 'not-authenticated' || !cmd.name) return countBad(session, [imapReply(cmd.tag ?? '*', 'prelogin.bad')]);
    return countBad(session, [imapReply(cmd.tag!, 'bad.args', { command: cmd.name })]);
  }
  const c: CommandContext = { policy, session, hooks, cmd };
  if (session.state === 'not-authenticated') return notAuthenticated(c);
  return authenticated(c);
}

function notAuthenticated(c: CommandContext): ImapDecision {
  const { cmd, session, policy } = c;
  switch (cmd.name) {
    case 'CAPABILITY':
      return done(c, [`* CAPABILITY ${imapCapabilities(policy, session)}`], 'capability.prelogin');
    case 'NOOP':
      return done(c, [], 'noop.prelogin');
    case 'LOGOUT':
      return logout(c);
    case 'ID':
      return done(c, ['* ID ("name" "Dovecot")'], 'id.ok');
    case 'ENABLE':
      return done(c, ['* ENABLED'], 'enable.ok');
    case 'STARTTLS':
      if (session.tls) return refuse(c, 'starttls.active');
      if (policy.tls !== 'starttls') return refuse(c, 'starttls.disabled');
      return { out: [tagged(c, 'starttls.ok')], next: 'tls', patch: { bad: 0 } };
    case 'LOGIN': {
      const user = astringOf(cmd.args[0]);
      const password = astringOf(cmd.args[1]);
      if (user === undefined || password === undefined || cmd.args.length !== 2) return countBad(session, [tagged(c, 'prelogin.bad')]);
      return login(c, cmd.tag, user, password);
    }
    case 'AUTHENTICATE':
      return authenticate(c);
  }
  // Dovecot's hint for "LOGIN user pass" typed without a tag.
  if (cmd.tag.toUpperCase() === 'LOGIN') return { out: [tagged(c, 'login.tag-missing')] };
  return countBad(session, [tagged(c, 'prelogin.bad')]);
}

function login(c: CommandContext, tag: string, user: string, password: string): ImapDecision {
  const verdict = c.hooks.authenticate(user, password);
  if (verdict === 'app-password-required') return { out: [imapReply(tag, 'login.app-password')], delay: true, patch: { sasl: undefined } };
  if (verdict !== 'ok' || !c.hooks.mailbox(user)) return { out: [imapReply(tag, 'login.failed')], delay: true, patch: { sasl: undefined } };
  const after: ImapSession = { ...c.session, state: 'authenticated', user, sasl: undefined, bad: 0 };
  const caps = imapCapabilities(c.policy, after);
  return { out: [`* CAPABILITY ${caps}`, imapReply(tag, 'login.ok', { caps })], patch: { state: 'authenticated', user, sasl: undefined, bad: 0 } };
}

function authenticate(c: CommandContext): ImapDecision {
  const mech = astringOf(c.cmd.args[0])?.toUpperCase();
  const initial = astringOf(c.cmd.args[1]);
  const tag = c.cmd.tag;
  if (!mech) return countBad(c.session, [tagged(c, 'prelogin.bad')]);
  if (mech === 'PLAIN') {
    // RFC 4959 SASL-IR: the initial response may come with the command; "=" is an empty one.
    if (initial === undefined) return { out: [imapReply(tag, 'auth.continue', { challenge: '' })], patch: { sasl: { tag, step: 'plain' } } };
    return plain(c, tag, initial);
  }
  if (mech === 'LOGIN') {
    if (initial === undefined) return { out: [imapReply(tag, 'auth.continue', { challenge: LOGIN_USERNAME_CHALLENGE })], patch: { sasl: { tag, step: 'login-user' } } };
    const user = decodeLoginStep(initial);
    if (typeof user !== 'string') return { out: [imapReply(tag, 'auth.bad-base64')] };
    return { out: [imapReply(tag, 'auth.continue', { challenge: LOGIN_PASSWORD_CHALLENGE })], patch: { sasl: { tag, step: 'login-pass', user } } };
  }
  return { out: [tagged(c, 'auth.unsupported')] };
}

function plain(c: CommandContext, tag: string, b64: string): ImapDecision {
  const creds = decodePlain(b64);
  if ('kind' in creds) {
    if (creds.kind === 'bad-base64') return { out: [imapReply(tag, 'auth.bad-base64')], patch: { sasl: undefined } };
    return { out: [imapReply(tag, 'login.failed')], delay: true, patch: { sasl: undefined } };
  }
  return login(c, tag, creds.authcid, creds.password);
}

function saslStep(policy: ImapPolicy, session: ImapSession, line: string, hooks: ImapHooks): ImapDecision {
  const step = session.sasl!;
  const c: CommandContext = { policy, session, hooks, cmd: { tag: step.tag, name: 'AUTHENTICATE', args: [] } };
  // RFC 9051 §6.2.2: a lone "*" cancels the exchange.
  if (isSaslCancel(line)) return { out: [imapReply(step.tag, 'auth.aborted')], patch: { sasl: undefined } };
  if (step.step === 'plain') return plain(c, step.tag, line.trim());
  const value = decodeLoginStep(line.trim());
  if (typeof value !== 'string') return { out: [imapReply(step.tag, 'auth.bad-base64')], patch: { sasl: undefined } };
  if (step.step === 'login-user') return { out: [imapReply(step.tag, 'auth.continue', { challenge: LOGIN_PASSWORD_CHALLENGE })], patch: { sasl: { ...step, step: 'login-pass', user: value } } };
  return login(c, step.tag, step.user ?? '', value);
}

function logout(c: CommandContext): ImapDecision {
  return { out: [imapReply('*', 'logout.bye'), tagged(c, 'logout.ok')], next: 'close', patch: { state: 'logout' } };
}

function authenticated(c: CommandContext): ImapDecision {
  const { cmd, session } = c;
  switch (cmd.name) {
    case 'CAPABILITY':
      return done(c, [`* CAPABILITY ${imapCapabilities(c.policy, session)}`], 'capability.ok');
    case 'NOOP': {
      const sync = syncSelected(session, c.hooks, true);
      return done(c, sync.lines, 'noop.ok', sync.selected ? { selected: sync.selected } : {});
    }
    case 'LOGOUT':
      return logout(c);
    case 'ID':
      return done(c, ['* ID ("name" "Dovecot")'], 'id.ok');
    case 'ENABLE':
      return done(c, ['* ENABLED'], 'enable.ok');
    case 'NAMESPACE':
      return done(c, [`* NAMESPACE ((${imapString('')} ${imapString('/')})) NIL NIL`], 'namespace.ok');
    case 'IDLE':
      // RFC 2177: the server reports changes until the client sends DONE.
      return { out: [imapReply(cmd.tag, 'idle.continue')], next: 'idle', patch: { idle: { tag: cmd.tag }, bad: 0 } };
  }
  const mailbox = MAILBOX_COMMANDS[cmd.name];
  if (mailbox) return mailbox(c);
  const selected = SELECTED_COMMANDS[cmd.name];
  if (selected) return session.state === 'selected' ? selected(c) : refuse(c, 'bad.no-select');
  return refuse(c, 'bad.unknown', { command: cmd.name });
}

function idleLine(session: ImapSession, line: string, hooks: ImapHooks): ImapDecision {
  const tag = session.idle!.tag;
  const sync = syncSelected(session, hooks, true);
  const patch: Partial<ImapSession> = { idle: undefined, ...(sync.selected ? { selected: sync.selected } : {}) };
  if (line.trim().toUpperCase() === 'DONE') return { out: [...sync.lines, imapReply(tag, 'idle.ok')], patch };
  return { out: [...sync.lines, imapReply(tag, 'idle.bad')], patch };
}

/** idleCheck is what an idling server reports when it looks at the mailbox again (new or removed messages). */
export function idleCheck(session: ImapSession, hooks: ImapHooks): ImapDecision {
  const sync = syncSelected(session, hooks, true);
  return { out: sync.lines, patch: sync.selected ? { selected: sync.selected } : {} };
}

/** imapTimeout is the untagged BYE before the server hangs up on an idle client. */
export function imapTimeout(): string {
  return imapReply('*', 'timeout');
}
