/**
 * What one delivery attempt means for each recipient, judged as Postfix's SMTP client does
 * (smtp_trouble.c): a 2xx after the data delivers, a 5xx bounces, and every temporary failure
 * (a 4xx at any stage, a refused or timed-out connection, a broken session) keeps the recipient
 * for the next MX host, or for a later retry when this was the last one (RFC 5321 §4.5.4.1, §5.1).
 * The texts are Postfix's, so a bounce or a `mailq` line reads as it does in real life.
 */
import type { Reply } from './smtp-reply';

/** Failure: why a recipient was not delivered (yet). */
export interface Failure {
  /** RFC 3463 status: `5.1.1`, `4.4.1`, ... */
  status: string;
  /** Postfix's wording: `host mx1.example.org[192.0.2.131] said: 550 5.1.1 ... (in reply to RCPT TO command)`. */
  text: string;
  /** The remote server's reply, when one came. */
  reply?: Reply;
  /** A reply code for the record when no server replied (null MX: 556). */
  code?: number;
  /** The server that gave the reply or could not be reached. */
  remote?: string;
}

/** SessionReport: how an SMTP client session ended, as `smtpClientMachine` reports it. */
export interface SessionReport {
  kind: 'sent' | 'failed';
  stage: string;
  reply?: Reply;
  network?: 'timeout' | 'closed' | 'tls-failed';
  tlsReason?: string;
  rcpts: { rcpt: string; reply: Reply }[];
  dataSentNoReply?: boolean;
}

/** Judgement: the recipients of one attempt, sorted by what happens to them. */
export interface Judgement {
  /** Delivered onward: the server took responsibility (RFC 5321 §6.1). */
  sent: { rcpt: string; reply: Reply }[];
  bounced: { rcpt: string; failure: Failure }[];
  /** Temporary failures: try the next MX host, or retry later. */
  kept: { rcpt: string; failure: Failure }[];
}

/** COMMAND_OF: the command a reply answered, by client stage, as Postfix names it. */
const COMMAND_OF: Record<string, string> = {
  greeting: 'the initial server greeting', ehlo: 'EHLO', starttls: 'STARTTLS', auth: 'AUTH', mail: 'MAIL FROM', rcpt: 'RCPT TO', data: 'DATA', body: 'end of DATA',
};

/** WHILE: what the client was doing when the connection broke, in Postfix's words. */
const WHILE: Record<string, string> = {
  greeting: 'receiving the initial server greeting', ehlo: 'performing the EHLO handshake', starttls: 'sending STARTTLS', tls: 'performing the TLS handshake',
  auth: 'performing the AUTH handshake', mail: 'sending MAIL FROM', rcpt: 'sending RCPT TO', data: 'sending DATA command', body: 'sending end of data -- message may be sent more than once',
};

/** MAY_BE_SENT_TWICE: the words that mark a lost reply after the data (the message may arrive twice). */
export const MAY_BE_SENT_TWICE = 'message may be sent more than once';

/** statusOf returns a reply's enhanced code, or the class default (`4.0.0`, `5.0.0`). */
export function statusOf(reply: Reply): string {
  return reply.enhanced ?? (reply.code >= 500 ? '5.0.0' : '4.0.0');
}

/** replyText prints a reply on one line: `550 5.1.1 <bob@example.org>: ...`. */
export function replyText(reply: Reply): string {
  return `${reply.code}${reply.enhanced ? ' ' + reply.enhanced : ''} ${reply.lines.join(' ')}`;
}

/** said: a server's reply as a failure (`host X said: ... (in reply to RCPT TO command)`). */
export function said(server: string, reply: Reply, stage: string): Failure {
  const text = stage === 'greeting'
    ? `host ${server} refused to talk to me: ${replyText(reply)}`
    : `host ${server} said: ${replyText(reply)} (in reply to ${COMMAND_OF[stage] ?? stage.toUpperCase()} command)`;
  return { status: statusOf(reply), text, reply, remote: server.replace(/\[.*$/, '') };
}

/** connectFailure: a connection that was refused or timed out (Postfix: 4.4.1). */
export function connectFailure(server: string, port: number, how: 'refused' | 'timeout'): Failure {
  return { status: '4.4.1', text: `connect to ${server}:${port}: ${how === 'refused' ? 'Connection refused' : 'Connection timed out'}`, remote: server.replace(/\[.*$/, '') };
}

function broken(server: string, r: SessionReport): Failure {
  const remote = server.replace(/\[.*$/, '');
  if (r.network === 'tls-failed') return { status: '4.7.5', text: `Cannot start TLS: handshake failure with ${server} (${r.tlsReason ?? 'unknown'})`, remote };
  const doing = WHILE[r.stage] ?? `in stage ${r.stage}`;
  const text = r.network === 'timeout' ? `conversation with ${server} timed out while ${doing}` : `lost connection with ${server} while ${doing}`;
  return { status: '4.4.2', text, remote };
}

/**
 * judgeSession sorts the `pending` recipients of one session with `server` (`name[ip]`) into
 * sent, bounced and kept. A greeting refusal (even 5xx: Postfix smtp_skip_5xx_greeting) and any
 * temporary trouble keep everyone; a 5xx to MAIL FROM, DATA or the end of the data bounces the
 * recipients it concerns; each RCPT TO reply judges its own recipient.
 */
export function judgeSession(server: string, pending: readonly string[], r: SessionReport): Judgement {
  const out: Judgement = { sent: [], bounced: [], kept: [] };
  const byRcpt = new Map(r.rcpts.map((x) => [x.rcpt, x.reply]));
  const sessionFailure = r.reply ? said(server, r.reply, r.stage) : broken(server, r);
  const sessionWide = r.stage !== 'rcpt' && r.stage !== 'data' && r.stage !== 'body';
  for (const rcpt of pending) {
    const answer = byRcpt.get(rcpt);
    if (sessionWide || !answer) {
      // No RCPT answer for this one: the session's trouble decides (a 5xx greeting is skipped, not final).
      const hard = r.reply !== undefined && r.reply.code >= 500 && r.stage !== 'greeting' && sessionWide;
      (hard ? out.bounced : out.kept).push({ rcpt, failure: sessionFailure });
      continue;
    }
    if (answer.code >= 500) out.bounced.push({ rcpt, failure: said(server, answer, 'rcpt') });
    else if (answer.code >= 400) out.kept.push({ rcpt, failure: said(server, answer, 'rcpt') });
    else if (r.kind === 'sent' && r.reply) out.sent.push({ rcpt, reply: r.reply });
    else if (r.reply && r.reply.code >= 500) out.bounced.push({ rcpt, failure: sessionFailure });
    else out.kept.push({ rcpt, failure: sessionFailure });
  }
  return out;
}
