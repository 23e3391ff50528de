import { describe, expect, it } from 'vitest';
import { countBelow, filterIndices, matches, messagesIn } from './filters';
import { categoryOf, hostsOf } from './protocols';
import { sampleTrace } from './test-trace';

describe('event filters', () => {
  const trace = sampleTrace();

  it('names each event category', () => {
    expect(trace.map(categoryOf)).toEqual(['mail', 'tcp', 'tcp', 'smtp', 'smtp', 'smtp', 'smtp', 'smtp', 'tls', 'tls', 'smtp', 'dns', 'mail', 'smtp', 'smtp', 'mail', 'tcp', 'mail', 'mail']);
  });

  it('filters by protocol', () => {
    const dns = filterIndices(trace, { categories: new Set(['dns']) });
    expect(dns).toEqual([11]);
    const tlsAndTcp = filterIndices(trace, { categories: new Set(['tls', 'tcp']) });
    expect(tlsAndTcp).toEqual([1, 2, 8, 9, 16]);
  });

  it('filters by host, including hosts a packet passes through', () => {
    expect(filterIndices(trace, { host: 'ns.example.net' })).toEqual([11]);
    expect(filterIndices(trace, { host: 'router' })).toContain(3);
    expect(filterIndices(trace, { host: 'mx1.example.org' })).toEqual([15, 18]);
    expect(hostsOf(trace[9])).toEqual(['alice-pc', 'smtp.example.com']);
  });

  it('filters by message and combines filters', () => {
    expect(filterIndices(trace, { msg: 'm1' })).toEqual([12, 13, 14, 17]);
    expect(filterIndices(trace, { msg: 'm1', categories: new Set(['smtp']) })).toEqual([13, 14]);
    expect(matches(trace[0], {})).toBe(true);
    expect(messagesIn(trace)).toEqual(['m1']);
  });

  it('counts how many filtered events have happened', () => {
    expect(countBelow([1, 4, 9], 0)).toBe(0);
    expect(countBelow([1, 4, 9], 5)).toBe(2);
    expect(countBelow([1, 4, 9], 10)).toBe(3);
  });
});
