/**
 * Reading IMAP server responses on the client side (RFC 9051 §7): the status of a tagged
 * response, untagged counts (`* 3 EXISTS`), response codes (`[UIDVALIDITY n]`) and the data
 * items of `* n FETCH (...)` with literals. Each response arrives whole, literals included.
 */
import { parseImapArgs, type ImapValue } from './imap-parse';

/** ImapStatus: the condition of a status response. */
export type ImapStatus = 'OK' | 'NO' | 'BAD' | 'BYE' | 'PREAUTH';

/** taggedStatus returns the status when `line` is the tagged response for `tag`, else undefined. */
export function taggedStatus(line: string, tag: string): ImapStatus | undefined {
  if (!line.startsWith(`${tag} `)) return undefined;
  const word = line.slice(tag.length + 1).split(' ')[0].toUpperCase();
  return (['OK', 'NO', 'BAD', 'BYE', 'PREAUTH'] as const).find((s) => s === word);
}

/** untaggedNumber reads `* 3 EXISTS` for `word` = EXISTS. */
export function untaggedNumber(line: string, word: string): number | undefined {
  const m = /^\* (\d+) (\S+)/.exec(line);
  return m && m[2].toUpperCase() === word ? Number(m[1]) : undefined;
}

/** responseCode reads the value of a response code: `[UIDVALIDITY 1795822144]` → `1795822144`. */
export function responseCode(line: string, code: string): string | undefined {
  const m = /\[([A-Z0-9.-]+)(?: ([^\]]*))?\]/i.exec(line);
  return m && m[1].toUpperCase() === code ? (m[2] ?? '') : undefined;
}

/** FetchData: what a `* n FETCH (...)` response says about one message. */
export interface FetchData {
  seq: number;
  uid?: number;
  flags?: string[];
  size?: number;
  /** The text of BODY[] (or RFC822) when it came. */
  body?: string;
}

/** parseFetchResponse reads a FETCH response; undefined for any other line. */
export function parseFetchResponse(line: string): FetchData | undefined {
  const m = /^\* (\d+) FETCH /i.exec(line);
  if (!m) return undefined;
  const args = parseImapArgs(line.slice(m[0].length));
  if ('fail' in args || args[0]?.kind !== 'list') return undefined;
  const items = args[0].items;
  const data: FetchData = { seq: Number(m[1]) };
  for (let i = 0; i + 1 < items.length; i += 2) {
    const name = items[i].kind === 'atom' ? (items[i] as { text: string }).text.toUpperCase() : '';
    const value: ImapValue = items[i + 1];
    if (name === 'UID' && value.kind === 'atom') data.uid = Number(value.text);
    else if (name === 'RFC822.SIZE' && value.kind === 'atom') data.size = Number(value.text);
    else if (name === 'FLAGS' && value.kind === 'list') data.flags = value.items.map((f) => (f.kind === 'list' ? '' : f.text));
    else if ((name === 'BODY[]' || name === 'RFC822') && value.kind === 'string') data.body = value.text;
  }
  return data;
}
