/**
 * The worker's memory of its last runs. The page asks for the same run several times — to play
 * it, for the world at the playback moment, to grade it, to find where a lesson stops — and the
 * core is deterministic, so the worker runs each description once and answers from memory after.
 * Only the last few runs and views are kept.
 */
import { simulate, viewAt, type SimulateResult, type WorldView } from '../sim/index';
import type { SimulateOptions } from './sim-contract';
import { runKey } from './run-key';

const RUNS = 2;
const VIEWS = 6;


const runs: { key: string; result: Promise<SimulateResult> }[] = [];
const views: { key: string; t: number; view: Promise<WorldView | undefined> }[] = [];

function remember<T extends { key: string }>(list: T[], entry: T, size: number, failed: Promise<unknown>): void {
  list.unshift(entry);
  list.length = Math.min(list.length, size);
  // A run that threw is not remembered: the next request tries again.
  failed.catch(() => {
    const i = list.indexOf(entry);
    if (i >= 0) list.splice(i, 1);
  });
}

/** cachedSimulate runs a description, or returns the remembered run of an equal one. */
export function cachedSimulate(opts: SimulateOptions): Promise<SimulateResult> {
  const key = runKey(opts);
  const hit = runs.find((r) => r.key === key);
  if (hit) return hit.result;
  const result = simulate({ scenarioText: opts.scenarioText, seed: opts.seed, until: opts.until, interventions: opts.interventions });
  remember(runs, { key, result }, RUNS, result);
  return result;
}

/** cachedViewAt returns the world's picture at virtual time `t` of a run, remembered per run and time. */
export function cachedViewAt(opts: SimulateOptions, t: number): Promise<WorldView | undefined> {
  const key = runKey(opts);
  const hit = views.find((v) => v.key === key && v.t === t);
  if (hit) return hit.view;
  const view = viewAt({ scenarioText: opts.scenarioText, seed: opts.seed, until: opts.until, interventions: opts.interventions }, t);
  remember(views, { key, t, view }, VIEWS, view);
  return view;
}
