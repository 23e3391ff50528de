/**
 * Messages as text: split RFC 5322 headers from the body, undo SMTP dot-stuffing, and build the
 * JSON-lines export of a trace.
 */
import type { TraceEvent } from '../sim/kernel/trace';

/** Header: one header field, unfolded. */
export interface Header {
  name: string;
  value: string;
}

/** ParsedMessage: the header fields and the body of a message. */
export interface ParsedMessage {
  headers: Header[];
  body: string;
}

/** parseMessage splits a raw message at the first empty line and unfolds its header fields (RFC 5322 §2.2.3). */
export function parseMessage(raw: string): ParsedMessage {
  const text = raw.replace(/\r\n/g, '\n');
  const cut = text.indexOf('\n\n');
  const head = cut < 0 ? text : text.slice(0, cut);
  const body = cut < 0 ? '' : text.slice(cut + 2);
  const headers: Header[] = [];
  for (const line of head.split('\n')) {
    if (/^[ \t]/.test(line) && headers.length) headers[headers.length - 1].value += ' ' + line.trim();
    else {
      const colon = line.indexOf(':');
      if (colon > 0) headers.push({ name: line.slice(0, colon), value: line.slice(colon + 1).trim() });
    }
  }
  return { headers, body };
}

/** header returns the first value of a header field, case-insensitively. */
export function header(msg: ParsedMessage, name: string): string | undefined {
  const n = name.toLowerCase();
  return msg.headers.find((h) => h.name.toLowerCase() === n)?.value;
}

/** undotData turns DATA content back into the message: drops the final `.` line, un-stuffs `..` (RFC 5321 §4.5.2). */
export function undotData(data: string): string {
  const lines = data.replace(/\r\n/g, '\n').split('\n');
  while (lines.length && (lines[lines.length - 1] === '' || lines[lines.length - 1] === '.')) lines.pop();
  return lines.map((l) => (l.startsWith('..') ? l.slice(1) : l)).join('\r\n') + '\r\n';
}

/** toEml gives a message's raw text with CRLF line ends, as a `.eml` file holds it. */
export function toEml(raw: string): string {
  const crlf = raw.replace(/\r?\n/g, '\r\n');
  return crlf.endsWith('\r\n') ? crlf : crlf + '\r\n';
}

/** traceToJsonLines prints a trace as JSON lines, as the CLI's `--json` does. */
export function traceToJsonLines(trace: readonly TraceEvent[]): string {
  return trace.map((e) => JSON.stringify(e)).join('\n') + (trace.length ? '\n' : '');
}
