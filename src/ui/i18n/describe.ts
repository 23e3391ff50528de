/**
 * One-line descriptions of trace events in the current language: the event list, the live
 * region and the packet labels in the network view all use them.
 */
import type { TraceEvent } from '../../sim/kernel/trace';
import { formatElapsed } from '../../view';
import { t, tx } from './i18n.svelte';

function firstLine(text: string): string {
  const cut = text.search(/\r?\n/);
  return cut < 0 ? text : `${text.slice(0, cut)} …`;
}

/** describeEvent says in one line what an event is. */
export function describeEvent(e: TraceEvent): string {
  switch (e.type) {
    case 'net.connect':
      return t('ev.net.connect', { from: e.from, to: e.to, port: e.port });
    case 'net.accept':
      return t('ev.net.accept', { from: e.from, to: e.to, port: e.port });
    case 'net.refuse':
      return t('ev.net.refuse', { from: e.from, to: e.to, port: e.port });
    case 'net.timeout':
      return t('ev.net.timeout', { from: e.from, to: e.to, port: e.port, reason: tx(`reason.${e.reason}`, e.reason) });
    case 'net.close':
      return t('ev.net.close', { from: e.from, to: e.to });
    case 'net.drop':
      return t('ev.net.drop', { from: e.from, to: e.to, at: e.at, reason: tx(`reason.${e.reason}`, e.reason) });
    case 'tls.step':
      return t('ev.tls.step', { from: e.from, to: e.to, step: e.step, detail: e.detail ? ` (${e.detail})` : '' });
    case 'tls.established':
      return t('ev.tls.established', { client: e.client, server: e.server });
    case 'tls.failed':
      return t('ev.tls.failed', { client: e.client, server: e.server, reason: tx(`reason.${e.reason}`, e.reason ?? '') });
    case 'smtp.data':
      return t('ev.data', { from: e.from, to: e.to, lines: e.line.split(/\r?\n/).length });
    case 'smtp.command':
    case 'smtp.reply':
    case 'pop3.command':
    case 'pop3.reply':
    case 'imap.command':
    case 'imap.reply':
      return `${e.from} → ${e.to}: ${firstLine(e.line)}`;
    case 'dns.query':
      return t('ev.dns.query', { from: e.from, to: e.to, qtype: e.qtype, name: e.name });
    case 'dns.answer':
      return e.rcode === 'NOERROR'
        ? t('ev.dns.answer', { from: e.from, to: e.to, qtype: e.qtype, name: e.name, answers: e.answers.join(', ') || t('ev.dns.empty'), cached: e.cached ? t('ev.dns.cached') : '' })
        : t('ev.dns.error', { from: e.from, to: e.to, qtype: e.qtype, name: e.name, rcode: e.rcode });
    case 'queue.enqueue':
    case 'queue.attempt':
    case 'queue.defer':
    case 'queue.sent':
    case 'queue.bounce':
    case 'queue.expire':
    case 'queue.flush':
      return t(e.type === 'queue.enqueue' ? 'ev.queue.enqueue' : e.type === 'queue.attempt' ? 'ev.queue.attempt' : e.type === 'queue.defer' ? 'ev.queue.defer' : e.type === 'queue.sent' ? 'ev.queue.sent' : e.type === 'queue.bounce' ? 'ev.queue.bounce' : e.type === 'queue.expire' ? 'ev.queue.expire' : 'ev.queue.flush', {
        host: e.host,
        msg: e.msg,
        rcpts: e.rcpts.join(', '),
        target: e.target ?? '',
        attempt: e.attempt ?? '',
        reply: [e.code, e.enhanced, e.reason].filter(Boolean).join(' '),
        next: e.nextRetry !== undefined ? formatElapsed(e.nextRetry, t('unit.d')) : '—',
      });
    case 'mail.submit':
      return t('ev.mail.submit', { host: e.host, msg: e.msg, from: e.from ?? '', to: (e.to ?? []).join(', '), subject: e.subject ?? '' });
    case 'mail.store':
      return t('ev.mail.store', { host: e.host, msg: e.msg, mailbox: e.mailbox ?? '', folder: e.folder ?? '' });
    case 'mail.reject':
    case 'mail.error':
      return t(e.type === 'mail.reject' ? 'ev.mail.reject' : 'ev.mail.error', { host: e.host, msg: e.msg, reply: [e.code, e.enhanced, e.reason].filter(Boolean).join(' ') });
    case 'mail.fetch':
      return t('ev.mail.fetch', { host: e.host, msg: e.msg, mailbox: e.mailbox ?? '' });
    case 'mail.modify':
      return t('ev.mail.modify', { host: e.host, msg: e.msg, reason: e.reason ?? '' });
    case 'auth.spf':
    case 'auth.dkim':
    case 'auth.dmarc':
    case 'auth.spam':
      return t('ev.auth', { host: e.host, check: e.type.slice(5).toUpperCase(), result: e.result, domain: e.domain ?? '', msg: e.msg });
    case 'fault.inject':
      return t('ev.fault.inject', { kind: tx(`fault.${e.kind}`, e.kind), target: e.target });
    case 'fault.clear':
      return t('ev.fault.clear', { kind: tx(`fault.${e.kind}`, e.kind), target: e.target });
    case 'message.fate':
      return t('ev.fate', { id: e.id, to: e.to, fate: tx(`fate.${e.fate}`, e.fate), where: e.mailbox ? `${e.mailbox}/${e.folder ?? 'INBOX'}` : [e.code, e.enhanced, e.reason].filter(Boolean).join(' ') });
    case 'world.start':
    case 'world.change':
    case 'world.end':
    case 'console.input':
      return t('ev.world', { what: e.what, detail: e.detail ?? '' });
    default:
      // An event kind newer than this list: show its type and fields rather than nothing.
      return describeUnknown(e as unknown as Record<string, unknown>);
  }
}

function describeUnknown(e: Record<string, unknown>): string {
  const fields = Object.entries(e).filter(([k, v]) => k !== 't' && k !== 'type' && (typeof v === 'string' || typeof v === 'number'));
  return `${String(e.type)}: ${fields.map(([k, v]) => `${k}=${v}`).join(' ')}`;
}

const TCP_LABEL: Record<string, string> = { 'net.connect': 'SYN', 'net.accept': 'SYN-ACK', 'net.refuse': 'RST', 'net.close': 'FIN' };

/** packetLabel is the short caption beside a packet in flight; encrypted payloads stay unreadable. */
export function packetLabel(e: TraceEvent): string {
  if (e.type in TCP_LABEL) return `TCP ${TCP_LABEL[e.type]} :${(e as { port?: number }).port ?? ''}`;
  if (e.type === 'tls.step') return `TLS ${e.step}`;
  if (e.type === 'dns.query') return `DNS ${e.qtype}? ${e.name}`;
  if (e.type === 'dns.answer') return `DNS ${e.rcode === 'NOERROR' ? (e.answers[0] ?? e.rcode) : e.rcode}`;
  if ('line' in e && 'dir' in e) {
    if (e.tls) return t('net.encrypted', { proto: e.proto.toUpperCase() });
    const line = e.type === 'smtp.data' ? t('net.dataLabel') : firstLine(e.line);
    return line.length > 34 ? `${line.slice(0, 33)}…` : line;
  }
  return e.type;
}
