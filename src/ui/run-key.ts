/**
 * runKey: one string per run description, so the page and the worker can tell whether two
 * requests are about the same run (the core is deterministic: same description, same run).
 */
import type { SimulateOptions } from './sim-contract';

/** runKey names a run description; equal descriptions give equal keys. */
export function runKey(opts: SimulateOptions): string {
  return JSON.stringify([opts.scenarioText ?? null, opts.seed ?? null, opts.until ?? null, opts.interventions ?? []]);
}
