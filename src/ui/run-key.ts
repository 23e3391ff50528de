/**
 * runKey: one string per run description, so the page and the worker can tell whether two
 * requests are about the same run (the core is deterministic: same description, same run); and
 * momentOf, where playback stands in it.
 */
import type { SimulateOptions } from './sim-contract';

/** runKey names a run description; equal descriptions give equal keys. */
export function runKey(opts: SimulateOptions): string {
  return JSON.stringify([opts.scenarioText ?? null, opts.seed ?? null, opts.until ?? null, opts.interventions ?? []]);
}

/**
 * momentOf is where playback stands, for checks: the events shown, and the time of the last of
 * them (nothing changes between events, and the worker can reuse the world it built for that time).
 */
export function momentOf(s: { shownCalm: number; now: number; times: ArrayLike<number> }): { shown: number; now: number } {
  const shown = s.shownCalm;
  return { shown, now: shown > 0 ? (s.times[shown - 1] ?? s.now) : 0 };
}
