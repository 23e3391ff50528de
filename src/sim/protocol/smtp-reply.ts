/**
 * SMTP replies as values (RFC 5321 §4.2): a three-digit code, an optional enhanced status code
 * (RFC 3463, announced with ENHANCEDSTATUSCODES, RFC 2034) and one or more text lines.
 * Formatting follows Postfix: a multi-line reply repeats the code (and the enhanced code, when
 * there is one) on every line, `250-` on all but the last and `250 ` on the last; the EHLO reply
 * carries no enhanced code. Parsing folds continuation lines back into one Reply.
 */

/** Reply: one SMTP reply, however many lines it has. */
export interface Reply {
  code: number;
  /** Enhanced status code such as `5.1.1` (RFC 3463); absent on EHLO, 334 and plain servers. */
  enhanced?: string;
  /** The text of each line, without code, enhanced code or CRLF. */
  lines: string[];
}

/** ReplyLine: one parsed line of a reply. */
export interface ReplyLine {
  code: number;
  enhanced?: string;
  text: string;
  /** True on the last line (`250 ...`), false on a continuation (`250-...`). */
  last: boolean;
}

/** ReplyClass: what the first digit of a code says (RFC 5321 §4.2.1). */
export type ReplyClass = 'positive' | 'intermediate' | 'transient' | 'permanent' | 'unknown';

const REPLY_LINE = /^([2-5][0-5][0-9])(?:([ -])(.*))?$/s;
// RFC 3463 §2: class "." subject "." detail, subject and detail 1 to 3 digits.
const ENHANCED = /^([245])\.(\d{1,3})\.(\d{1,3})(?: |$)/;

/** isEnhancedCode tells whether text is an RFC 3463 enhanced status code such as `4.7.1`. */
export function isEnhancedCode(text: string): boolean {
  return ENHANCED.test(text) && !text.includes(' ');
}

/** replyClass names the kind of a reply code (RFC 5321 §4.2.1: 2 ok, 3 go on, 4 try later, 5 give up). */
export function replyClass(code: number): ReplyClass {
  if (!Number.isInteger(code) || code < 200 || code > 599) return 'unknown';
  return (['positive', 'intermediate', 'transient', 'permanent'] as const)[Math.floor(code / 100) - 2];
}

/** isTransient tells whether a reply is a temporary failure (4xx): the sender keeps the mail and retries. */
export function isTransient(reply: Pick<Reply, 'code'>): boolean {
  return replyClass(reply.code) === 'transient';
}

/** isPermanent tells whether a reply is a permanent failure (5xx): retrying the same will not help. */
export function isPermanent(reply: Pick<Reply, 'code'>): boolean {
  return replyClass(reply.code) === 'permanent';
}

/** isPositive tells whether a reply is a success (2xx). */
export function isPositive(reply: Pick<Reply, 'code'>): boolean {
  return replyClass(reply.code) === 'positive';
}

/**
 * formatReply writes a reply as wire lines without CRLF (RFC 5321 §4.2.1): `250-first`,
 * `250-second`, `250 last`. When the reply has an enhanced code, every line carries it, as
 * Postfix writes it. A reply with no text still gets its separator (`334 ` for an empty SASL
 * challenge). Text containing line breaks becomes several lines.
 */
export function formatReply(reply: Reply): string[] {
  const texts = (reply.lines.length ? reply.lines : ['']).flatMap((l) => l.split(/\r\n|\r|\n/));
  return texts.map((text, i) => {
    const sep = i === texts.length - 1 ? ' ' : '-';
    if (reply.enhanced) return `${reply.code}${sep}${reply.enhanced}${text === '' ? '' : ` ${text}`}`;
    return `${reply.code}${sep}${text}`;
  });
}

/** replyText joins a reply's text lines with line breaks (no codes), for display. */
export function replyText(reply: Reply): string {
  return reply.lines.join('\n');
}

/**
 * parseReplyLine reads one reply line (without CRLF): `250-PIPELINING`, `550 5.1.1 <x>: ...`,
 * a bare `250`. The enhanced code is recognised only when its class matches the code's first
 * digit (RFC 2034 §4). Gives `undefined` for anything that is not a reply line.
 */
export function parseReplyLine(line: string): ReplyLine | undefined {
  const m = REPLY_LINE.exec(line.replace(/\r?\n$/, ''));
  if (!m) return undefined;
  const code = Number(m[1]);
  const last = m[2] !== '-';
  const rest = m[3] ?? '';
  const e = ENHANCED.exec(rest);
  if (e && Number(e[1]) === Math.floor(code / 100)) {
    const enhanced = `${e[1]}.${Number(e[2])}.${Number(e[3])}`;
    return { code, enhanced, text: rest.slice(e[0].length), last };
  }
  return { code, text: rest, last };
}

/** ReplyAccumulator: the lines of a multi-line reply read so far (a pure fold's state). */
export interface ReplyAccumulator {
  readonly lines: readonly ReplyLine[];
}

/** EMPTY_REPLY_ACCUMULATOR is the state before the first line of a reply. */
export const EMPTY_REPLY_ACCUMULATOR: ReplyAccumulator = { lines: [] };

/** ReplyFeed: the result of feeding one line: wait for more, a whole reply, or a protocol error. */
export type ReplyFeed =
  | { kind: 'more'; acc: ReplyAccumulator }
  | { kind: 'reply'; reply: Reply; acc: ReplyAccumulator }
  | { kind: 'error'; reason: 'not-a-reply' | 'code-mismatch'; line: string; acc: ReplyAccumulator };

function toReply(lines: readonly ReplyLine[]): Reply {
  const code = lines[lines.length - 1].code;
  const enhanced = lines[lines.length - 1].enhanced;
  if (enhanced === undefined) return { code, lines: lines.map((l) => (l.enhanced ? `${l.enhanced} ${l.text}`.trimEnd() : l.text)) };
  return { code, enhanced, lines: lines.map((l) => (l.enhanced === enhanced || !l.enhanced ? l.text : `${l.enhanced} ${l.text}`.trimEnd())) };
}

/**
 * feedReplyLine folds one line into the reply being read. Continuation lines must repeat the
 * first line's code (RFC 5321 §4.2.1); a line that breaks this, or is no reply at all, gives an
 * error and a fresh accumulator, like Go's textproto.ProtocolError.
 */
export function feedReplyLine(acc: ReplyAccumulator, line: string): ReplyFeed {
  const parsed = parseReplyLine(line);
  if (!parsed) return { kind: 'error', reason: 'not-a-reply', line, acc: EMPTY_REPLY_ACCUMULATOR };
  if (acc.lines.length && acc.lines[0].code !== parsed.code) {
    return { kind: 'error', reason: 'code-mismatch', line, acc: EMPTY_REPLY_ACCUMULATOR };
  }
  const lines = [...acc.lines, parsed];
  if (!parsed.last) return { kind: 'more', acc: { lines } };
  return { kind: 'reply', reply: toReply(lines), acc: EMPTY_REPLY_ACCUMULATOR };
}

/** parseReply reads a whole reply from its wire lines; `undefined` when they are not exactly one reply. */
export function parseReply(lines: readonly string[]): Reply | undefined {
  let acc = EMPTY_REPLY_ACCUMULATOR;
  for (let i = 0; i < lines.length; i++) {
    const step = feedReplyLine(acc, lines[i]);
    if (step.kind === 'error') return undefined;
    if (step.kind === 'reply') return i === lines.length - 1 ? step.reply : undefined;
    acc = step.acc;
  }
  return undefined;
}

/** EhloInfo: what a 250 reply to EHLO says: the server's name and its extensions. */
export interface EhloInfo {
  /** The domain on the first line (RFC 5321 §4.1.1.1). */
  domain: string;
  /** Extension keyword (upper case) → its parameters, e.g. `AUTH` → [`PLAIN`, `LOGIN`], `SIZE` → [`10240000`]. */
  keywords: Record<string, string[]>;
}

/** parseEhloReply reads the extensions out of a 250 EHLO reply (RFC 5321 §4.1.1.1); `undefined` if not 250. */
export function parseEhloReply(reply: Reply): EhloInfo | undefined {
  if (reply.code !== 250 || reply.lines.length === 0) return undefined;
  const [first, ...rest] = reply.lines;
  const keywords: Record<string, string[]> = {};
  for (const line of rest) {
    const [kw, ...params] = line.trim().split(/\s+/);
    if (kw) keywords[kw.toUpperCase()] = params;
  }
  return { domain: first.trim().split(/\s+/)[0] ?? '', keywords };
}
