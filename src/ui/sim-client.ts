/**
 * SimClient: the page's side of the simulation worker, as promises. When the worker itself
 * dies (a crash while loading the core), every pending and later call fails with the reason,
 * so the page can say what happened instead of waiting forever.
 */
import type { FixtureName, ReplyExplanation, SimulateOptions, SimulateResult, WorkerRequest, WorkerResponse } from './sim-contract';
import type { WorldView } from '../sim/index';
import type { CourseAnswer, CourseRequest } from './course-contract';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type Call = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

/** SimClient: calls into the worker. */
export class SimClient {
  private worker: Worker | undefined;
  private nextId = 0;
  private pending = new Map<number, Pending>();
  private dead: string | undefined;
  /** Where the last answer came from: the real core, or the fixture while the core is missing. */
  source: 'core' | 'fixture' | undefined;

  constructor(private readonly fixture?: FixtureName) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (ev: MessageEvent<WorkerResponse>) => {
      const res = ev.data;
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      if (res.ok) {
        this.source = res.source;
        p.resolve(res.value);
      } else p.reject(new Error(res.error));
    };
    w.onerror = (ev) => {
      ev.preventDefault();
      this.fail(ev.message || 'the simulation worker failed to start');
    };
    this.worker = w;
    return w;
  }

  private fail(reason: string): void {
    this.dead = reason;
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
    this.worker?.terminate();
    this.worker = undefined;
  }

  private call<T>(req: Call): Promise<T> {
    if (this.dead) {
      const reason = this.dead;
      this.dead = undefined; // try a fresh worker next time
      return Promise.reject(new Error(reason));
    }
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.start().postMessage({ ...req, id } as WorkerRequest);
    });
  }

  /** simulate runs the world from scratch. */
  simulate(opts: SimulateOptions): Promise<SimulateResult> {
    return this.call({ kind: 'simulate', opts, fixture: this.fixture });
  }

  /** viewAt re-runs the world to virtual time `t` and returns its picture there. */
  viewAt(opts: SimulateOptions, t: number): Promise<WorldView | null> {
    return this.call({ kind: 'viewAt', opts, t, fixture: this.fixture });
  }

  /** course asks the worker about lessons, scenarios or grading (see course-contract.ts). */
  course<K extends CourseRequest['kind']>(req: Extract<CourseRequest, { kind: K }>): Promise<CourseAnswer[K]> {
    return this.call(req as Call);
  }

  /** explain looks a reply up in the reply table; null when the table does not know it. */
  explain(code: number, enhanced: string | undefined, lang: 'en' | 'de', text?: string): Promise<ReplyExplanation | null> {
    return this.call({ kind: 'explain', code, enhanced, lang, text });
  }
}
