/**
 * Playback math: speeds, stepping between events, and advancing the virtual clock by a frame.
 * Playback is a pure function of the trace and two numbers: `now` (virtual ms, drives packet
 * flight) and `shown` (how many events have happened, drives every list and badge).
 */
import { upperBound } from './packets';

/** Speed: how many virtual milliseconds pass per wall-clock millisecond. */
export interface Speed {
  id: string;
  factor: number;
}

/** SPEEDS: from slow motion (a command every few seconds) to days in seconds (retry schedules). */
export const SPEEDS: readonly Speed[] = [
  { id: 'x0.01', factor: 0.01 },
  { id: 'x0.1', factor: 0.1 },
  { id: 'x0.25', factor: 0.25 },
  { id: 'x1', factor: 1 },
  { id: 'x10', factor: 10 },
  { id: 'min', factor: 60 },
  { id: 'x100', factor: 100 },
  { id: 'hour', factor: 3600 },
  { id: 'day', factor: 86400 },
];

/** Position: where playback stands. */
export interface Position {
  now: number;
  shown: number;
}

/** positionAt is the position after playing (not stepping) to `now`: every event with t ≤ now has happened. */
export function positionAt(times: ArrayLike<number>, now: number): Position {
  return { now, shown: upperBound(times, now) };
}

/** stepForward makes the next event happen and moves the clock to its time. */
export function stepForward(times: ArrayLike<number>, pos: Position): Position {
  if (pos.shown >= times.length) return pos;
  return { now: Math.max(pos.now, times[pos.shown]), shown: pos.shown + 1 };
}

/** stepBack undoes the last event that happened; the clock goes back to the one before it. */
export function stepBack(times: ArrayLike<number>, pos: Position): Position {
  if (pos.shown <= 0) return { now: 0, shown: 0 };
  const shown = pos.shown - 1;
  return { now: shown > 0 ? times[shown - 1] : 0, shown };
}

/** seekToEvent moves playback so that event `index` is the last one that happened. */
export function seekToEvent(times: ArrayLike<number>, index: number): Position {
  const i = Math.max(0, Math.min(times.length - 1, index));
  return { now: times[i] ?? 0, shown: Math.min(times.length, i + 1) };
}

/** Advance: the clock after one frame, and how much quiet time was skipped to get there. */
export interface Advance {
  now: number;
  skipped: number;
}

/**
 * advanceClock moves the clock by one frame of `wallMs` at `factor`. When nothing is in flight
 * and the next event is more than `quietWallMs` of wall time away, it skips ahead so the next
 * event comes within a moment (a 5-minute retry wait at slow motion would otherwise take hours).
 */
export function advanceClock(now: number, wallMs: number, factor: number, nextEventAt: number | undefined, idle: boolean, horizon: number, quietWallMs = 1500): Advance {
  let next = now + wallMs * factor;
  let skipped = 0;
  if (idle && nextEventAt !== undefined && (nextEventAt - now) / factor > quietWallMs) {
    const target = nextEventAt - factor * 250;
    if (target > next) {
      skipped = target - next;
      next = target;
    }
  }
  return { now: Math.min(next, horizon), skipped };
}
