import { describe, expect, it } from 'vitest';
import { StatusTracker } from './status';
import { sampleTrace } from './test-trace';
import type { TraceEvent } from '../sim/kernel/trace';

describe('host status from the trace', () => {
  const trace = sampleTrace();
  const hosts = new Set(['alice-pc', 'smtp.example.com', 'mx1.example.org']);

  it('counts sessions, queue and faults at each point, forwards and backwards', () => {
    const tracker = new StatusTracker(trace, hosts);
    expect(tracker.at(2).hosts.size).toBe(0);
    expect(tracker.at(3).hosts.get('smtp.example.com')?.sessions).toBe(1);
    expect(tracker.at(3).hosts.get('alice-pc')?.sessions).toBe(1);
    const mid = tracker.at(16);
    expect(mid.hosts.get('smtp.example.com')).toEqual({ sessions: 1, queue: 1, faults: [] });
    expect(mid.hosts.get('mx1.example.org')?.faults).toEqual(['busy']);
    const later = tracker.at(18);
    expect(later.hosts.get('smtp.example.com')).toBeUndefined();
    expect(tracker.at(trace.length).hosts.get('mx1.example.org')).toBeUndefined();
    expect(tracker.at(13).hosts.get('smtp.example.com')?.queue).toBe(1);
  });

  it('takes a message off the queue whatever recipient grouping the events use', () => {
    const tracker = new StatusTracker(
      [
        { t: 0, type: 'queue.enqueue', host: 'mta', msg: 'm1', rcpts: ['a@x', 'b@x'] },
        { t: 0, type: 'queue.enqueue', host: 'mta', msg: 'm2', rcpts: ['c@y'], domain: 'y' },
        { t: 1, type: 'queue.sent', host: 'mta', msg: 'm1', rcpts: ['a@x'], domain: 'x' },
        { t: 2, type: 'queue.bounce', host: 'mta', msg: 'm2', rcpts: [] },
      ],
      new Set(['mta']),
    );
    expect(tracker.at(2).hosts.get('mta')?.queue).toBe(2);
    expect(tracker.at(3).hosts.get('mta')?.queue).toBe(1);
    expect(tracker.at(4).hosts.get('mta')).toBeUndefined();
  });

  it('takes a message off the MX queue when it is handed to the mail store', () => {
    const trace = [
      { t: 0, type: 'queue.enqueue', host: 'mx1', msg: 'm1', rcpts: ['bob@x'] },
      { t: 1, type: 'mail.store', host: 'store', via: 'mx1', msg: 'm1', mailbox: 'bob@x', folder: 'INBOX' },
    ] as TraceEvent[];
    const tracker = new StatusTracker(trace, new Set(['mx1', 'store']));
    expect(tracker.at(1).hosts.get('mx1')?.queue).toBe(1);
    expect(tracker.at(2).hosts.get('mx1')).toBeUndefined();
  });

  it('keeps faults on non-hosts apart', () => {
    const tracker = new StatusTracker([{ t: 0, type: 'fault.inject', id: 'f', kind: 'loss', target: 'a~b' }], hosts);
    expect(tracker.at(1).otherFaults).toEqual([{ id: 'f', kind: 'loss', target: 'a~b' }]);
  });
});
