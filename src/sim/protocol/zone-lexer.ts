/**
 * The zone-file lexer: cuts RFC 1035 §5.1 master-file text into entries (one resource record or
 * directive each) made of tokens with their line and column. It handles `;` comments, `( … )`
 * groups across lines, quoted strings, and the `\X` and `\DDD` escapes. It never throws; problems
 * are reported through a callback and lexing goes on.
 */

/** ZoneToken is one word or quoted string of a zone file, with its decoded text and position. */
export interface ZoneToken {
  /** The text after escapes are decoded (octets read as UTF-8). */
  text: string;
  /** The text as written in the file, for messages. */
  raw: string;
  /** True when the token was a quoted string. */
  quoted: boolean;
  /** True when the token contained a backslash escape. */
  escaped: boolean;
  /** Length of the decoded text in octets. */
  octets: number;
  line: number;
  /** 1-based column of the token's first character. */
  column: number;
  /** 1-based column just after the token's last character. */
  end: number;
}

/** ZoneEntry is one logical line: a record or a `$` directive, possibly spread over lines by `( … )`. */
export interface ZoneEntry {
  line: number;
  /** True when the first line starts with a space or tab: the owner is the previous record's (RFC 1035 §5.1). */
  ownerOmitted: boolean;
  tokens: ZoneToken[];
}

/** LexProblem is a syntax problem found while lexing, with its position and text in both languages. */
export interface LexProblem {
  line: number;
  column: number;
  text: { en: string; de: string };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t';
}

/**
 * lexZone splits zone-file text into entries. `report` receives every problem; the entries that
 * come back are as complete as the text allows.
 */
export function lexZone(text: string, report: (p: LexProblem) => void): ZoneEntry[] {
  const lines = String(text ?? '').split(/\r\n|\n|\r/);
  const entries: ZoneEntry[] = [];
  let entry: ZoneEntry | undefined;
  let open: { line: number; column: number } | undefined;

  for (let li = 0; li < lines.length; li++) {
    const src = lines[li];
    const lineNo = li + 1;
    if (!entry) entry = { line: lineNo, ownerOmitted: src.length > 0 && isBlank(src[0]), tokens: [] };
    let i = 0;
    while (i < src.length) {
      const c = src[i];
      if (isBlank(c)) {
        i++;
      } else if (c === ';') {
        break;
      } else if (c === '(') {
        // RFC 1035 §5.1: parentheses group data that crosses a line boundary.
        if (open) {
          report({ line: lineNo, column: i + 1, text: { en: "a '(' inside another '(': close the first group with ')' before opening a new one", de: "ein '(' innerhalb eines anderen '(': schließe die erste Gruppe mit ')', bevor du eine neue öffnest" } });
        } else {
          open = { line: lineNo, column: i + 1 };
        }
        i++;
      } else if (c === ')') {
        if (!open) {
          report({ line: lineNo, column: i + 1, text: { en: "this ')' has no matching '(' before it", de: "zu dieser ')' gibt es vorher keine passende '('" } });
        }
        open = undefined;
        i++;
      } else {
        const token = c === '"' ? readQuoted(src, i, lineNo, report) : readWord(src, i, lineNo, report);
        entry.tokens.push(token.token);
        i = token.next;
      }
    }
    if (!open) {
      if (entry.tokens.length > 0) entries.push(entry);
      entry = undefined;
    }
  }
  if (open) {
    report({ line: open.line, column: open.column, text: { en: "this '(' is never closed: add ')' where the record ends", de: "diese '(' wird nie geschlossen: setze ')' an das Ende des Eintrags" } });
    if (entry && entry.tokens.length > 0) entries.push(entry);
  }
  return entries;
}

interface Read {
  token: ZoneToken;
  next: number;
}

/** readEscape decodes the escape starting at the backslash `src[i]`; it returns the octets and the next index. */
function readEscape(src: string, i: number, lineNo: number, report: (p: LexProblem) => void): { bytes: number[]; next: number } {
  const digits = /^[0-9]{3}/.exec(src.slice(i + 1, i + 4));
  if (digits) {
    const value = Number(digits[0]);
    if (value > 255) {
      report({ line: lineNo, column: i + 1, text: { en: `'\\${digits[0]}' is not a byte: a \\DDD escape must be between \\000 and \\255`, de: `'\\${digits[0]}' ist kein Byte: ein \\DDD-Escape muss zwischen \\000 und \\255 liegen` } });
      return { bytes: [], next: i + 4 };
    }
    return { bytes: [value], next: i + 4 };
  }
  if (i + 1 >= src.length) {
    report({ line: lineNo, column: i + 1, text: { en: 'a backslash at the end of a line escapes nothing: remove it', de: 'ein Backslash am Zeilenende maskiert nichts: entferne ihn' } });
    return { bytes: [], next: i + 1 };
  }
  const ch = String.fromCodePoint(src.codePointAt(i + 1) ?? 0);
  return { bytes: [...encoder.encode(ch)], next: i + 1 + ch.length };
}

function finish(bytes: number[], raw: string, quoted: boolean, escaped: boolean, lineNo: number, start: number, next: number): Read {
  const text = decoder.decode(Uint8Array.from(bytes));
  return { token: { text, raw, quoted, escaped, octets: bytes.length, line: lineNo, column: start + 1, end: next + 1 }, next };
}

function readQuoted(src: string, start: number, lineNo: number, report: (p: LexProblem) => void): Read {
  const bytes: number[] = [];
  let escaped = false;
  let i = start + 1;
  while (i < src.length && src[i] !== '"') {
    if (src[i] === '\\') {
      const e = readEscape(src, i, lineNo, report);
      bytes.push(...e.bytes);
      escaped = true;
      i = e.next;
    } else {
      const ch = String.fromCodePoint(src.codePointAt(i) ?? 0);
      bytes.push(...encoder.encode(ch));
      i += ch.length;
    }
  }
  if (i >= src.length) {
    report({ line: lineNo, column: start + 1, text: { en: 'this quoted string has no closing quote (") on its line', de: 'dieser Text in Anführungszeichen wird in seiner Zeile nicht mit " geschlossen' } });
    return finish(bytes, src.slice(start), true, escaped, lineNo, start, src.length);
  }
  return finish(bytes, src.slice(start, i + 1), true, escaped, lineNo, start, i + 1);
}

function readWord(src: string, start: number, lineNo: number, report: (p: LexProblem) => void): Read {
  const bytes: number[] = [];
  let escaped = false;
  let i = start;
  while (i < src.length && !isBlank(src[i]) && !';()"'.includes(src[i])) {
    if (src[i] === '\\') {
      const e = readEscape(src, i, lineNo, report);
      bytes.push(...e.bytes);
      escaped = true;
      i = e.next;
    } else {
      const ch = String.fromCodePoint(src.codePointAt(i) ?? 0);
      bytes.push(...encoder.encode(ch));
      i += ch.length;
    }
  }
  return finish(bytes, src.slice(start, i), false, escaped, lineNo, start, i);
}
