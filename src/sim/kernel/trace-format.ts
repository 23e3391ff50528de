/**
 * formatTraceEvent: one trace event as one readable line, as `npm run sim` prints the journey:
 * virtual time, then what happened — a protocol line with its connection and direction, a DNS
 * query or answer, a queue decision, a delivery.
 */
import type { TraceEvent } from './trace';

/** formatClock prints virtual ms as `+HH:MM:SS.mmm`, with days when needed (`+2d 03:00:00.000`). */
export function formatClock(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `+${days ? `${days}d ` : ''}${p(h)}:${p(m)}:${p(s)}.${p(milli, 3)}`;
}

/** formatTraceEvent returns the line for one event, or undefined for events not worth a line. */
export function formatTraceEvent(e: TraceEvent): string | undefined {
  const at = formatClock(e.t);
  switch (e.type) {
    case 'smtp.command':
    case 'smtp.reply':
    case 'pop3.command':
    case 'pop3.reply':
    case 'imap.command':
    case 'imap.reply': {
      const [client, server] = e.dir === 'C' ? [e.from, e.to] : [e.to, e.from];
      const lock = e.tls ? ' 🔒' : '';
      // A POP3 multi-line answer or an IMAP literal travels as one event: print each of its lines.
      return e.line.split('\r\n').map((l) => `${at} ${e.conn} ${client} → ${server}:${e.port}${lock} ${e.dir}: ${l}`).join('\n');
    }
    case 'smtp.data': {
      const lines = e.line.replace(/\r\n$/, '').split('\r\n');
      const head = `${at} ${e.conn} ${e.from} → ${e.to}:${e.port}${e.tls ? ' 🔒' : ''}`;
      return lines.map((l) => `${head} C: ${l}`).join('\n');
    }
    case 'net.connect':
      return `${at} ${e.conn} ${e.from} → ${e.to}:${e.port} connect`;
    case 'net.accept':
      return `${at} ${e.conn} ${e.to} → ${e.from}:${e.port} connected`;
    case 'net.refuse':
      return `${at} ${e.conn} ${e.to} → ${e.from}:${e.port} connection refused (nothing listens on port ${e.port})`;
    case 'net.timeout':
      return `${at} ${e.conn} ${e.from} → ${e.to}:${e.port} connection timed out (${e.reason})`;
    case 'net.close':
      return `${at} ${e.conn} ${e.from} closed the connection`;
    case 'net.drop':
      return `${at} ${e.conn ?? ''} packet ${e.from} → ${e.to} lost at ${e.at} (${e.reason})`.replace('  ', ' ');
    case 'tls.step':
      return `${at} ${e.conn} TLS ${e.from} → ${e.to}: ${e.step}${e.detail ? ` (${e.detail})` : ''}`;
    case 'tls.established':
      return `${at} ${e.conn} TLS established ${e.client} ⇄ ${e.server}:${e.port}${e.reason ? ` (${e.reason})` : ''}`;
    case 'tls.failed':
      return `${at} ${e.conn} TLS failed ${e.client} ⇄ ${e.server}:${e.port}: ${e.reason}`;
    case 'dns.query':
      return `${at} dns ${e.from} → ${e.to}: query ${e.qtype} ${e.name}`;
    case 'dns.answer':
      return `${at} dns ${e.from} → ${e.to}: ${e.cached ? '(cached) ' : ''}${e.rcode} ${e.qtype} ${e.name}${e.answers.length ? ' = ' + e.answers.join(' | ') : ''}`;
    case 'queue.enqueue':
      return `${at} queue ${e.host}: ${e.msg} queued as ${e.target} for ${e.rcpts.join(', ')}`;
    case 'queue.attempt':
      return `${at} queue ${e.host}: ${e.msg} attempt ${e.attempt} to ${e.target} for ${e.rcpts.join(', ')}`;
    case 'queue.defer':
      return `${at} queue ${e.host}: ${e.msg} to ${e.rcpts.join(', ')} deferred (${e.reason}); ${e.nextRetry === e.t ? 'trying the next host now' : `next retry at ${formatClock(e.nextRetry ?? 0)}`}`;
    case 'queue.sent':
      return `${at} queue ${e.host}: ${e.msg} to ${e.rcpts.join(', ')} relayed to ${e.target}: ${e.reason}`;
    case 'queue.bounce':
      return `${at} queue ${e.host}: ${e.msg} to ${e.rcpts.join(', ')} BOUNCED: ${e.reason}`;
    case 'queue.expire':
      return `${at} queue ${e.host}: ${e.msg} expired in the queue (${e.reason})`;
    case 'queue.flush':
      return `${at} queue ${e.host}: flush (retry now) ${e.msg}`;
    case 'mail.submit':
      return `${at} mail ${e.host}: ${e.msg} composed from ${e.from} to ${(e.to ?? []).join(', ')}: "${e.subject}"${e.reason ? ` (${e.reason})` : ''}`;
    case 'mail.store':
      return e.via
        ? `${at} mail ${e.via} → ${e.host}: ${e.msg} handed to the mail store for ${e.mailbox}`
        : `${at} mail ${e.host}: ${e.msg} stored in ${e.mailbox} ${e.folder}`;
    case 'mail.error':
      return `${at} mail ${e.host}: ${e.msg} error: ${e.reason}`;
    case 'mail.reject':
      return `${at} mail ${e.host}: ${e.msg} rejected: ${e.reason}`;
    case 'mail.modify':
      return `${at} mail ${e.host}: ${e.msg} changed in transit: ${e.reason}`;
    case 'mail.fetch':
      return `${at} mail ${e.host}: ${e.msg} fetched by ${e.mailbox}${e.reason ? ` (${e.reason})` : ''}`;
    case 'auth.spf':
    case 'auth.dkim':
    case 'auth.dmarc':
    case 'auth.spam':
      return `${at} ${e.type.slice(5)} ${e.host}: ${e.msg} ${e.result}${e.domain ? ` (${e.domain})` : ''}${e.reason ? `: ${e.reason}` : ''}`;
    case 'fault.inject':
      return `${at} fault ${e.id} ON: ${e.kind} @ ${e.target}`;
    case 'fault.clear':
      return `${at} fault ${e.id} OFF: ${e.kind} @ ${e.target}`;
    case 'world.start':
    case 'world.end':
    case 'world.change':
    case 'console.input':
      return `${at} ${e.type} ${e.what}${e.detail ? `: ${e.detail}` : ''}`;
    case 'message.fate': {
      const where = e.fate === 'delivered' ? `${e.mailbox} ${e.folder}${e.reason ? `; ${e.reason}` : ''}` : e.fate === 'queued' ? `next retry ${formatClock(e.nextRetry ?? 0)}` : `${e.code ?? ''} ${e.enhanced ?? ''} ${e.reason ?? ''}`.trim();
      return `${at} FATE ${e.id} ${e.from || '<>'} → ${e.to}: ${e.fate.toUpperCase()} (${where})`;
    }
  }
  return undefined;
}
