import { describe, expect, it } from 'vitest';
import { advanceClock, positionAt, seekToEvent, SPEEDS, stepBack, stepForward } from './playback';

const times = [0, 0, 10, 10, 30];

describe('playback', () => {
  it('steps through events one at a time, even at the same time', () => {
    let pos = positionAt(times, -1);
    expect(pos.shown).toBe(0);
    pos = stepForward(times, pos);
    expect(pos).toEqual({ now: 0, shown: 1 });
    pos = stepForward(times, pos);
    expect(pos).toEqual({ now: 0, shown: 2 });
    pos = stepForward(times, pos);
    expect(pos).toEqual({ now: 10, shown: 3 });
    pos = stepBack(times, pos);
    expect(pos).toEqual({ now: 0, shown: 2 });
    pos = stepBack(times, stepBack(times, pos));
    expect(pos).toEqual({ now: 0, shown: 0 });
    expect(stepBack(times, pos)).toEqual({ now: 0, shown: 0 });
  });

  it('stops at the end and seeks to an event', () => {
    const end = { now: 30, shown: 5 };
    expect(stepForward(times, end)).toBe(end);
    expect(seekToEvent(times, 3)).toEqual({ now: 10, shown: 4 });
    expect(seekToEvent(times, 99)).toEqual({ now: 30, shown: 5 });
    expect(positionAt(times, 10)).toEqual({ now: 10, shown: 4 });
  });

  it('advances by wall time times speed and stops at the horizon', () => {
    expect(advanceClock(0, 16, 1, 100, false, 1000)).toEqual({ now: 16, skipped: 0 });
    expect(advanceClock(990, 16, 1, undefined, false, 1000).now).toBe(1000);
  });

  it('skips quiet time only when nothing is in flight', () => {
    const quiet = advanceClock(0, 16, 0.1, 300_000, true, 1e9);
    expect(quiet.now).toBeCloseTo(300_000 - 25);
    expect(quiet.skipped).toBeGreaterThan(0);
    expect(advanceClock(0, 16, 0.1, 300_000, false, 1e9).now).toBeCloseTo(1.6);
    expect(advanceClock(0, 16, 0.1, 50, true, 1e9).skipped).toBe(0);
  });

  it('orders speeds from slow motion to days per second', () => {
    const f = SPEEDS.map((s) => s.factor);
    expect([...f].sort((a, b) => a - b)).toEqual(f);
    expect(f[f.length - 1]).toBe(86_400);
  });
});
