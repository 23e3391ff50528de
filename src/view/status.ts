/**
 * Host status at a point of playback, derived from the trace alone: open sessions, queue length
 * and active faults. Computed incrementally, because playback mostly moves forward.
 */
import type { TraceEvent } from '../sim/kernel/trace';

/** HostStatus: what a host's badges show. */
export interface HostStatus {
  sessions: number;
  queue: number;
  /** Kinds of the faults active on this host. */
  faults: string[];
}

/** StatusSnapshot: status per host, plus faults whose target is not a host (links, accounts, names). */
export interface StatusSnapshot {
  hosts: Map<string, HostStatus>;
  otherFaults: { id: string; kind: string; target: string }[];
}

/** StatusTracker replays the trace up to `shown` events and reports the host status there. */
export class StatusTracker {
  private applied = 0;
  private conns = new Map<string, [string, string]>();
  /** Queue entries by host + message + recipients. */
  private queued = new Map<string, { host: string; msg: string; rcpts: string[] }>();
  private faults = new Map<string, { kind: string; target: string }>();

  constructor(
    private readonly trace: readonly TraceEvent[],
    private readonly hostNames: ReadonlySet<string>,
  ) {}

  /** at returns the status after the first `shown` events. */
  at(shown: number): StatusSnapshot {
    if (shown < this.applied) this.reset();
    const end = Math.min(shown, this.trace.length);
    for (; this.applied < end; this.applied++) this.apply(this.trace[this.applied]);
    return this.snapshot();
  }

  private reset(): void {
    this.applied = 0;
    this.conns.clear();
    this.queued.clear();
    this.faults.clear();
  }

  private apply(e: TraceEvent): void {
    switch (e.type) {
      case 'net.accept':
        if (e.conn) this.conns.set(e.conn, [e.from, e.to]);
        break;
      case 'net.close':
      case 'net.timeout':
      case 'net.refuse':
        if (e.conn) this.conns.delete(e.conn);
        break;
      case 'queue.enqueue':
        this.queued.set(`${e.host}\u0000${e.msg}\u0000${[...e.rcpts].sort().join(',')}`, { host: e.host, msg: e.msg, rcpts: e.rcpts });
        break;
      case 'queue.sent':
      case 'queue.bounce':
      case 'queue.expire':
        // Done for these recipients (or all of the message's, when none are named).
        for (const [key, q] of this.queued) {
          if (q.host === e.host && q.msg === e.msg && (!e.rcpts?.length || q.rcpts.some((r) => e.rcpts.includes(r)))) this.queued.delete(key);
        }
        break;
      case 'mail.store': {
        // Local delivery takes the message off the queue of the host that handed it over.
        const via = (e as { via?: unknown }).via;
        for (const [key, q] of this.queued) if (q.msg === e.msg && (q.host === via || q.host === e.host)) this.queued.delete(key);
        break;
      }
      case 'fault.inject':
        this.faults.set(e.id, { kind: e.kind, target: e.target });
        break;
      case 'fault.clear':
        this.faults.delete(e.id);
        break;
    }
  }

  private snapshot(): StatusSnapshot {
    const hosts = new Map<string, HostStatus>();
    const get = (h: string) => {
      let s = hosts.get(h);
      if (!s) hosts.set(h, (s = { sessions: 0, queue: 0, faults: [] }));
      return s;
    };
    for (const [server, client] of this.conns.values()) {
      get(server).sessions++;
      get(client).sessions++;
    }
    for (const q of this.queued.values()) get(q.host).queue++;
    const otherFaults: StatusSnapshot['otherFaults'] = [];
    for (const [id, f] of this.faults) {
      if (this.hostNames.has(f.target)) get(f.target).faults.push(f.kind);
      else otherFaults.push({ id, ...f });
    }
    return { hosts, otherFaults };
  }
}
