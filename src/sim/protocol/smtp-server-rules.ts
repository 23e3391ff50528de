/**
 * The SMTP server's decisions as pure functions: given the session so far and one parsed
 * command, which reply to give and what changes. The statechart in `agents/smtp-server.ts`
 * sequences them; the policy (MSA, relay, MX) and the world's answers come in as `ServerHooks`.
 * Replies follow what Postfix really says (shared/REAL-REPLIES.md).
 */
import { parseSmtpCommand, type SmtpCommand } from './smtp-command';
import { replyFor, type ReplyKey } from './reply-table';
import type { Reply } from './smtp-reply';
import { decodePlain, decodeLoginStep } from './sasl';

/** ServerRole: how one SMTP server machine is configured. */
export type ServerRole = 'msa' | 'relay' | 'mx' | 'mta';

/** ServerPolicy: the configuration of one listening SMTP service. */
export interface ServerPolicy {
  hostname: string;
  role: ServerRole;
  /** `implicit` for 465, `starttls` when offered, `none` when not. */
  tls: 'starttls' | 'implicit' | 'none';
  /** Submission: no MAIL, RCPT or AUTH before TLS (Postfix smtpd_tls_security_level=encrypt). */
  requireTls: boolean;
  /** AUTH offered (after TLS only, smtpd_tls_auth_only). */
  auth: boolean;
  /** Message size limit in octets (Postfix message_size_limit). */
  sizeLimit: number;
}

/** Decision: the reply to one command (or nothing) and the session's next phase. */
export interface Decision {
  reply?: Reply;
  next?: 'tls' | 'auth-plain' | 'auth-login-user' | 'auth-login-pass' | 'data' | 'close';
  patch?: Partial<SessionState>;
}

/** SessionState: what a server knows about the conversation so far. */
export interface SessionState {
  helo?: string;
  esmtp: boolean;
  tls: boolean;
  authUser?: string;
  /** User name remembered between AUTH LOGIN steps. */
  loginUser?: string;
  mailFrom?: string;
  mailParams: Record<string, string | true>;
  rcpts: string[];
  /** RCPT replies so far in this transaction, used to pick the DATA refusal. */
  rcptRefusals: number;
}

/** RcptCheck: the world's verdict on one recipient. */
export type Verdict = { key: ReplyKey; vars?: Record<string, string> } | 'ok';

/** ServerHooks: questions the rules ask the world (accounts, domains, faults). */
export interface ServerHooks {
  authenticate(user: string, password: string): 'ok' | 'fail' | 'app-password-required';
  /** Checks on MAIL FROM after the syntax is fine (faults such as local-error). */
  checkMail(state: SessionState, from: string): Verdict;
  /** Checks on RCPT TO: relay, unknown user, sender ownership, greylisting, quota. */
  checkRcpt(state: SessionState, rcpt: string): Verdict;
  /** Checks when DATA is about to start (faults at DATA). */
  checkData(state: SessionState): Verdict;
  /** Checks before EHLO/HELO, STARTTLS and AUTH are answered (faults bound to those stages). */
  checkCommand?(verb: 'EHLO' | 'STARTTLS' | 'AUTH', state: SessionState): Verdict;
}

/** newSession returns the state of a fresh (or reset) session. */
export function newSession(tls: boolean): SessionState {
  return { esmtp: false, tls, mailParams: {}, rcpts: [], rcptRefusals: 0 };
}

const r = (key: ReplyKey, vars?: Record<string, string>): Reply => replyFor(key, vars);
const transactionReset: Partial<SessionState> = { mailFrom: undefined, mailParams: {}, rcpts: [], rcptRefusals: 0 };

/** ehloKeywords lists the ESMTP extensions a server offers in this session (Postfix's order). */
export function ehloKeywords(policy: ServerPolicy, state: SessionState): string[] {
  const kw = ['PIPELINING', `SIZE ${policy.sizeLimit}`, 'VRFY', 'ETRN'];
  if (policy.tls === 'starttls' && !state.tls) kw.push('STARTTLS');
  // RFC 4954 §4 + Postfix smtpd_tls_auth_only: AUTH is only offered inside TLS.
  if (policy.auth && state.tls) kw.push('AUTH PLAIN LOGIN');
  // Postfix also offers CHUNKING (BDAT); this server does not implement BDAT, so it does not offer it.
  kw.push('ENHANCEDSTATUSCODES', '8BITMIME', 'DSN', 'SMTPUTF8');
  return kw;
}

/** decideCommand answers one command line in the command phase. */
export function decideCommand(policy: ServerPolicy, state: SessionState, line: string, hooks: ServerHooks): Decision {
  const cmd = parseSmtpCommand(line);
  if ('kind' in cmd) return { reply: r(cmd.replyKey, cmd.vars) };
  const stage = cmd.verb === 'HELO' ? 'EHLO' : cmd.verb;
  if ((stage === 'EHLO' || stage === 'STARTTLS' || stage === 'AUTH') && hooks.checkCommand) {
    const verdict = hooks.checkCommand(stage, state);
    if (verdict !== 'ok') return closingIf421({ reply: r(verdict.key, verdict.vars) });
  }
  return closingIf421(decideParsed(policy, state, cmd, hooks));
}

// RFC 5321 §3.8: a server that answers 421 closes the channel right after the reply.
function closingIf421(d: Decision): Decision {
  return d.reply?.code === 421 ? { ...d, next: 'close' } : d;
}

function needsTls(policy: ServerPolicy, state: SessionState): boolean {
  return policy.requireTls && !state.tls;
}

function decideParsed(policy: ServerPolicy, state: SessionState, cmd: SmtpCommand, hooks: ServerHooks): Decision {
  switch (cmd.verb) {
    case 'EHLO':
      // RFC 5321 §4.1.4: EHLO resets any transaction in progress.
      return {
        reply: { code: 250, lines: [policy.hostname, ...ehloKeywords(policy, state)] },
        patch: { ...transactionReset, helo: cmd.domain, esmtp: true },
      };
    case 'HELO':
      return { reply: { code: 250, lines: [policy.hostname] }, patch: { ...transactionReset, helo: cmd.domain, esmtp: false } };
    case 'NOOP':
      return { reply: r('ok') };
    case 'RSET':
      if (needsTls(policy, state)) return { reply: r('auth.tls-required') };
      return { reply: r('ok'), patch: transactionReset };
    case 'QUIT':
      return { reply: r('bye'), next: 'close' };
    case 'HELP':
      return { reply: r('unknown-command') };
    case 'STARTTLS':
      if (policy.tls !== 'starttls' || state.tls) return { reply: r('unknown-command') };
      return { reply: r('starttls.ready'), next: 'tls' };
    case 'VRFY':
      if (needsTls(policy, state)) return { reply: r('auth.tls-required') };
      return { reply: r('vrfy.known', { address: cmd.arg }) };
    case 'EXPN':
      return { reply: r('unknown-command') };
    case 'AUTH':
      return decideAuth(policy, state, cmd, hooks);
    case 'MAIL': {
      if (needsTls(policy, state)) return { reply: r('auth.tls-required') };
      if (state.mailFrom !== undefined) return { reply: r('mail.nested') };
      for (const [k, v] of Object.entries(cmd.params)) {
        const key = k.toUpperCase();
        if (key === 'SIZE') {
          // RFC 1870 §6: refuse at once when the declared size exceeds the limit.
          if (Number(v) > policy.sizeLimit) return { reply: r('size.exceeded') };
        } else if (!['BODY', 'SMTPUTF8', 'RET', 'ENVID', 'AUTH'].includes(key)) {
          return { reply: r('syntax.unsupported-option', { option: v === true ? k : `${k}=${v}` }) };
        }
      }
      const verdict = hooks.checkMail(state, cmd.address);
      if (verdict !== 'ok') return { reply: r(verdict.key, verdict.vars) };
      return { reply: r('mail.ok'), patch: { mailFrom: cmd.address, mailParams: cmd.params, rcpts: [], rcptRefusals: 0 } };
    }
    case 'RCPT': {
      if (needsTls(policy, state)) return { reply: r('auth.tls-required') };
      // RFC 5321 §4.1.4: RCPT only after MAIL.
      if (state.mailFrom === undefined) return { reply: r('sequence.need-mail') };
      const verdict = hooks.checkRcpt(state, cmd.address);
      if (verdict !== 'ok') return { reply: r(verdict.key, verdict.vars), patch: { rcptRefusals: state.rcptRefusals + 1 } };
      return { reply: r('rcpt.ok'), patch: { rcpts: [...state.rcpts, cmd.address] } };
    }
    case 'DATA': {
      if (needsTls(policy, state)) return { reply: r('auth.tls-required') };
      if (state.mailFrom === undefined) return { reply: r('sequence.need-rcpt') };
      if (state.rcpts.length === 0) return { reply: r(state.rcptRefusals > 0 ? 'data.no-valid-recipients' : 'sequence.need-rcpt') };
      const verdict = hooks.checkData(state);
      if (verdict !== 'ok') return { reply: r(verdict.key, verdict.vars), patch: transactionReset };
      return { reply: r('data.start'), next: 'data' };
    }
  }
  return { reply: r('unknown-command') };
}

function decideAuth(policy: ServerPolicy, state: SessionState, cmd: Extract<SmtpCommand, { verb: 'AUTH' }>, hooks: ServerHooks): Decision {
  if (!policy.auth) return { reply: r('auth.not-enabled') };
  if (needsTls(policy, state)) return { reply: r('auth.tls-required') };
  if (!state.tls) return { reply: r('auth.not-enabled') };
  if (state.authUser) return { reply: r('auth.already') };
  if (state.mailFrom !== undefined) return { reply: r('auth.in-transaction') };
  const mech = cmd.mechanism.toUpperCase();
  if (mech === 'PLAIN') {
    if (cmd.initial === undefined) return { reply: { code: 334, lines: [''] }, next: 'auth-plain' };
    return finishPlain(cmd.initial, hooks);
  }
  if (mech === 'LOGIN') {
    if (cmd.initial !== undefined) {
      const user = decodeLoginStep(cmd.initial);
      if (typeof user !== 'string') return { reply: r('auth.bad-base64') };
      return { reply: r('auth.challenge-password'), next: 'auth-login-pass', patch: { loginUser: user } };
    }
    return { reply: r('auth.challenge-username'), next: 'auth-login-user' };
  }
  return { reply: r('auth.invalid-mechanism') };
}

/** decideAuthResponse handles a client's answer to a 334 challenge. */
export function decideAuthResponse(step: 'auth-plain' | 'auth-login-user' | 'auth-login-pass', state: SessionState, line: string, hooks: ServerHooks): Decision {
  // RFC 4954 §4: a lone "*" cancels the exchange.
  if (line.trim() === '*') return { reply: r('auth.aborted') };
  if (step === 'auth-plain') return finishPlain(line.trim(), hooks);
  const value = decodeLoginStep(line.trim());
  if (typeof value !== 'string') return { reply: r('auth.bad-base64') };
  if (step === 'auth-login-user') return { reply: r('auth.challenge-password'), next: 'auth-login-pass', patch: { loginUser: value } };
  return checkCredentials(state.loginUser ?? '', value, hooks);
}

function finishPlain(b64: string, hooks: ServerHooks): Decision {
  const creds = decodePlain(b64);
  if ('kind' in creds) return { reply: r('auth.bad-base64') };
  return checkCredentials(creds.authcid, creds.password, hooks);
}

function checkCredentials(user: string, password: string, hooks: ServerHooks): Decision {
  const verdict = hooks.authenticate(user, password);
  if (verdict === 'ok') return { reply: r('auth.ok'), patch: { authUser: user, loginUser: undefined } };
  if (verdict === 'app-password-required') return { reply: r('auth.app-password'), patch: { loginUser: undefined } };
  return { reply: r('auth.failed'), patch: { loginUser: undefined } };
}

export { transactionReset };
