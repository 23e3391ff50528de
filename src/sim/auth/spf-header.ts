/**
 * Recording an SPF verdict in the message: the `Received-SPF` header field (RFC 7208 §9.1) and the
 * `spf=` part of `Authentication-Results` (RFC 8601 §2.7.2).
 */

import type { SpfOutcome } from './spf';

/** SpfHeaderContext is what the receiving server knew about the session. */
export interface SpfHeaderContext {
  ip: string;
  helo: string;
  /** The MAIL FROM address; empty for a bounce. */
  sender: string;
  /** The receiving host's name. */
  receiver: string;
}

const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
const DOT_ATOM = new RegExp(`^${ATEXT}+(?:\\.${ATEXT}+)*$`);

/** headerValue writes a key-value value as a dot-atom when it is one, else as a quoted-string (RFC 5322 §3.2.4). */
function headerValue(value: string): string {
  if (DOT_ATOM.test(value)) return value;
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]/g, ' ')}"`;
}

/** commentText escapes the characters a comment cannot hold plainly (RFC 5322 §3.2.2). */
function commentText(text: string): string {
  return text.replace(/[()\\]/g, (c) => `\\${c}`).replace(/[\r\n]/g, ' ');
}

/** spfComment is the human-readable comment of Received-SPF, in the usual wording of SPF implementations. */
function spfComment(outcome: SpfOutcome, ctx: SpfHeaderContext): string {
  const who = outcome.identity === 'helo' ? ctx.helo : ctx.sender || `postmaster@${ctx.helo}`;
  const subject = outcome.identity === 'helo' ? `${who}` : `domain of ${who}`;
  switch (outcome.result) {
    case 'pass': return `${ctx.receiver}: ${subject} designates ${ctx.ip} as permitted sender`;
    case 'fail': return `${ctx.receiver}: ${subject} does not designate ${ctx.ip} as permitted sender`;
    case 'softfail': return `${ctx.receiver}: ${subject} discourages use of ${ctx.ip} as permitted sender`;
    case 'neutral': return `${ctx.receiver}: ${ctx.ip} is neither permitted nor denied by ${subject}`;
    case 'none': return `${ctx.receiver}: ${subject} does not designate permitted sender hosts`;
    case 'temperror': return `${ctx.receiver}: temporary error in processing during lookup of ${who}`;
    case 'permerror': return `${ctx.receiver}: permanent error in processing during lookup of ${who}`;
  }
}

/**
 * receivedSpfHeader writes the whole `Received-SPF:` header field for a verdict (RFC 7208 §9.1):
 * result, comment, then receiver, client-ip, envelope-from, helo, problem, mechanism and identity.
 * It comes back on one line without CRLF; folding is the message writer's job.
 */
export function receivedSpfHeader(outcome: SpfOutcome, ctx: SpfHeaderContext): string {
  const pairs: [string, string][] = [
    ['receiver', ctx.receiver],
    ['client-ip', ctx.ip],
    ['envelope-from', ctx.sender],
    ['helo', ctx.helo],
  ];
  if ((outcome.result === 'permerror' || outcome.result === 'temperror') && outcome.problem) pairs.push(['problem', outcome.problem.en]);
  if (outcome.mechanism) pairs.push(['mechanism', outcome.mechanism]);
  pairs.push(['identity', outcome.identity]);
  const list = pairs.map(([k, v]) => `${k}=${headerValue(v)};`).join(' ');
  return `Received-SPF: ${outcome.result} (${commentText(spfComment(outcome, ctx))}) ${list}`;
}

/**
 * spfAuthResult writes the `spf=` part of an Authentication-Results field (RFC 8601 §2.7.2):
 * `spf=pass smtp.mailfrom=example.com`, or `smtp.helo=…` when the HELO identity was checked.
 */
export function spfAuthResult(outcome: SpfOutcome, ctx: Pick<SpfHeaderContext, 'sender' | 'helo'>): string {
  if (outcome.identity === 'helo') return `spf=${outcome.result} smtp.helo=${headerValue(ctx.helo)}`;
  const at = ctx.sender.lastIndexOf('@');
  const domain = at >= 0 ? ctx.sender.slice(at + 1) : ctx.sender;
  return `spf=${outcome.result} smtp.mailfrom=${headerValue(domain || outcome.domain)}`;
}
