import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/index';
import { axisTimes, compressedAxis, isFailedAttempt, queueStories, retriesAtOnce } from './queue-timeline';
import { sampleTrace } from './test-trace';

describe('queue stories from the trace', () => {
  it('follows a message through a queue on the sample trace', () => {
    const stories = queueStories(sampleTrace());
    expect(stories).toEqual([expect.objectContaining({ host: 'smtp.example.com', msg: 'm1', domain: 'example.org', state: 'sent', left: 400 })]);
  });

  it('busy mx1: 421, the next MX at once, delivered there', async () => {
    const run = await simulate({ faults: [{ kind: 'busy', target: 'mx1.example.org' }] });
    if (!run.ok) throw new Error('run failed');
    const relay = queueStories(run.trace).find((s) => s.host === 'relay.example.net' && s.msg === 'm1')!;
    expect(relay.attempts.map((a) => [a.target, a.outcome, a.code])).toEqual([
      ['mx1.example.org', 'deferred', 421],
      ['mx2.example.org', 'sent', 250],
    ]);
    expect(retriesAtOnce(relay.attempts[0])).toBe(true);
    expect(isFailedAttempt(relay.attempts[0])).toBe(true);
    expect(relay.attempts[0]).toMatchObject({ enhanced: '4.3.2', text: expect.stringContaining('421 4.3.2') });
    expect(relay.state).toBe('sent');
    // The MX hands the message to the mail store: its local queue entry ends there.
    const mx2 = queueStories(run.trace).find((s) => s.host === 'mx2.example.org' && s.msg === 'm1')!;
    expect(mx2.state).toBe('stored');
  });

  it('both MXs busy: deferred with a next retry, still queued at that point of playback', async () => {
    const run = await simulate({ faults: [{ kind: 'busy', target: 'mx1.example.org', for: 1_000_000 }, { kind: 'busy', target: 'mx2.example.org', for: 1_000_000 }] });
    if (!run.ok) throw new Error('run failed');
    const shown = run.trace.findIndex((e) => e.t > 60_000);
    const relay = queueStories(run.trace, shown).find((s) => s.host === 'relay.example.net' && s.msg === 'm1')!;
    expect(relay.state).toBe('queued');
    expect(relay.nextRetry).toBeGreaterThan(60_000);
    expect(relay.attempts.every((a) => a.outcome === 'deferred')).toBe(true);
    // At the end the retry after the fault ended got through.
    const end = queueStories(run.trace).find((s) => s.host === 'relay.example.net' && s.msg === 'm1')!;
    expect(end.state).toBe('sent');
    expect(end.attempts.at(-1)).toMatchObject({ outcome: 'sent', attempt: expect.any(Number) });
    expect(end.attempts.at(-1)!.attempt).toBeGreaterThan(1);
  });

  it('a 5xx bounces', async () => {
    const run = await simulate({ faults: [{ kind: 'unknown-user', target: 'bob@example.org' }] });
    if (!run.ok) throw new Error('run failed');
    const relay = queueStories(run.trace).find((s) => s.host === 'relay.example.net' && s.msg === 'm1')!;
    expect(relay.state).toBe('bounced');
    expect(relay.attempts.at(-1)).toMatchObject({ outcome: 'bounced', code: 550, enhanced: '5.1.1' });
  });
});

describe('the compressed time axis', () => {
  it('maps the first and last time onto the ends of the range, in order', () => {
    const axis = compressedAxis([2000, 10, 600_000, 2050, 10], [0, 100]);
    expect(axis.stops).toEqual([10, 2000, 2050, 600_000]);
    expect(axis.x(10)).toBe(0);
    expect(axis.x(600_000)).toBe(100);
    const xs = axis.stops.map(axis.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it('keeps short gaps readable beside long ones', () => {
    const axis = compressedAxis([0, 50, 100, 1_200_000], [0, 1000]);
    const linearShare = 50 / 1_200_000;
    expect((axis.x(50) - axis.x(0)) / 1000).toBeGreaterThan(linearShare * 1000);
    expect(axis.x(1_200_000) - axis.x(100)).toBeGreaterThan(axis.x(50) - axis.x(0));
    expect(axis.breaks).toEqual([{ from: 100, to: 1_200_000 }]);
  });

  it('copes with nothing or one moment', () => {
    expect(compressedAxis([], [0, 10]).x(0)).toBe(0);
    const one = compressedAxis([5], [0, 10]);
    expect(one.x(5)).toBe(0);
    expect(one.x(99_999)).toBe(10);
  });

  it('collects the moments of stories and now', () => {
    const stories = queueStories(sampleTrace());
    expect([...new Set(axisTimes(stories, 450))].sort((a, b) => a - b)).toEqual([190, 400, 450]);
  });
});
