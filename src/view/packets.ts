/**
 * Packets in flight: which packet events of the trace are travelling at `now`, found without
 * scanning the whole trace each frame (the trace is ordered by `t`, and no packet flies longer
 * than the longest flight seen).
 */
import type { TraceEvent, PacketFields, TraceBase } from '../sim/kernel/trace';
import { isPacket } from '../sim/kernel/trace';

/** PacketEvent: a trace event that travels across the network. */
export type PacketEvent = TraceEvent & TraceBase & PacketFields;

/** PacketIndex: the packet events of a trace, in order, with their trace positions. */
export interface PacketIndex {
  events: PacketEvent[];
  /** traceIndex[i] is the position of events[i] in the whole trace. */
  traceIndex: number[];
  starts: Float64Array;
  maxFlight: number;
}

/** indexPackets collects the packets of a trace (those with a route and a flight time). */
export function indexPackets(trace: readonly TraceEvent[]): PacketIndex {
  const events: PacketEvent[] = [];
  const traceIndex: number[] = [];
  let maxFlight = 0;
  trace.forEach((e, i) => {
    if (!isPacket(e) || !(e.arrive > e.t)) return;
    events.push(e);
    traceIndex.push(i);
    maxFlight = Math.max(maxFlight, e.arrive - e.t);
  });
  return { events, traceIndex, starts: Float64Array.from(events, (e) => e.t), maxFlight };
}

/** upperBound returns how many of the sorted `times` are ≤ `now`. */
export function upperBound(times: ArrayLike<number>, now: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= now) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Flight: one packet in the air at `now`: its index in the trace and the share of the way done. */
export interface Flight {
  traceIndex: number;
  event: PacketEvent;
  f: number;
}

/** inFlight lists the packets with t ≤ now < arrive, oldest first. */
export function inFlight(index: PacketIndex, now: number): Flight[] {
  const out: Flight[] = [];
  const end = upperBound(index.starts, now);
  let i = end - 1;
  while (i >= 0 && index.starts[i] >= now - index.maxFlight) i--;
  for (let k = i + 1; k < end; k++) {
    const e = index.events[k];
    if (e.arrive > now) out.push({ traceIndex: index.traceIndex[k], event: e, f: (now - e.t) / (e.arrive - e.t) });
  }
  return out;
}

/** isPacketEvent tells whether a trace event travels across the network. */
export function isPacketEvent(e: TraceEvent): e is PacketEvent {
  return isPacket(e);
}
