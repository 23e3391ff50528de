/**
 * Internet messages (RFC 5322) with CRLF line endings: building a plain-text message as a mail
 * program writes it, the Received header as Postfix writes it, reading and folding header fields,
 * RFC 5322 dates from virtual time, and RFC 2047 encoded words for non-ASCII header text.
 * Bodies may hold UTF-8 (sent as 8bit with BODY=8BITMIME). Nothing here reads the clock.
 */
import { base64Decode, base64Encode, octets, utf8Decode } from './bytes';
import { toCrlf } from './dot-stuffing';

/** HeaderField: one header field; `value` unfolded and trimmed, `raw` as written (folds kept, no final CRLF). */
export interface HeaderField {
  name: string;
  value: string;
  raw: string;
}

/** MessageParts: a message cut at the first empty line (RFC 5322 §2.1). */
export interface MessageParts {
  /** The header section, each field ending in CRLF; '' when there is none. */
  header: string;
  /** Everything after the empty line. */
  body: string;
}

/** MessageInit: what a mail program knows when it writes a message. */
export interface MessageInit {
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  body: string;
  /** An RFC 5322 date, e.g. from `formatDate`. */
  date: string;
  /** `<id@domain>` (angle brackets added when missing). */
  messageId: string;
  /** More fields, written after the standard ones; a Content-Type here replaces the default MIME fields. */
  headers?: [string, string][];
}

/** ReceivedInit: what a server knows when it adds its Received field. */
export interface ReceivedInit {
  /** The name the client gave in EHLO/HELO. */
  fromHelo: string;
  /** The client's verified reverse-DNS name; Postfix writes `unknown` without one. */
  fromHost?: string;
  fromIp: string;
  /** This server's host name. */
  by: string;
  /** RFC 3848: ESMTPS = with TLS, ESMTPSA = with TLS and AUTH. */
  protocol: 'ESMTP' | 'ESMTPS' | 'ESMTPSA' | 'SMTP' | 'LMTP';
  /** The queue ID this server gave the message. */
  id: string;
  /** The recipient, written when the message has exactly one. */
  for?: string;
  date: string;
  /** TLS summary, e.g. `TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)`. */
  tls?: string;
  /** The software named after `by`; `Postfix` by default. */
  software?: string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MAX_DATE_MS = 8.64e15;
const NEEDS_ENCODING = /[^\t\x20-\x7e]|=\?/;
// RFC 2047 §2: an encoded word is at most 75 characters; `=?UTF-8?B?` + `?=` take 12 of them.
const ENCODED_WORD_OCTETS = 45;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * formatDate writes an RFC 5322 §3.3 date-time, `Fri, 27 Nov 2026 09:00:00 +0000`, for an
 * absolute time in epoch milliseconds, shifted to the zone `offsetMinutes` east of UTC.
 * A time that is not a finite date counts as epoch 0.
 */
export function formatDate(ms: number, offsetMinutes = 0): string {
  const offset = Number.isFinite(offsetMinutes) ? Math.trunc(offsetMinutes) : 0;
  const safe = Number.isFinite(ms) && Math.abs(ms + offset * 60000) <= MAX_DATE_MS ? ms : 0;
  const d = new Date(safe + offset * 60000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCFullYear(), 4)} `
    + `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/**
 * parseDate reads an RFC 5322 §3.3 date (also the obsolete two-digit years and zone names of
 * §4.3) into epoch milliseconds; `undefined` when it is no date.
 */
export function parseDate(text: string): number | undefined {
  const m = /^\s*(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2,4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,3})?\s*(?:\(.*\))?\s*$/.exec(text);
  if (!m) return undefined;
  const month = MONTHS.findIndex((name) => name.toLowerCase() === m[2].toLowerCase());
  if (month < 0) return undefined;
  let year = Number(m[3]);
  if (m[3].length === 2) year += year < 50 ? 2000 : 1900;
  else if (m[3].length === 3) year += 1900;
  const zones: Record<string, number> = { UT: 0, GMT: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420 };
  const zone = m[7] ?? '+0000';
  let offset: number;
  if (/^[+-]\d{4}$/.test(zone)) offset = (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3)));
  else offset = zones[zone.toUpperCase()] ?? 0; // RFC 5322 §4.3: unknown military zones count as +0000.
  const ms = Date.UTC(year, month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) - offset * 60000;
  return Number.isFinite(ms) ? ms : undefined;
}

/** messageId writes a Message-ID (RFC 5322 §3.6.4): `<localPart@domain>`. */
export function messageId(localPart: string, domain: string): string {
  return `<${localPart}@${domain}>`;
}

/**
 * encodeHeaderWord makes header text safe for a 7-bit header (RFC 2047): printable ASCII stays
 * as it is; anything else becomes UTF-8 "B" encoded words of at most 75 characters each, never
 * splitting a character (§5), separated by spaces so the field can be folded between them.
 */
export function encodeHeaderWord(text: string): string {
  if (!NEEDS_ENCODING.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  let used = 0;
  for (const ch of text) {
    const n = octets(ch);
    if (used + n > ENCODED_WORD_OCTETS && chunk) {
      words.push(chunk);
      chunk = '';
      used = 0;
    }
    chunk += ch;
    used += n;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${base64Encode(w)}?=`).join(' ');
}

function decodeWordBytes(encoding: string, data: string): Uint8Array | undefined {
  if (encoding.toUpperCase() === 'B') return base64Decode(data);
  const bytes: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    if (c === '_') bytes.push(0x20);
    else if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(data.slice(i + 1, i + 3))) {
      bytes.push(parseInt(data.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0) & 0xff);
  }
  return new Uint8Array(bytes);
}

function decodeCharset(charset: string, bytes: Uint8Array): string | undefined {
  const cs = charset.toLowerCase().replace(/\*.*$/, '');
  if (cs === 'utf-8' || cs === 'utf8' || cs === 'us-ascii') return utf8Decode(bytes);
  if (cs === 'iso-8859-1' || cs === 'latin1') return String.fromCharCode(...bytes);
  return undefined;
}

/**
 * decodeHeaderWords shows header text with its RFC 2047 encoded words decoded (B and Q, UTF-8,
 * US-ASCII and ISO-8859-1). Space between two adjacent encoded words is dropped (§6.2); a word
 * in another charset, or one that does not decode, stays as written.
 */
export function decodeHeaderWords(value: string): string {
  const WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
  let out = '';
  let last = 0;
  let prevWasWord = false;
  for (let m = WORD.exec(value); m; m = WORD.exec(value)) {
    const between = value.slice(last, m.index);
    const bytes = decodeWordBytes(m[2], m[3]);
    const decoded = bytes && decodeCharset(m[1], bytes);
    if (decoded === undefined) {
      out += between + m[0];
      prevWasWord = false;
    } else {
      out += prevWasWord && /^[ \t\r\n]*$/.test(between) ? '' : between;
      out += decoded;
      prevWasWord = true;
    }
    last = m.index + m[0].length;
  }
  return out + value.slice(last);
}

/**
 * foldHeader writes `Name: value`, folded (RFC 5322 §2.2.3) by putting CRLF before a space or tab
 * so that lines stay within `width` (78) characters where the value allows it. Unfolding gives
 * back exactly `Name: value`. A value that already holds CRLF is taken as folded.
 */
export function foldHeader(name: string, value: string, width = 78): string {
  const field = `${name}: ${value}`;
  if (value.includes('\r\n')) return field;
  const lines: string[] = [];
  let rest = field;
  let minFold = name.length + 2;
  while (rest.length > width) {
    let at = -1;
    // The last fold point that keeps the line short, else the first one after it.
    for (let i = Math.min(width, rest.length - 1); i > minFold; i--) if (rest[i] === ' ' || rest[i] === '\t') { at = i; break; }
    if (at < 0) for (let i = width + 1; i < rest.length; i++) if (rest[i] === ' ' || rest[i] === '\t') { at = i; break; }
    // Never leave a line of only white space on either side (RFC 5322 §3.2.2).
    if (at < 0 || rest.slice(0, at).trim() === '' || rest.slice(at).trim() === '') break;
    lines.push(rest.slice(0, at));
    rest = rest.slice(at);
    minFold = 1;
  }
  lines.push(rest);
  return lines.join('\r\n');
}

/** unfold removes the CRLF of each fold, keeping the white space after it (RFC 5322 §2.2.3). */
export function unfold(text: string): string {
  return text.replace(/\r?\n(?=[ \t])/g, '');
}

/** splitMessage cuts a message at the first empty line: header section and body (RFC 5322 §2.1). */
export function splitMessage(raw: string): MessageParts {
  if (raw.startsWith('\r\n')) return { header: '', body: raw.slice(2) };
  if (raw.startsWith('\n')) return { header: '', body: raw.slice(1) };
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { header: raw.slice(0, crlf + 2), body: raw.slice(crlf + 4) };
  if (lf >= 0) return { header: raw.slice(0, lf + 1), body: raw.slice(lf + 2) };
  return { header: raw, body: '' };
}

/**
 * parseHeaders reads the header fields of a message (or of a header section): names as
 * written, values unfolded and trimmed. Lines that are neither a field nor a continuation
 * are skipped.
 */
export function parseHeaders(raw: string): HeaderField[] {
  const fields: HeaderField[] = [];
  const lines = splitMessage(raw).header.split(/\r?\n/);
  for (const line of lines) {
    if (line === '') continue;
    const last = fields[fields.length - 1];
    if ((line[0] === ' ' || line[0] === '\t') && last) {
      last.raw += `\r\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push({ name: line.slice(0, colon).trimEnd(), value: '', raw: line });
  }
  for (const f of fields) f.value = unfold(f.raw.slice(f.raw.indexOf(':') + 1)).trim();
  return fields;
}

/** getHeader gives the first value of a field, the name compared without case; `undefined` when absent. */
export function getHeader(raw: string, name: string): string | undefined {
  return getHeaders(raw, name)[0];
}

/** getHeaders gives every value of a field (say, all Received fields, newest first). */
export function getHeaders(raw: string, name: string): string[] {
  const want = name.toLowerCase();
  return parseHeaders(raw).filter((f) => f.name.toLowerCase() === want).map((f) => f.value);
}

/** prependHeader puts a field on top of a message, as each server does with its Received (RFC 5321 §4.4). */
export function prependHeader(raw: string, name: string, value: string): string {
  return `${foldHeader(name, value)}\r\n${raw}`;
}

/** encodeMailbox encodes a non-ASCII display name in `Name <addr>` (RFC 2047 §5); the address stays as it is. */
function encodeMailbox(mailbox: string): string {
  const m = /^\s*(.*?)\s*<([^>]*)>\s*$/.exec(mailbox);
  if (!m || !NEEDS_ENCODING.test(m[1])) return mailbox.trim();
  const name = m[1].replace(/^"(.*)"$/, '$1');
  return `${encodeHeaderWord(name)} <${m[2]}>`;
}

/**
 * buildMessage writes a plain-text message as a mail program sends it: Date, From, To, Cc,
 * Subject, Message-ID, the extra headers, then MIME-Version 1.0, `text/plain; charset=UTF-8`
 * and `7bit` or `8bit` (RFC 2045, RFC 6152), an empty line and the body with CRLF endings.
 * Non-ASCII subjects and display names become encoded words; long fields are folded.
 */
export function buildMessage(init: MessageInit): string {
  const fields: [string, string][] = [['Date', init.date], ['From', encodeMailbox(init.from)]];
  if (init.to.length) fields.push(['To', init.to.map(encodeMailbox).join(', ')]);
  if (init.cc?.length) fields.push(['Cc', init.cc.map(encodeMailbox).join(', ')]);
  fields.push(['Subject', encodeHeaderWord(init.subject)]);
  fields.push(['Message-ID', init.messageId.startsWith('<') ? init.messageId : `<${init.messageId}>`]);
  const extra = init.headers ?? [];
  fields.push(...extra);
  const body = init.body === '' ? '' : toCrlf(init.body).replace(/(\r\n)?$/, '\r\n');
  if (!extra.some(([n]) => n.toLowerCase() === 'content-type')) {
    fields.push(['MIME-Version', '1.0'], ['Content-Type', 'text/plain; charset=UTF-8']);
    fields.push(['Content-Transfer-Encoding', /[^\x00-\x7f]/.test(body) ? '8bit' : '7bit']);
  }
  return `${fields.map(([n, v]) => foldHeader(n, v)).join('\r\n')}\r\n\r\n${body}`;
}

/**
 * receivedHeader writes the value of the Received field a server adds (RFC 5321 §4.4), in
 * Postfix's layout; pass it to `prependHeader(raw, 'Received', value)`:
 * `from alice-pc (alice-pc [203.0.113.10])` CRLF TAB `by smtp.example.com (Postfix) with ESMTPSA
 * id 4ABC123` CRLF TAB `for <bob@example.org>; Fri, 27 Nov 2026 09:00:00 +0000`. Without `for`,
 * the date follows the id after `;` on its own line. IPv6 addresses get Postfix's `IPv6:` prefix.
 */
export function receivedHeader(init: ReceivedInit): string {
  const ip = init.fromIp.includes(':') && !init.fromIp.startsWith('IPv6:') ? `IPv6:${init.fromIp}` : init.fromIp;
  const parts = [`from ${init.fromHelo} (${init.fromHost ?? 'unknown'} [${ip}])`];
  if (init.tls) parts.push(`\t(using ${init.tls})`, '\t(No client certificate requested)');
  const by = `\tby ${init.by} (${init.software ?? 'Postfix'}) with ${init.protocol} id ${init.id}`;
  if (init.for !== undefined) parts.push(by, `\tfor <${init.for}>; ${init.date}`);
  else parts.push(`${by};`, `\t${init.date}`);
  return parts.join('\r\n');
}
