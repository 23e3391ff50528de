/**
 * The DATA phase's framing (RFC 5321 §4.5.2, the same byte-stuffing POP3 uses in RFC 1939 §3):
 * a line that begins with "." gets one more "." on the wire, and a line holding a single "."
 * ends the message. `dotStuff` writes the content part only; the terminator is a separate
 * constant (`DATA_TERMINATOR`) or comes with `dataPayload`. The receiving side is a pure fold
 * (`startDataRead`, `feedDataLine`): feed it lines, it counts octets for the size limit and
 * finishes at the lone "."; `DataReader` wraps the fold for a machine that keeps one reader.
 */
import { octets } from './bytes';

/** DATA_TERMINATOR: the line that ends a message, `.` CRLF; the CRLF before it ends the last content line. */
export const DATA_TERMINATOR = '.\r\n';

const LINE_BREAK = /\r\n|\r|\n/;

/** toCrlf turns every line ending (CRLF, bare LF, bare CR) into CRLF (RFC 5321 §2.3.8). */
export function toCrlf(text: string): string {
  return text.split(LINE_BREAK).join('\r\n');
}

/** stuffLine adds the extra dot to one line if it begins with a dot (RFC 5321 §4.5.2). */
export function stuffLine(line: string): string {
  return line.startsWith('.') ? `.${line}` : line;
}

/** unstuffLine removes the extra dot from one received line (RFC 5321 §4.5.2). */
export function unstuffLine(line: string): string {
  return line.startsWith('.') ? line.slice(1) : line;
}

/**
 * dotStuff prepares message content for DATA: CRLF line endings, a dot added in front of every
 * line that begins with one, and a final CRLF (added if missing). It does NOT append the
 * terminator: send `DATA_TERMINATOR` after it, or use `dataPayload`. Empty content stays empty.
 */
export function dotStuff(content: string): string {
  if (content === '') return '';
  const lines = content.split(LINE_BREAK);
  // A final line break leaves an empty last element, which is not a line of its own.
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map(stuffLine).join('\r\n') + '\r\n';
}

/** dataPayload is everything a client sends after `354`: the stuffed content and the terminator. */
export function dataPayload(content: string): string {
  return dotStuff(content) + DATA_TERMINATOR;
}

/**
 * dotUnstuff restores the content from stuffed text or from received lines (without CRLF): one
 * leading dot removed per line, CRLF after every line. A final lone "." is the terminator and is
 * dropped. For CRLF text `x` that ends in CRLF (or is empty), `dotUnstuff(dotStuff(x)) === x`.
 */
export function dotUnstuff(stuffed: string | readonly string[]): string {
  let lines: string[];
  if (typeof stuffed === 'string') {
    if (stuffed === '') return '';
    lines = stuffed.split(LINE_BREAK);
    if (lines[lines.length - 1] === '') lines.pop();
  } else lines = [...stuffed];
  if (lines.length && lines[lines.length - 1] === '.') lines.pop();
  return lines.map((l) => unstuffLine(l) + '\r\n').join('');
}

/** DataReadState: the state of a server reading a message after 354, as a pure fold over lines. */
export interface DataReadState {
  /** True once the lone "." has arrived; later lines are ignored. */
  readonly done: boolean;
  /** The unstuffed content so far, CRLF line endings. Stops growing once the limit is passed. */
  readonly content: string;
  /** Octets of the unstuffed content, CRLF counted, also beyond the limit. */
  readonly octets: number;
  /** Number of content lines. */
  readonly lines: number;
  /** The longest content line in octets without CRLF (RFC 5321 §4.5.3.1.6 promises 998). */
  readonly longestLine: number;
  /** The size limit in octets, if any (Postfix message_size_limit). */
  readonly limit?: number;
  /** True when the content passed the limit; the server answers 552 5.3.4 after the terminator. */
  readonly tooBig: boolean;
}

/** startDataRead returns the reader's state right after a 354 reply. */
export function startDataRead(limit?: number): DataReadState {
  return { done: false, content: '', octets: 0, lines: 0, longestLine: 0, limit, tooBig: false };
}

/**
 * feedDataLine folds one received line (without CRLF) into the reader. A lone "." ends the
 * message (RFC 5321 §4.1.1.4); any other line loses one leading dot (§4.5.2). Like Postfix, the
 * reader keeps reading past the size limit so that the session stays in sync, but stops keeping
 * the text; the refusal comes after the terminator.
 */
export function feedDataLine(reader: DataReadState, line: string): DataReadState {
  if (reader.done) return reader;
  if (line === '.') return { ...reader, done: true };
  const text = unstuffLine(line);
  const n = octets(text);
  const total = reader.octets + n + 2;
  const tooBig = reader.tooBig || (reader.limit !== undefined && total > reader.limit);
  return {
    ...reader,
    content: tooBig ? reader.content : `${reader.content}${text}\r\n`,
    octets: total,
    lines: reader.lines + 1,
    longestLine: Math.max(reader.longestLine, n),
    tooBig,
  };
}

/** readDataLines runs a whole list of lines through a fresh reader (convenient in tests and the CLI). */
export function readDataLines(lines: readonly string[], limit?: number): DataReadState {
  return lines.reduce(feedDataLine, startDataRead(limit));
}

/**
 * DataReader: a small framer around the fold for a machine that keeps one reader per message:
 * `push` each received line (without CRLF) until `done`, then take `content()`; `size` is the
 * octet count (CRLF included) to compare with the size limit.
 */
export class DataReader {
  private state: DataReadState;

  constructor(limit?: number) {
    this.state = startDataRead(limit);
  }

  /** push feeds one line and tells whether the message is complete. */
  push(line: string): boolean {
    this.state = feedDataLine(this.state, line);
    return this.state.done;
  }

  /** done is true once the lone "." has arrived. */
  get done(): boolean {
    return this.state.done;
  }

  /** size is the content's length in octets, CRLF counted (RFC 1870 §3 counts the same way). */
  get size(): number {
    return this.state.octets;
  }

  /** tooBig is true when the content passed the limit given to the constructor. */
  get tooBig(): boolean {
    return this.state.tooBig;
  }

  /** content gives the unstuffed message read so far, with CRLF line endings. */
  content(): string {
    return this.state.content;
  }

  /** snapshot gives the fold's current state. */
  snapshot(): DataReadState {
    return this.state;
  }
}
