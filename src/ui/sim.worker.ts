/**
 * The simulation worker: runs the core off the main thread. The page sends whole run
 * descriptions (scenario + interventions); the worker re-simulates from scratch each time,
 * which is cheap because the core is deterministic and fast. `?fixture=dev|stress` swaps the
 * core for a synthetic world (the benchmark's stress world); `?fixture=crash` makes it fail.
 */
import { explainReply } from '../sim/index';
import { COURSE_KINDS, type CourseRequest } from './course-contract';
import { cachedSimulate, cachedViewAt } from './run-cache';
import type { FixtureName, SimulateOptions, SimulateResult, WorkerRequest, WorkerResponse } from './sim-contract';
import type { WorldView } from '../sim/index';

interface Runner {
  simulate(opts: SimulateOptions): Promise<SimulateResult>;
  viewAt(opts: SimulateOptions, t: number): Promise<WorldView | undefined>;
}

const core: Runner = {
  async simulate(opts) {
    const result = await cachedSimulate(opts);
    // Only plain data crosses to the page: the core also returns its live world.
    return result.ok ? { ok: true, trace: result.trace, view: result.view, horizon: result.horizon } : { ok: false, errors: result.errors };
  },
  viewAt: (opts, t) => cachedViewAt(opts, t),
};

async function fixture(name: FixtureName): Promise<Runner> {
  if (name === 'crash') throw new Error('the core threw an exception (crash fixture)');
  if (name === 'stress') {
    const { stressRun } = await import('./stress-fixture');
    return { simulate: async () => ({ ok: true, ...stressRun() }), viewAt: async () => stressRun().view };
  }
  const { fixtureRun } = await import('./dev-fixture');
  return { simulate: async (opts) => ({ ok: true, ...fixtureRun(opts.until) }), viewAt: async (_opts, t) => fixtureRun(t).view };
}

async function handle(req: WorkerRequest): Promise<WorkerResponse> {
  if (req.kind === 'explain') {
    const ex = explainReply(req.code, req.enhanced, req.lang, req.text);
    return { id: req.id, ok: true, value: { title: ex.title, meaning: ex.meaning, cause: ex.cause, fix: ex.fix }, source: 'core' };
  }
  if ((COURSE_KINDS as readonly string[]).includes(req.kind)) {
    // Lessons, scenario checks and grading always use the core (loaded on first use).
    const { handleCourse } = await import('./course-service');
    return { id: req.id, ok: true, value: await handleCourse(req as CourseRequest), source: 'core' };
  }
  if (req.kind !== 'simulate' && req.kind !== 'viewAt') throw new Error(`unknown request ${req.kind}`);
  const runner = req.fixture ? await fixture(req.fixture) : core;
  const source = req.fixture ? 'fixture' : 'core';
  const value = req.kind === 'simulate' ? await runner.simulate(req.opts) : ((await runner.viewAt(req.opts, req.t)) ?? null);
  return { id: req.id, ok: true, value, source };
}

self.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const req = ev.data;
  handle(req).then(
    (res) => self.postMessage(res),
    (err: unknown) => {
      const error = err instanceof Error ? `${err.name}: ${err.message}${err.stack ? `\n${err.stack}` : ''}` : String(err);
      self.postMessage({ id: req.id, ok: false, error } satisfies WorkerResponse);
    },
  );
};
