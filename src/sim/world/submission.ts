/**
 * A mail program's side of submission (RFC 6409): the settings it really uses for one send —
 * the account's faults stand for a student's configuration mistakes (wrong port, wrong
 * encryption, a typo in the password, a sender address that is not theirs) — and the error it
 * shows when the send fails, in the words of a real mail program (`mua-errors.ts`).
 */
import type { OutgoingSettings, SendOutcome } from '../agents/mua';
import type { Reply } from '../protocol/smtp-reply';
import { muaErrorFor, type NetworkFailure, type SmtpStage } from '../protocol/mua-errors';
import type { AccountPlan } from './default-world';
import type { WorldContext } from './context';

/** SubmissionPlan: what one send uses: settings and envelope sender, after the account's faults. */
export interface SubmissionPlan {
  settings: OutgoingSettings;
  from: string;
}

const SWAP: Record<OutgoingSettings['security'], OutgoingSettings['security']> = { tls: 'starttls', starttls: 'tls', none: 'tls' };

/**
 * withAccountFaults applies the faults on an account (or its client host) to one send, the
 * `attempt`-th of this program: `wrong-port`, `wrong-tls-mode` (`swap` exchanges STARTTLS and
 * implicit TLS), `auth-fail` (a wrong password), `sender-not-allowed` (another sender address,
 * `info@` the account's domain unless given).
 */
export function withAccountFaults(ctx: WorldContext, account: AccountPlan, host: string, settings: OutgoingSettings, from: string, attempt: number): SubmissionPlan {
  const hit = (kind: string) => ctx.faults.active(kind, account.address, { attempt, consume: true }) ?? ctx.faults.active(kind, host, { attempt, consume: true });
  const s = { ...settings };
  const wrongPort = hit('wrong-port');
  if (wrongPort) s.port = Number(wrongPort.params?.port || 25);
  const wrongTls = hit('wrong-tls-mode');
  if (wrongTls) {
    const want = String(wrongTls.params?.security ?? 'swap');
    s.security = want === 'none' || want === 'starttls' || want === 'tls' ? want : SWAP[s.security];
  }
  if (hit('auth-fail')) s.password = `${s.password}-typo`;
  const foreign = hit('sender-not-allowed');
  const sender = foreign ? String(foreign.params?.sender || `info@${account.address.split('@')[1]}`) : from;
  return { settings: s, from: sender };
}

/** STAGE: the client machine's stage names as the error texts know them. */
const STAGE: Record<string, SmtpStage> = { greeting: 'connect', tls: 'connect', ehlo: 'ehlo', starttls: 'starttls', auth: 'auth', mail: 'mail', rcpt: 'rcpt', data: 'data', body: 'message' };

const TLS_DETAIL: Record<string, string> = {
  'cert-expired': 'the server\'s certificate has expired',
  'cert-name-mismatch': 'the certificate was issued for another name',
  'cert-untrusted': 'the certificate is not signed by a trusted authority',
  'wrong-version-number': 'wrong version number: the server does not speak TLS on this port yet',
  'starttls-not-offered': 'the server does not offer STARTTLS',
};

/** SubmissionError: what the mail program shows, and the reply it quotes (if a server replied). */
export interface SubmissionError {
  text: string;
  reply?: Reply;
  /** True when the message content went out but the reply never came: the server may have it. */
  unsure: boolean;
}

/** submissionError returns the error a mail program shows for a failed send, or undefined when it went through. */
export function submissionError(outcome: SendOutcome, plan: SubmissionPlan, rcpts: readonly string[], lang: 'en' | 'de' = 'en'): SubmissionError | undefined {
  const where = { server: plan.settings.server, port: plan.settings.port };
  const net = (kind: NetworkFailure['kind'], detail?: string) => muaErrorFor({ kind, ...where, ...(detail ? { detail } : {}) }, lang);
  if (outcome.kind === 'connect-failed') return { text: net(outcome.reason === 'refused' ? 'refused' : 'timeout'), unsure: false };
  const r = outcome.result;
  const refused = r.rcpts.find((x) => x.reply.code >= 400);
  if (r.kind === 'sent') {
    // Some recipients were refused at RCPT TO: the program tells, the others got it.
    return refused ? { text: muaErrorFor(refused.reply, lang, { stage: 'rcpt', server: plan.settings.server, recipient: refused.rcpt, sender: plan.from }), reply: refused.reply, unsure: false } : undefined;
  }
  if (r.reply) {
    const recipient = r.stage === 'rcpt' ? refused?.rcpt ?? rcpts[0] : rcpts[0];
    return { text: muaErrorFor(r.reply, lang, { stage: STAGE[r.stage], server: plan.settings.server, recipient, sender: plan.from }), reply: r.reply, unsure: false };
  }
  if (r.network === 'tls-failed') {
    const reason = r.tlsReason ?? '';
    return { text: net(reason.startsWith('cert') ? 'cert-invalid' : 'tls-failed', TLS_DETAIL[reason] ?? reason), unsure: false };
  }
  return { text: net('timeout'), unsure: r.dataSentNoReply === true };
}
