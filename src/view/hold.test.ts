import { describe, expect, it } from 'vitest';
import { clampToHold } from './hold';
import { positionAt } from './playback';

const times = [0, 100, 100, 250, 400, 1000];

describe('holds', () => {
  it('lets a frame pass when there is no hold in its way', () => {
    expect(clampToHold(times, { now: 0, shown: 1 }, positionAt(times, 120), null)).toBeUndefined();
    expect(clampToHold(times, { now: 0, shown: 1 }, positionAt(times, 120), { before: 4 })).toBeUndefined();
  });

  it('stops right before an event, even one at the same time as the event before it', () => {
    expect(clampToHold(times, { now: 50, shown: 1 }, positionAt(times, 300), { before: 2 })).toEqual({ shown: 2, now: 100 });
    expect(clampToHold(times, { now: 200, shown: 3 }, positionAt(times, 500), { before: 4 })).toEqual({ shown: 4, now: 400 });
    // At the hold already: playback stays until the hold is lifted.
    expect(clampToHold(times, { now: 400, shown: 4 }, positionAt(times, 450), { before: 4 })).toEqual({ shown: 4, now: 400 });
  });

  it('stops as soon as an event has happened', () => {
    expect(clampToHold(times, { now: 120, shown: 3 }, positionAt(times, 2000), { after: 3 })).toEqual({ shown: 4, now: 250 });
    expect(clampToHold(times, { now: 260, shown: 4 }, positionAt(times, 2000), { after: 3 })).toBeUndefined();
  });

  it('stops at a virtual time', () => {
    expect(clampToHold(times, { now: 120, shown: 3 }, positionAt(times, 2000), { t: 400 })).toEqual({ shown: 5, now: 400 });
    expect(clampToHold(times, { now: 500, shown: 5 }, positionAt(times, 2000), { t: 400 })).toBeUndefined();
  });

  it('takes the earliest of several holds', () => {
    expect(clampToHold(times, { now: 0, shown: 1 }, positionAt(times, 2000), { t: 900, before: 3, after: 4 })).toEqual({ shown: 3, now: 250 });
  });

  it('ignores a hold behind the playback position', () => {
    expect(clampToHold(times, { now: 1000, shown: 6 }, { now: 1200, shown: 6 }, { before: 2, after: 1, t: 5 })).toBeUndefined();
  });
});
