/**
 * IMAP command syntax (RFC 9051 §4, RFC 3501 §9): tagged command lines made of atoms, quoted
 * strings with `\"` and `\\` escapes, literals `{n}` (synchronizing: the server answers `+ OK`
 * first) and `{n+}` (RFC 7888 LITERAL+), parenthesised lists, sequence sets with `*` and ranges,
 * and FETCH attribute lists with body sections. Lines arrive without CRLF; `feedImapLine` joins
 * the lines of one command across its literals. Nothing here throws: bad input is a value.
 */
import { octets } from './bytes';

/** ImapValue: one argument: an atom (also NIL and numbers), a string (quoted or literal) or a list. */
export type ImapValue =
  | { kind: 'atom'; text: string }
  | { kind: 'string'; text: string; literal: boolean }
  | { kind: 'list'; items: ImapValue[] };

/** ImapCommand: a parsed command line. */
export interface ImapCommand {
  tag: string;
  /** Command name in upper case (`UID` commands keep `UID`; the sub-command is the first argument). */
  name: string;
  args: ImapValue[];
}

/** ImapParseError: why a command line could not be read. */
export interface ImapParseError {
  error: 'empty' | 'bad-tag' | 'no-command' | 'syntax';
  tag?: string;
  name?: string;
  detail: string;
}

/** isImapParseError tells an error from a command. */
export function isImapParseError(v: ImapCommand | ImapParseError): v is ImapParseError {
  return 'error' in v;
}

/**
 * octetEnd returns the string index where `n` octets (UTF-8) after `start` end, or -1 when the
 * text is too short or the count ends inside a character.
 */
export function octetEnd(text: string, start: number, n: number): number {
  let left = n;
  let i = start;
  while (left > 0) {
    if (i >= text.length) return -1;
    const c = text.codePointAt(i)!;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    left -= size;
    i += c > 0xffff ? 2 : 1;
  }
  return left === 0 ? i : -1;
}

/** isValidImapTag: a tag is 1+ ASTRING-CHARs except `+` (RFC 9051 §9), as Dovecot checks it. */
export function isValidImapTag(tag: string): boolean {
  return tag.length > 0 && tag.length <= 100 && !/[+(){/ %*"\\\x00-\x1f\x7f]/.test(tag);
}

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text[this.pos] ?? '';
  }
}

type Read = ImapValue | { fail: string };
const isFail = (r: Read | ImapValue[] | { fail: string }): r is { fail: string } => 'fail' in r;

function readQuoted(c: Cursor): Read {
  c.pos++;
  let out = '';
  while (!c.done) {
    const ch = c.text[c.pos++];
    if (ch === '"') return { kind: 'string', text: out, literal: false };
    if (ch === '\r' || ch === '\n') return { fail: 'CR or LF in a quoted string' };
    if (ch === '\\') {
      const next = c.text[c.pos++];
      // RFC 9051 §4.3: only " and \ may be escaped.
      if (next !== '"' && next !== '\\') return { fail: 'Invalid escape in a quoted string' };
      out += next;
    } else out += ch;
  }
  return { fail: 'Missing " at the end of a quoted string' };
}

function readLiteral(c: Cursor): Read {
  const m = /^\{(\d{1,10})(\+?)\}\r\n/.exec(c.text.slice(c.pos, c.pos + 16));
  if (!m) return { fail: 'Invalid literal' };
  const start = c.pos + m[0].length;
  const end = octetEnd(c.text, start, Number(m[1]));
  if (end < 0) return { fail: 'Literal shorter than announced' };
  c.pos = end;
  return { kind: 'string', text: c.text.slice(start, end), literal: true };
}

function readAtom(c: Cursor): Read {
  const start = c.pos;
  while (!c.done) {
    const ch = c.peek();
    if (ch === ' ' || ch === '(' || ch === ')' || ch === '"' || ch < ' ' || ch === '\x7f') break;
    if (ch === '[') {
      // A body section: read to the matching "]", spaces and parentheses included (RFC 9051 §6.4.5).
      const close = c.text.indexOf(']', c.pos);
      if (close < 0) return { fail: 'Missing ] in a body section' };
      c.pos = close + 1;
      continue;
    }
    c.pos++;
  }
  if (c.pos === start) return { fail: `Unexpected character ${JSON.stringify(c.peek())}` };
  return { kind: 'atom', text: c.text.slice(start, c.pos) };
}

function readValue(c: Cursor, depth: number): Read {
  const ch = c.peek();
  if (ch === '"') return readQuoted(c);
  if (ch === '{') return readLiteral(c);
  if (ch === '(') {
    if (depth > 20) return { fail: 'Lists nested too deeply' };
    c.pos++;
    const items = readValues(c, depth + 1, ')');
    if (isFail(items)) return items;
    if (c.peek() !== ')') return { fail: 'Missing )' };
    c.pos++;
    return { kind: 'list', items };
  }
  return readAtom(c);
}

function readValues(c: Cursor, depth: number, end: string): ImapValue[] | { fail: string } {
  const out: ImapValue[] = [];
  while (!c.done && c.peek() !== end) {
    if (c.peek() === ' ') {
      c.pos++;
      continue;
    }
    const v = readValue(c, depth);
    if (isFail(v)) return v;
    out.push(v);
  }
  return out;
}

/** parseImapArgs reads the arguments part of a command (after tag and name). */
export function parseImapArgs(text: string): ImapValue[] | { fail: string } {
  const c = new Cursor(text);
  const values = readValues(c, 0, '');
  if (!isFail(values) && !c.done) return { fail: 'Unexpected )' };
  return values;
}

/** parseImapCommand reads one whole command (its literals inline, each as `{n}` CRLF data). */
export function parseImapCommand(text: string): ImapCommand | ImapParseError {
  if (text.trim() === '') return { error: 'empty', detail: 'Empty line' };
  const sp = text.indexOf(' ');
  const tag = sp < 0 ? text : text.slice(0, sp);
  if (!isValidImapTag(tag)) return { error: 'bad-tag', detail: 'Invalid tag' };
  const rest = sp < 0 ? '' : text.slice(sp + 1);
  const nameMatch = /^[^ (){"\x00-\x1f]+/.exec(rest);
  if (!nameMatch) return { error: 'no-command', tag, detail: 'Missing command name' };
  const name = nameMatch[0].toUpperCase();
  const args = parseImapArgs(rest.slice(nameMatch[0].length));
  if (isFail(args)) return { error: 'syntax', tag, name, detail: args.fail };
  return { tag, name, args };
}

/** ImapFrame: a command being read across lines: the text so far and the literal octets still due. */
export interface ImapFrame {
  text: string;
  need: number;
}

/** NEW_IMAP_FRAME: the state before a command's first line. */
export const NEW_IMAP_FRAME: ImapFrame = { text: '', need: 0 };

/** FrameStep: a whole command, a request for more lines (with `+ OK` for `{n}`), or a line too long. */
export type FrameStep =
  | { kind: 'complete'; text: string }
  | { kind: 'more'; frame: ImapFrame; continuation: boolean }
  | { kind: 'too-long' };

/**
 * feedImapLine adds one received line (without CRLF) to the command being read. A line ending
 * in `{n}` or `{n+}` announces a literal of n octets: the next lines (with their CRLFs) belong
 * to it, and the command goes on after it (RFC 9051 §4.3, RFC 7888).
 */
export function feedImapLine(frame: ImapFrame, line: string, maxLine: number, maxLiteral: number): FrameStep {
  let text = frame.text;
  let tail = line;
  if (frame.need > 0) {
    const size = octets(line);
    if (size + 2 <= frame.need) return { kind: 'more', frame: { text: `${text}${line}\r\n`, need: frame.need - size - 2 }, continuation: false };
    const end = octetEnd(line, 0, Math.min(frame.need, size));
    text += line.slice(0, end < 0 ? line.length : end);
    tail = end < 0 ? '' : line.slice(end);
  } else if (octets(line) > maxLine) return { kind: 'too-long' };
  text += tail;
  const literal = /\{(\d{1,10})(\+?)\}$/.exec(tail);
  if (!literal) return { kind: 'complete', text };
  const n = Number(literal[1]);
  if (n > maxLiteral) return { kind: 'too-long' };
  if (n === 0) return feedImapLine({ text: `${text}\r\n`, need: 0 }, '', maxLine, maxLiteral);
  return { kind: 'more', frame: { text: `${text}\r\n`, need: n }, continuation: literal[2] !== '+' };
}

/** SeqRange: one element of a sequence set; `'*'` is the largest number in use. */
export interface SeqRange {
  from: number | '*';
  to: number | '*';
}

/** parseSequenceSet reads `1,3:5,7:*` (RFC 9051 §9 sequence-set); undefined when malformed. */
export function parseSequenceSet(text: string): SeqRange[] | undefined {
  if (!/^(\d+|\*)(:(\d+|\*))?(,(\d+|\*)(:(\d+|\*))?)*$/.test(text)) return undefined;
  const num = (s: string) => (s === '*' ? '*' : Number(s));
  const ranges = text.split(',').map((part) => {
    const [a, b] = part.split(':');
    return { from: num(a), to: num(b ?? a) } as SeqRange;
  });
  return ranges.some((r) => r.from === 0 || r.to === 0) ? undefined : ranges;
}

/**
 * resolveSequenceNumbers turns a set into message sequence numbers 1..max, sorted; undefined
 * when it names a message that does not exist (Dovecot: "Invalid messageset").
 */
export function resolveSequenceNumbers(set: readonly SeqRange[], max: number): number[] | undefined {
  const out = new Set<number>();
  for (const r of set) {
    const a = r.from === '*' ? max : r.from;
    const b = r.to === '*' ? max : r.to;
    if (a < 1 || b < 1 || a > max || b > max) return undefined;
    for (let n = Math.min(a, b); n <= Math.max(a, b); n++) out.add(n);
  }
  return [...out].sort((x, y) => x - y);
}

/**
 * resolveUidSet picks the UIDs in a set from the UIDs that exist, sorted. Per RFC 9051 §6.4.9 a
 * UID that does not exist is ignored, and `n:*` always includes the largest UID.
 */
export function resolveUidSet(set: readonly SeqRange[], uids: readonly number[]): number[] {
  if (!uids.length) return [];
  const max = uids[uids.length - 1];
  const picked = new Set<number>();
  for (const r of set) {
    const a = r.from === '*' ? max : r.from;
    const b = r.to === '*' ? max : r.to;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    for (const u of uids) if (u >= lo && u <= hi) picked.add(u);
  }
  return [...picked].sort((x, y) => x - y);
}

/** BodySection: the part of a message a `BODY[...]` item names (RFC 9051 §6.4.5). */
export interface BodySection {
  /** Part numbers, `[]` for the whole message. */
  part: number[];
  spec: '' | 'HEADER' | 'TEXT' | 'MIME' | 'HEADER.FIELDS' | 'HEADER.FIELDS.NOT';
  /** Field names for HEADER.FIELDS(.NOT), upper case. */
  fields: string[];
}

/** FetchItem: one data item of FETCH. */
export type FetchItem =
  | { kind: 'FLAGS' | 'UID' | 'RFC822.SIZE' | 'INTERNALDATE' | 'ENVELOPE' | 'BODYSTRUCTURE' | 'BODY' | 'RFC822' | 'RFC822.HEADER' | 'RFC822.TEXT' }
  | { kind: 'section'; peek: boolean; section: BodySection; partial?: { start: number; length: number } };

const SIMPLE_ITEMS = ['FLAGS', 'UID', 'RFC822.SIZE', 'INTERNALDATE', 'ENVELOPE', 'BODYSTRUCTURE', 'BODY', 'RFC822', 'RFC822.HEADER', 'RFC822.TEXT'] as const;
/** FETCH_MACROS: the shorthand item lists of RFC 3501 §6.4.5. */
export const FETCH_MACROS: Record<string, readonly string[]> = {
  ALL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE'],
  FAST: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE'],
  FULL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODY'],
};

/** parseSection reads the text between the brackets of `BODY[...]`; undefined when malformed. */
export function parseSection(text: string): BodySection | undefined {
  const m = /^((?:\d+\.)*\d+)?(?:\.?(HEADER\.FIELDS\.NOT|HEADER\.FIELDS|HEADER|TEXT|MIME))?(?: \(([^()]*)\))?$/i.exec(text.trim());
  if (!m) return undefined;
  const part = m[1] ? m[1].split('.').map(Number) : [];
  if (part.some((p) => p < 1)) return undefined;
  const spec = (m[2]?.toUpperCase() ?? '') as BodySection['spec'];
  if (m[1] && m[2] && text.trim()[m[1].length] !== '.') return undefined;
  if (spec === 'MIME' && !part.length) return undefined;
  const fields = m[3] !== undefined ? m[3].split(/\s+/).filter(Boolean).map((f) => f.replace(/^"|"$/g, '').toUpperCase()) : [];
  if ((spec === 'HEADER.FIELDS' || spec === 'HEADER.FIELDS.NOT') !== (m[3] !== undefined) || (m[3] !== undefined && !fields.length)) return undefined;
  return { part, spec, fields };
}

function parseFetchAtom(text: string): FetchItem | undefined {
  const upper = text.toUpperCase();
  if ((SIMPLE_ITEMS as readonly string[]).includes(upper)) return { kind: upper as (typeof SIMPLE_ITEMS)[number] };
  const m = /^(BODY|BODY\.PEEK|BINARY|BINARY\.PEEK)\[([^\]]*)\](?:<(\d+)\.(\d+)>)?$/i.exec(text);
  if (!m || m[1].toUpperCase().startsWith('BINARY')) return undefined;
  const section = parseSection(m[2]);
  if (!section) return undefined;
  const item: FetchItem = { kind: 'section', peek: m[1].toUpperCase() === 'BODY.PEEK', section };
  if (m[3] !== undefined) item.partial = { start: Number(m[3]), length: Number(m[4]) };
  return item;
}

/** parseFetchItems reads a FETCH argument: a macro, one item, or a list of items. */
export function parseFetchItems(value: ImapValue): FetchItem[] | undefined {
  if (value.kind === 'atom' && FETCH_MACROS[value.text.toUpperCase()]) {
    return FETCH_MACROS[value.text.toUpperCase()].map((k) => parseFetchAtom(k)!);
  }
  const atoms = value.kind === 'list' ? value.items : [value];
  const items: FetchItem[] = [];
  for (const a of atoms) {
    if (a.kind !== 'atom') return undefined;
    const item = parseFetchAtom(a.text);
    if (!item) return undefined;
    items.push(item);
  }
  return items.length ? items : undefined;
}

/** sectionText writes a section back as it appears in a response: `HEADER.FIELDS (FROM SUBJECT)`. */
export function sectionText(s: BodySection): string {
  const head = [...s.part.map(String), ...(s.spec ? [s.spec] : [])].join('.');
  return s.fields.length ? `${head} (${s.fields.join(' ')})` : head;
}

/** SYSTEM_FLAGS: the flags of RFC 9051 §2.3.2 in Dovecot's order. */
export const SYSTEM_FLAGS = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'] as const;

/**
 * parseFlagList reads `(\Seen \Deleted)` or a single flag; system flags get their canonical case,
 * keywords stay as written. \Recent cannot be stored and is dropped. Undefined when a flag is
 * not an atom or is an unknown `\` flag.
 */
export function parseFlagList(values: readonly ImapValue[]): string[] | undefined {
  const list = values.length === 1 && values[0].kind === 'list' ? values[0].items : values;
  const out: string[] = [];
  for (const v of list) {
    if (v.kind !== 'atom' || /[\[\]{]/.test(v.text)) return undefined;
    if (v.text.startsWith('\\')) {
      if (v.text.toLowerCase() === '\\recent') continue;
      const known = SYSTEM_FLAGS.find((f) => f.toLowerCase() === v.text.toLowerCase());
      if (!known) return undefined;
      if (!out.includes(known)) out.push(known);
    } else if (!out.includes(v.text)) out.push(v.text);
  }
  return out;
}

/** astringOf gives the text of an atom or string argument (a mailbox name, a user name). */
export function astringOf(v: ImapValue | undefined): string | undefined {
  if (!v || v.kind === 'list') return undefined;
  return v.text;
}
