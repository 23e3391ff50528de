/**
 * Event filters: by protocol category, host and message, as the event list offers them.
 */
import type { TraceEvent } from '../sim/kernel/trace';
import { categoryOf, hostsOf, messageOf, type Category } from './protocols';

/** EventFilter: what the event list shows; empty fields mean "all". */
export interface EventFilter {
  categories?: ReadonlySet<Category>;
  host?: string;
  msg?: string;
}

/** matches tells whether an event passes the filter. */
export function matches(e: TraceEvent, f: EventFilter): boolean {
  if (f.categories && !f.categories.has(categoryOf(e))) return false;
  if (f.host) {
    const hosts = hostsOf(e);
    const route = (e as { route?: unknown }).route;
    if (!hosts.includes(f.host) && !(Array.isArray(route) && route.includes(f.host))) return false;
  }
  if (f.msg && messageOf(e) !== f.msg) return false;
  return true;
}

/** filterIndices returns the trace positions of the events that pass the filter, in order. */
export function filterIndices(trace: readonly TraceEvent[], f: EventFilter): number[] {
  const out: number[] = [];
  for (let i = 0; i < trace.length; i++) if (matches(trace[i], f)) out.push(i);
  return out;
}

/** countBelow returns how many of the sorted `indices` are below `shown` (have happened). */
export function countBelow(indices: readonly number[], shown: number): number {
  let lo = 0;
  let hi = indices.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (indices[mid] < shown) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** messagesIn lists the message ids a trace mentions, in order of first appearance. */
export function messagesIn(trace: readonly TraceEvent[]): string[] {
  const seen = new Set<string>();
  for (const e of trace) {
    const m = messageOf(e);
    if (m) seen.add(m);
  }
  return [...seen];
}
