/**
 * Protocol categories of trace events, as the event list filters them and the legend names them.
 */
import type { TraceEvent } from '../sim/kernel/trace';

/** Category: what the event list's protocol filter offers; `mail` covers queue, store, fate and faults. */
export type Category = 'smtp' | 'dns' | 'tls' | 'imap' | 'pop3' | 'tcp' | 'mail';

/** CATEGORIES lists every category in the order the filter shows them. */
export const CATEGORIES: readonly Category[] = ['smtp', 'dns', 'tls', 'imap', 'pop3', 'tcp', 'mail'];

/**
 * categoryOf names the category of an event: the packet's protocol when it has one, else the
 * domain of its dotted type (`dns.answer` → dns, `queue.defer` → mail).
 */
export function categoryOf(e: TraceEvent): Category {
  const domain = e.type.slice(0, e.type.indexOf('.'));
  switch (domain) {
    case 'smtp':
      return 'smtp';
    case 'dns':
      return 'dns';
    case 'tls':
      return 'tls';
    case 'imap':
      return 'imap';
    case 'pop3':
      return 'pop3';
    case 'net':
      return 'tcp';
    default:
      return 'mail';
  }
}

/** hostsOf lists every host an event names (sender, receiver, the host it happened on). */
export function hostsOf(e: TraceEvent): string[] {
  const out: string[] = [];
  const r = e as unknown as Record<string, unknown>;
  for (const k of ['from', 'to', 'host', 'client', 'server', 'target', 'at'] as const) {
    const v = r[k];
    if (typeof v === 'string' && !out.includes(v)) out.push(v);
  }
  // message.fate's from/to are addresses and a fault's target may be a link: harmless here.
  return out;
}

/** messageOf returns the message id an event belongs to, if any. */
export function messageOf(e: TraceEvent): string | undefined {
  if (e.type === 'message.fate') return e.id;
  const m = (e as { msg?: unknown }).msg;
  return typeof m === 'string' ? m : undefined;
}

/** connOf returns the connection id of an event, if any. */
export function connOf(e: TraceEvent): string | undefined {
  const c = (e as { conn?: unknown }).conn;
  return typeof c === 'string' ? c : undefined;
}
