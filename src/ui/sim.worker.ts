/**
 * The simulation worker: runs the core off the main thread. The page sends whole run
 * descriptions (scenario + interventions); the worker re-simulates from scratch each time,
 * which is cheap because the core is deterministic and fast.
 */
import type { ReplyExplanation, SimCore, WorkerRequest, WorkerResponse } from './sim-contract';

type ExplainFn = (code: number, enhanced: string | undefined, lang: 'en' | 'de') => ReplyExplanation | undefined | null;
type CoreModule = Partial<SimCore> & { explainReply?: ExplainFn };

// Globs resolve to nothing when a file does not exist yet, so the worker also builds before the core lands.
const coreModules = import.meta.glob<CoreModule>('../sim/index.ts');
const replyModules = import.meta.glob<{ explainReply?: ExplainFn }>(['../sim/protocol/index.ts', '../sim/protocol/reply-table.ts']);

let core: Promise<{ core: SimCore; source: 'core' | 'fixture' }> | undefined;

async function loadCore(): Promise<{ core: SimCore; source: 'core' | 'fixture' }> {
  const load = coreModules['../sim/index.ts'];
  if (load) {
    const m = await load();
    if (typeof m.simulate === 'function' && typeof m.viewAt === 'function') return { core: m as SimCore, source: 'core' };
  }
  return { core: await fixtureCore('dev'), source: 'fixture' };
}

async function fixtureCore(name: 'dev' | 'stress'): Promise<SimCore> {
  if (name === 'stress') {
    const { stressRun } = await import('./stress-fixture');
    return { simulate: async () => ({ ok: true, ...stressRun() }), viewAt: async () => stressRun().view };
  }
  const { fixtureRun } = await import('./dev-fixture');
  return {
    simulate: async (opts) => ({ ok: true, ...fixtureRun(opts.until) }),
    viewAt: async (_opts, t) => fixtureRun(t).view,
  };
}

async function explain(code: number, enhanced: string | undefined, lang: 'en' | 'de'): Promise<ReplyExplanation | null> {
  const candidates: (() => Promise<{ explainReply?: ExplainFn }>)[] = [...Object.values(coreModules), ...Object.values(replyModules)];
  for (const load of candidates) {
    const m = await load();
    if (typeof m.explainReply === 'function') return m.explainReply(code, enhanced, lang) ?? null;
  }
  return null;
}

async function handle(req: WorkerRequest): Promise<WorkerResponse> {
  if (req.kind === 'explain') return { id: req.id, ok: true, value: await explain(req.code, req.enhanced, req.lang), source: 'core' };
  const running = req.fixture ? { core: await fixtureCore(req.fixture), source: 'fixture' as const } : await (core ??= loadCore());
  if (req.kind === 'viewAt') return { id: req.id, ok: true, value: (await running.core.viewAt(req.opts, req.t)) ?? null, source: running.source };
  const result = await running.core.simulate(req.opts);
  // Only plain data crosses to the page: the core may return its live world alongside.
  const value = result.ok ? { ok: true, trace: result.trace, view: result.view, horizon: result.horizon } : { ok: false, errors: result.errors };
  return { id: req.id, ok: true, value, source: running.source };
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
