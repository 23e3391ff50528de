/**
 * IMAP SEARCH (RFC 9051 §6.4.4, RFC 3501 §6.4.4): the search keys a mail program uses, parsed
 * from a command's arguments into a tree and evaluated against one message. Several keys in a
 * row mean AND; `OR a b`, `NOT a` and parenthesised lists combine them. Text keys match a
 * substring without regard to case, in decoded header values or the body.
 */
import { decodeHeaderWords, getHeaders, parseDate, splitMessage } from './message';
import { parseImapDate } from './imap-format';
import { astringOf, parseSequenceSet, type ImapValue, type SeqRange } from './imap-parse';

/** SearchKey: one node of a parsed search. */
export type SearchKey =
  | { op: 'all' }
  | { op: 'flag'; flag: string; set: boolean }
  | { op: 'header'; field: string; text: string }
  | { op: 'body' | 'text'; text: string }
  | { op: 'larger' | 'smaller'; octets: number }
  | { op: 'uid' | 'seq'; set: SeqRange[] }
  | { op: 'not'; key: SearchKey }
  | { op: 'or'; a: SearchKey; b: SearchKey }
  | { op: 'and'; keys: SearchKey[] }
  | { op: 'date'; field: 'internal' | 'sent'; cmp: 'before' | 'on' | 'since'; day: number }
  | { op: 'recent' | 'new' | 'old' };

/** SearchCandidate: what a key is evaluated against. */
export interface SearchCandidate {
  seq: number;
  uid: number;
  raw: string;
  size: number;
  flags: ReadonlySet<string>;
  /** Arrival time in epoch ms. */
  internalDate: number;
  /** Largest sequence number and UID, for `*`. */
  maxSeq: number;
  maxUid: number;
}

const FLAG_KEYS: Record<string, [string, boolean]> = {
  ANSWERED: ['\\Answered', true], UNANSWERED: ['\\Answered', false], DELETED: ['\\Deleted', true], UNDELETED: ['\\Deleted', false],
  DRAFT: ['\\Draft', true], UNDRAFT: ['\\Draft', false], FLAGGED: ['\\Flagged', true], UNFLAGGED: ['\\Flagged', false],
  SEEN: ['\\Seen', true], UNSEEN: ['\\Seen', false],
};
const HEADER_KEYS = ['FROM', 'TO', 'CC', 'BCC', 'SUBJECT'];
const DATE_KEYS: Record<string, ['internal' | 'sent', 'before' | 'on' | 'since']> = {
  BEFORE: ['internal', 'before'], ON: ['internal', 'on'], SINCE: ['internal', 'since'],
  SENTBEFORE: ['sent', 'before'], SENTON: ['sent', 'on'], SENTSINCE: ['sent', 'since'],
};

/** SearchParse: the key tree, or the argument the server could not read. */
export type SearchParse = { ok: true; key: SearchKey; charset?: string } | { ok: false; problem: string };

/** parseSearch reads SEARCH arguments: an optional `CHARSET name`, then one or more keys. */
export function parseSearch(args: readonly ImapValue[]): SearchParse {
  let i = 0;
  let charset: string | undefined;
  if (args[0]?.kind === 'atom' && args[0].text.toUpperCase() === 'CHARSET') {
    charset = astringOf(args[1]);
    if (!charset) return { ok: false, problem: 'Missing CHARSET name' };
    if (!['UTF-8', 'US-ASCII'].includes(charset.toUpperCase())) return { ok: false, problem: `Unsupported charset ${charset}` };
    i = 2;
  }
  const keys: SearchKey[] = [];
  while (i < args.length) {
    const r = readKey(args, i);
    if ('problem' in r) return { ok: false, problem: r.problem };
    keys.push(r.key);
    i = r.next;
  }
  if (!keys.length) return { ok: false, problem: 'Missing search parameters' };
  return { ok: true, key: keys.length === 1 ? keys[0] : { op: 'and', keys }, charset };
}

type KeyRead = { key: SearchKey; next: number } | { problem: string };

function readKey(args: readonly ImapValue[], i: number): KeyRead {
  const v = args[i];
  if (!v) return { problem: 'Missing search key' };
  if (v.kind === 'list') {
    const inner = parseSearch(v.items);
    return inner.ok ? { key: inner.key, next: i + 1 } : { problem: inner.problem };
  }
  if (v.kind === 'string') return { problem: `Unknown argument ${v.text}` };
  const word = v.text.toUpperCase();
  const str = (n: number) => astringOf(args[i + n]);
  if (word === 'ALL') return { key: { op: 'all' }, next: i + 1 };
  if (word === 'RECENT' || word === 'NEW' || word === 'OLD') return { key: { op: word.toLowerCase() as 'recent' }, next: i + 1 };
  if (FLAG_KEYS[word]) return { key: { op: 'flag', flag: FLAG_KEYS[word][0], set: FLAG_KEYS[word][1] }, next: i + 1 };
  if (word === 'KEYWORD' || word === 'UNKEYWORD') {
    const k = str(1);
    return k ? { key: { op: 'flag', flag: k, set: word === 'KEYWORD' }, next: i + 2 } : { problem: `Missing argument for ${word}` };
  }
  if (HEADER_KEYS.includes(word)) {
    const text = str(1);
    return text !== undefined ? { key: { op: 'header', field: word.toLowerCase(), text }, next: i + 2 } : { problem: `Missing argument for ${word}` };
  }
  if (word === 'HEADER') {
    const field = str(1);
    const text = str(2);
    return field !== undefined && text !== undefined ? { key: { op: 'header', field: field.toLowerCase(), text }, next: i + 3 } : { problem: 'Missing argument for HEADER' };
  }
  if (word === 'BODY' || word === 'TEXT') {
    const text = str(1);
    return text !== undefined ? { key: { op: word.toLowerCase() as 'body', text }, next: i + 2 } : { problem: `Missing argument for ${word}` };
  }
  if (word === 'LARGER' || word === 'SMALLER') {
    const n = str(1);
    return n && /^\d+$/.test(n) ? { key: { op: word.toLowerCase() as 'larger', octets: Number(n) }, next: i + 2 } : { problem: `Invalid size for ${word}` };
  }
  if (DATE_KEYS[word]) {
    const day = parseImapDate(str(1) ?? '');
    return day !== undefined ? { key: { op: 'date', field: DATE_KEYS[word][0], cmp: DATE_KEYS[word][1], day }, next: i + 2 } : { problem: `Invalid date for ${word}` };
  }
  if (word === 'UID') {
    const set = parseSequenceSet(str(1) ?? '');
    return set ? { key: { op: 'uid', set }, next: i + 2 } : { problem: 'Invalid uid set' };
  }
  if (word === 'NOT') {
    const inner = readKey(args, i + 1);
    return 'problem' in inner ? inner : { key: { op: 'not', key: inner.key }, next: inner.next };
  }
  if (word === 'OR') {
    const a = readKey(args, i + 1);
    if ('problem' in a) return a;
    const b = readKey(args, a.next);
    return 'problem' in b ? b : { key: { op: 'or', a: a.key, b: b.key }, next: b.next };
  }
  const set = parseSequenceSet(v.text);
  if (set) return { key: { op: 'seq', set }, next: i + 1 };
  return { problem: `Unknown argument ${v.text}` };
}

function inSet(set: readonly SeqRange[], n: number, max: number): boolean {
  return set.some((r) => {
    const a = r.from === '*' ? max : r.from;
    const b = r.to === '*' ? max : r.to;
    return n >= Math.min(a, b) && n <= Math.max(a, b);
  });
}

const DAY = 86_400_000;

/** matchesSearch evaluates a key against one message. */
export function matchesSearch(key: SearchKey, m: SearchCandidate): boolean {
  switch (key.op) {
    case 'all':
      return true;
    case 'flag':
      return m.flags.has(key.flag) === key.set;
    case 'recent':
    case 'new':
      // Like the greeting's "0 RECENT", no message counts as recent in SMTP Lab.
      return false;
    case 'old':
      return true;
    case 'header': {
      const needle = key.text.toLowerCase();
      const values = getHeaders(splitMessage(m.raw).header, key.field);
      if (needle === '') return values.length > 0;
      return values.some((v) => decodeHeaderWords(v).toLowerCase().includes(needle) || v.toLowerCase().includes(needle));
    }
    case 'body':
      return splitMessage(m.raw).body.toLowerCase().includes(key.text.toLowerCase());
    case 'text':
      return m.raw.toLowerCase().includes(key.text.toLowerCase());
    case 'larger':
      return m.size > key.octets;
    case 'smaller':
      return m.size < key.octets;
    case 'uid':
      return inSet(key.set, m.uid, m.maxUid);
    case 'seq':
      return inSet(key.set, m.seq, m.maxSeq);
    case 'not':
      return !matchesSearch(key.key, m);
    case 'or':
      return matchesSearch(key.a, m) || matchesSearch(key.b, m);
    case 'and':
      return key.keys.every((k) => matchesSearch(k, m));
    case 'date': {
      const when = key.field === 'internal' ? m.internalDate : sentDate(m.raw);
      if (when === undefined) return false;
      const day = Math.floor(when / DAY) * DAY;
      return key.cmp === 'before' ? day < key.day : key.cmp === 'on' ? day === key.day : day >= key.day;
    }
  }
}

function sentDate(raw: string): number | undefined {
  const value = getHeaders(splitMessage(raw).header, 'date')[0];
  return value ? parseDate(value) : undefined;
}
