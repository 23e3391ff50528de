/**
 * Transcripts: the trace grouped by connection into the dialogue a terminal would show —
 * `C:` lines from the client, `S:` lines from the server — with the TCP and TLS steps between.
 */
import type { TraceEvent } from '../sim/kernel/trace';

/** TranscriptLine: one line of a dialogue, or a note about the connection (connect, TLS, close). */
export interface TranscriptLine {
  /** Position of the event in the trace. */
  index: number;
  t: number;
  type: string;
  /** `C` client, `S` server, `-` a note about the connection. */
  dir: 'C' | 'S' | '-';
  /** The protocol line (for `smtp.data` the whole content), or a note's detail. */
  text: string;
  code?: number;
  enhanced?: string;
  /** True when the line travelled inside TLS. */
  tls: boolean;
}

/** Transcript: one connection's dialogue. */
export interface Transcript {
  conn: string;
  client: string;
  server: string;
  port: number;
  /** `smtp`, `pop3`, `imap` or `tcp` when no protocol line was exchanged. */
  proto: string;
  start: number;
  lines: TranscriptLine[];
}

const PORT_PROTO: Record<number, string> = { 25: 'smtp', 465: 'smtp', 587: 'smtp', 2525: 'smtp', 110: 'pop3', 995: 'pop3', 143: 'imap', 993: 'imap' };

function noteText(e: TraceEvent): string {
  switch (e.type) {
    case 'tls.step':
      return e.detail ? `${e.step} (${e.detail})` : e.step;
    case 'tls.failed':
    case 'net.timeout':
    case 'net.drop':
      return e.reason ?? '';
    default:
      return '';
  }
}

/** transcripts groups every connection's events, in order of their first event. */
export function transcripts(trace: readonly TraceEvent[]): Transcript[] {
  const byConn = new Map<string, Transcript>();
  trace.forEach((e, index) => {
    const conn = (e as { conn?: unknown }).conn;
    if (typeof conn !== 'string') return;
    let tr = byConn.get(conn);
    if (!tr) {
      const r = e as unknown as Record<string, unknown>;
      const client = String(r.client ?? r.from ?? '');
      const server = String(r.server ?? r.to ?? '');
      const port = Number(r.port ?? 0);
      tr = { conn, client, server, port, proto: PORT_PROTO[port] ?? 'tcp', start: e.t, lines: [] };
      byConn.set(conn, tr);
    }
    if ('dir' in e && 'line' in e) {
      tr.proto = e.type.slice(0, e.type.indexOf('.'));
      tr.lines.push({ index, t: e.t, type: e.type, dir: e.dir, text: e.line, code: e.code, enhanced: e.enhanced, tls: !!e.tls });
    } else {
      tr.lines.push({ index, t: e.t, type: e.type, dir: '-', text: noteText(e), tls: !!(e as { tls?: boolean }).tls });
    }
  });
  return [...byConn.values()];
}

/** linesShown returns the lines of a transcript whose events have happened (index < shown). */
export function linesShown(tr: Transcript, shown: number): TranscriptLine[] {
  let lo = 0;
  let hi = tr.lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tr.lines[mid].index < shown) lo = mid + 1;
    else hi = mid;
  }
  return lo === tr.lines.length ? tr.lines : tr.lines.slice(0, lo);
}

/** dataLines splits an `smtp.data` payload into its lines, dropping the final `.` terminator. */
export function dataLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * fullReply returns the whole reply that ends at `lines[i]`: an SMTP reply may span several
 * lines (`250-…` continuations, then `250 …`; RFC 5321 §4.2.1), each sent as its own packet.
 */
export function fullReply(lines: readonly TranscriptLine[], i: number): string {
  const last = lines[i];
  const code = last.text.slice(0, 3);
  const parts = [last.text];
  for (let k = i - 1; k >= 0 && lines[k].dir === 'S' && lines[k].text.startsWith(`${code}-`); k--) parts.unshift(lines[k].text);
  return parts.join('\n');
}
