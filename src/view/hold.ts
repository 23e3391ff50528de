/**
 * Holds: places where playback stops by itself, set by a lesson — right before an event (the
 * student predicts it first), right after one (the lesson waits for something to happen), or at
 * a virtual time. Pure: given where a frame would take playback, where it stops instead.
 */
import type { Position } from './playback';

/** Hold: stop before event `before` happens, as soon as event `after` has happened, or at virtual time `t`. */
export interface Hold {
  before?: number;
  after?: number;
  t?: number;
}

/**
 * clampToHold returns where playback stops when a frame moves it from `from` to `to` across a
 * hold, or undefined when it passes none. A hold already behind `from` is ignored; a `before`
 * hold at `from` itself keeps playback there.
 */
export function clampToHold(times: ArrayLike<number>, from: Position, to: Position, hold: Hold | null | undefined): Position | undefined {
  if (!hold) return undefined;
  const stops: Position[] = [];
  if (hold.before !== undefined && from.shown <= hold.before && to.shown > hold.before) {
    // The clock runs up to the event's own time, so what leads up to it (a command arriving) is seen.
    const i = hold.before;
    const latest = i < times.length ? times[i] : Infinity;
    stops.push({ shown: i, now: Math.max(from.now, Math.min(to.now, latest)) });
  }
  if (hold.after !== undefined && from.shown <= hold.after && to.shown > hold.after) {
    stops.push({ shown: hold.after + 1, now: Math.max(from.now, times[hold.after] ?? 0) });
  }
  if (hold.t !== undefined && from.now < hold.t && to.now >= hold.t) {
    let shown = from.shown;
    while (shown < times.length && times[shown] <= hold.t) shown++;
    stops.push({ shown, now: hold.t });
  }
  if (!stops.length) return undefined;
  return stops.reduce((a, b) => (b.shown < a.shown || (b.shown === a.shown && b.now < a.now) ? b : a));
}
