import { describe, it, expect } from 'vitest';
import { Scheduler } from './scheduler';
import { Random } from './random';
import { Trace } from './trace';
import { Network } from './network';
import { Transport } from './transport';
import type { ConnectOutcome } from './connection';

function net() {
  const scheduler = new Scheduler();
  const trace = new Trace(() => scheduler.now());
  const network = new Network(scheduler, trace, new Random(1));
  network.addHost({ name: 'a', role: 'client', ip: '192.0.2.1' });
  network.addHost({ name: 'r', role: 'router', ip: '192.0.2.2' });
  network.addHost({ name: 'b', role: 'mx', ip: '192.0.2.3' });
  network.addHost({ name: 'c', role: 'mx', ip: '192.0.2.4' });
  network.addLink('a', 'r', 10);
  network.addLink('r', 'b', 5);
  network.addLink('b', 'c', 1);
  const transport = new Transport(network, scheduler, trace);
  return { scheduler, trace, network, transport };
}

describe('Scheduler', () => {
  it('runs tasks by time, then in the order they were scheduled', async () => {
    const s = new Scheduler();
    const seen: string[] = [];
    s.setTimeout(() => seen.push('b@10'), 10);
    s.setTimeout(() => seen.push('a@5'), 5);
    s.setTimeout(() => seen.push('c@10'), 10);
    await s.run();
    expect(seen).toEqual(['a@5', 'b@10', 'c@10']);
    expect(s.now()).toBe(10);
  });

  it('cancels timers, even after thousands of them piled up', async () => {
    const s = new Scheduler();
    let fired = 0;
    const ids = Array.from({ length: 5000 }, (_, i) => s.setTimeout(() => fired++, 1000 + i));
    ids.slice(0, 4990).forEach((id) => s.clearTimeout(id));
    await s.run();
    expect(fired).toBe(10);
  });

  it('stops at `until` while work remains, and at the last event when quiet', async () => {
    const s = new Scheduler();
    s.setTimeout(() => undefined, 50);
    s.setTimeout(() => undefined, 500);
    await s.run(100);
    expect(s.now()).toBe(100);
    await s.run(10_000);
    expect(s.now()).toBe(500);
  });

  it('waits for asynchronous work of a task before the next task', async () => {
    const s = new Scheduler();
    const seen: string[] = [];
    s.setTimeout(() => void s.waitFor(Promise.resolve().then(() => seen.push('async'))), 1);
    s.setTimeout(() => seen.push('next'), 1);
    await s.run();
    expect(seen).toEqual(['async', 'next']);
  });
});

describe('Random', () => {
  it('draws the same numbers for the same seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(new Random(43).next()).not.toBe(new Random(42).next());
  });
});

describe('Network and Transport', () => {
  it('routes through routers only and sums latency', () => {
    const { network } = net();
    expect(network.route('a', 'b')).toEqual(['a', 'r', 'b']);
    expect(network.routeLatency(['a', 'r', 'b'])).toBe(15);
    // c is reachable only through b, which is an end host and does not forward.
    expect(network.route('a', 'c')).toBeUndefined();
  });

  it.each([
    ['accepted', true, false, 'accepted'],
    ['refused when nothing listens', false, false, 'refused'],
    ['timed out when the host is down', true, true, 'timeout'],
  ])('a connection is %s', async (_name, listening, down, expected) => {
    const { scheduler, network, transport } = net();
    if (listening) transport.listen('b', 25, { proto: 'smtp', label: 'mx', listener: () => undefined });
    if (down) network.faults = { ...network.faults, hostDown: (h) => h === 'b' };
    let outcome: ConnectOutcome | undefined;
    transport.connect('a', '192.0.2.3', 25, (o) => (outcome = o));
    await scheduler.run();
    expect(outcome?.kind).toBe(expected);
  });

  it('loses packets on a cut link and reports no route', () => {
    const { network, trace } = net();
    network.findLink('r', 'b')!.up = false;
    network.topologyChanged();
    expect(network.send({ type: 'dns.query', from: 'a', to: 'b', proto: 'dns', id: 'q', name: 'x', qtype: 'A' } as never)).toBeUndefined();
    expect(trace.events.at(-1)).toMatchObject({ type: 'net.drop', reason: 'no-route' });
  });
});
