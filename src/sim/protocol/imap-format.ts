/**
 * IMAP response syntax (RFC 9051 §7, §9): strings as quoted strings or literals, NIL, flag
 * lists in Dovecot's order, INTERNALDATE, ENVELOPE and BODYSTRUCTURE, and the text of body
 * sections (BODY[HEADER], BODY[TEXT], BODY[HEADER.FIELDS (...)], numbered parts).
 */
import { octets } from './bytes';
import { parseHeaders, splitMessage } from './message';
import { mimePart, parseMimeEntity, type MimeEntity } from './mime-entity';
import { SYSTEM_FLAGS, type BodySection } from './imap-parse';

/** imapLiteral writes a literal: `{octets}` CRLF and the text (RFC 9051 §4.3). */
export function imapLiteral(text: string): string {
  return `{${octets(text)}}\r\n${text}`;
}

/** imapString writes a string quoted when it is printable ASCII, else as a literal, as Dovecot does. */
export function imapString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text) && text.length < 1024) return `"${text.replace(/[\\"]/g, '\\$&')}"`;
  return imapLiteral(text);
}

/** imapNString writes NIL for a missing value. */
export function imapNString(text: string | undefined): string {
  return text === undefined ? 'NIL' : imapString(text);
}

/** formatFlags writes a flag list: system flags in Dovecot's order, then keywords. */
export function formatFlags(flags: Iterable<string>): string {
  const all = [...flags];
  const system = SYSTEM_FLAGS.filter((f) => all.includes(f));
  const keywords = all.filter((f) => !f.startsWith('\\')).sort();
  return `(${[...system, ...keywords].join(' ')})`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** formatInternalDate writes `"27-Nov-2026 09:00:03 +0000"` for epoch milliseconds (RFC 9051 §9 date-time). */
export function formatInternalDate(ms: number): string {
  const d = new Date(Number.isFinite(ms) ? ms : 0);
  const p = (n: number) => String(n).padStart(2, '0');
  return `"${p(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000"`;
}

/** parseImapDate reads a search date `1-Feb-1994` into the epoch ms of that UTC day; undefined when malformed. */
export function parseImapDate(text: string): number | undefined {
  const m = /^"?(\d{1,2})-([A-Za-z]{3})-(\d{4})"?$/.exec(text);
  if (!m) return undefined;
  const month = MONTHS.findIndex((x) => x.toLowerCase() === m[2].toLowerCase());
  return month < 0 ? undefined : Date.UTC(Number(m[3]), month, Number(m[1]));
}

/** EnvelopeAddress: one address of an ENVELOPE (RFC 9051 §7.5.2). */
export interface EnvelopeAddress {
  name?: string;
  mailbox: string;
  host: string;
}

/** splitAddressList cuts an address-list header value at commas outside quotes, comments and angle brackets. */
function splitAddressList(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quoted) {
      if (ch === '\\') cur += value[i++] ?? '';
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '(' || ch === '<') depth++;
    else if ((ch === ')' || ch === '>') && depth > 0) depth--;
    else if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** parseAddressList reads `Name <local@host>, other@host` into envelope addresses. */
export function parseAddressList(value: string | undefined): EnvelopeAddress[] {
  if (!value) return [];
  return splitAddressList(value).map((entry) => {
    const angle = /^(.*?)<([^>]*)>/s.exec(entry);
    const addr = (angle ? angle[2] : entry.replace(/\([^)]*\)/g, '')).trim();
    const rawName = angle ? angle[1].trim() : '';
    const name = rawName.replace(/^"(.*)"$/s, '$1').replace(/\\(.)/g, '$1') || undefined;
    const at = addr.lastIndexOf('@');
    return { name, mailbox: at < 0 ? addr : addr.slice(0, at), host: at < 0 ? '' : addr.slice(at + 1) };
  });
}

function addressList(list: EnvelopeAddress[]): string {
  if (!list.length) return 'NIL';
  return `(${list.map((a) => `(${imapNString(a.name)} NIL ${imapString(a.mailbox)} ${imapString(a.host)})`).join('')})`;
}

/** formatEnvelope writes the ENVELOPE of a message (RFC 9051 §7.5.2): sender and reply-to default to from. */
export function formatEnvelope(raw: string): string {
  const fields = parseHeaders(splitMessage(raw).header);
  const get = (name: string) => fields.find((f) => f.name.toLowerCase() === name)?.value;
  const from = parseAddressList(get('from'));
  const sender = get('sender') ? parseAddressList(get('sender')) : from;
  const replyTo = get('reply-to') ? parseAddressList(get('reply-to')) : from;
  return `(${[
    imapNString(get('date')), imapNString(get('subject')), addressList(from), addressList(sender), addressList(replyTo),
    addressList(parseAddressList(get('to'))), addressList(parseAddressList(get('cc'))), addressList(parseAddressList(get('bcc'))),
    imapNString(get('in-reply-to')), imapNString(get('message-id')),
  ].join(' ')})`;
}

function countLines(text: string): number {
  if (text === '') return 0;
  const n = text.split('\r\n').length - 1;
  return text.endsWith('\r\n') ? n : n + 1;
}

function params(list: [string, string][]): string {
  return list.length ? `(${list.map(([k, v]) => `${imapString(k)} ${imapString(v)}`).join(' ')})` : 'NIL';
}

/** formatBodyStructure writes BODYSTRUCTURE (`extended`) or BODY for an entity (RFC 9051 §7.5.2). */
export function formatBodyStructure(entity: MimeEntity, extended: boolean): string {
  if (entity.type === 'multipart') {
    const kids = entity.parts.length ? entity.parts : [parseMimeEntity('\r\n')];
    const ext = extended ? ` ${params(entity.params)} NIL NIL NIL` : '';
    return `(${kids.map((k) => formatBodyStructure(k, extended)).join('')} ${imapString(entity.subtype)}${ext})`;
  }
  const fields = parseHeaders(entity.header);
  const get = (name: string) => fields.find((f) => f.name.toLowerCase() === name)?.value;
  const typeParams = entity.type === 'text' && !entity.params.some(([k]) => k === 'charset') ? [['charset', 'us-ascii'] as [string, string], ...entity.params] : entity.params;
  const parts = [
    imapString(entity.type), imapString(entity.subtype), params(typeParams), imapNString(get('content-id')),
    imapNString(get('content-description')), imapString(get('content-transfer-encoding') ?? '7bit'), String(octets(entity.body)),
  ];
  if (entity.type === 'message' && entity.subtype === 'rfc822' && entity.message) {
    const inner = `${entity.message.header}\r\n${entity.message.body}`;
    parts.push(formatEnvelope(inner), formatBodyStructure(entity.message, extended), String(countLines(entity.body)));
  } else if (entity.type === 'text') parts.push(String(countLines(entity.body)));
  if (extended) parts.push('NIL', 'NIL', 'NIL', 'NIL');
  return `(${parts.join(' ')})`;
}

function headerFields(header: string, names: readonly string[], not: boolean): string {
  const wanted = names.map((n) => n.toLowerCase());
  const kept = parseHeaders(header).filter((f) => wanted.includes(f.name.toLowerCase()) !== not);
  return `${kept.map((f) => `${f.raw}\r\n`).join('')}\r\n`;
}

/**
 * sectionContent returns the octets a body section names, or '' when the part does not exist
 * (RFC 9051 §6.4.5: HEADER includes the empty line after it; TEXT is the body after that line).
 */
export function sectionContent(raw: string, section: BodySection): string {
  const root = parseMimeEntity(raw);
  const target = section.part.length ? mimePart(root, section.part) : root;
  if (!target) return '';
  if (section.spec === 'MIME') return section.part.length ? `${target.header}\r\n` : '';
  // With a part number, HEADER and TEXT refer to the message inside a message/rfc822 part.
  const msg = section.part.length ? target.message : target;
  if (section.spec === '') return section.part.length ? target.body : raw;
  if (!msg) return '';
  if (section.spec === 'TEXT') return msg.body;
  if (section.spec === 'HEADER') return `${msg.header}\r\n`;
  return headerFields(msg.header, section.fields, section.spec === 'HEADER.FIELDS.NOT');
}
