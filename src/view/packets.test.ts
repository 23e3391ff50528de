import { describe, expect, it } from 'vitest';
import { indexPackets, inFlight, upperBound } from './packets';
import { sampleTrace } from './test-trace';
import type { TraceEvent } from '../sim/kernel/trace';

describe('packets in flight', () => {
  const trace = sampleTrace();
  const index = indexPackets(trace);

  it('indexes only packets with a flight time', () => {
    expect(index.events.every((e) => e.arrive > e.t)).toBe(true);
    expect(index.events.map((e) => e.type)).not.toContain('tls.established');
    expect(index.maxFlight).toBe(20);
  });

  it('finds the packets with t ≤ now < arrive and their share of the way', () => {
    const at = inFlight(index, 70);
    expect(at).toHaveLength(1);
    expect(at[0].event.type).toBe('smtp.command');
    expect(at[0].f).toBeCloseTo(0.5);
    expect(trace[at[0].traceIndex]).toBe(at[0].event);
    expect(inFlight(index, 20).map((p) => p.event.type)).toEqual(['net.accept']);
    expect(inFlight(index, 180).map((p) => p.event.type)).toEqual(['dns.query']);
    expect(inFlight(index, 1000)).toEqual([]);
  });

  it('finds long flights started well before now', () => {
    const long: TraceEvent[] = [
      { t: 0, type: 'net.connect', from: 'a', to: 'b', route: ['a', 'b'], arrive: 1000, proto: 'tcp', conn: 'c1' },
      ...Array.from({ length: 50 }, (_, i): TraceEvent => ({ t: 10 + i, type: 'net.connect', from: 'a', to: 'b', route: ['a', 'b'], arrive: 11 + i, proto: 'tcp', conn: `c${i + 2}` })),
    ];
    const at = inFlight(indexPackets(long), 500);
    expect(at.map((p) => p.event.conn)).toEqual(['c1']);
  });

  it('counts sorted times with upperBound', () => {
    expect(upperBound([0, 0, 5, 9], 0)).toBe(2);
    expect(upperBound([0, 0, 5, 9], -1)).toBe(0);
    expect(upperBound([0, 0, 5, 9], 9)).toBe(4);
  });
});
