/**
 * WorldHarness: a chainable driver for tests and lesson checks, in the style
 * `await harness().fault('busy@mx1.example.org:for=20m').advance('2h').expectFate('m1', 'bob@example.org', 'delivered')`.
 * Steps queue up and run in order when the harness is awaited; a failed expectation rejects
 * with a message that says what was expected and what the trace shows.
 */
import type { TraceEvent, MessageFate } from '../kernel/trace';
import { formatTraceEvent } from '../kernel/trace-format';
import { parseDuration } from '../scenario/duration';
import type { Draft } from '../agents/mua';
import { prepareWorld, applyIntervention, type SimulateOptions, type InterventionAction } from './simulate';
import type { FaultSpecInput } from './fault-state';
import type { World } from './world';

type Step = (w: World) => Promise<void> | void;

function ms(d: string | number): number {
  const v = parseDuration(d);
  if (typeof v !== 'number') throw new Error(`harness: not a duration: ${String(d)}`);
  return v;
}

/** WorldHarness: queue steps, then await. */
export class WorldHarness implements PromiseLike<World> {
  private steps: Step[] = [];
  private worldRef?: World;

  constructor(private readonly opts: SimulateOptions = {}) {}

  /** world is the running world (after the harness has been awaited once). */
  get world(): World {
    if (!this.worldRef) throw new Error('harness: not started yet');
    return this.worldRef;
  }

  /** send makes a mail program send a draft now (virtual time when the step runs). */
  send(draft: Draft): this {
    this.steps.push((w) => w.send(w.scheduler.now(), draft));
    return this;
  }

  /** fault switches on a fault now. */
  fault(spec: FaultSpecInput): this {
    this.steps.push((w) => void w.injectFault({ ...spec, from: spec.from ?? w.scheduler.now() }));
    return this;
  }

  /** act applies an intervention now. */
  act(action: InterventionAction): this {
    this.steps.push((w) => applyIntervention(w, action));
    return this;
  }

  /** advance runs virtual time forward by a duration. */
  advance(d: string | number): this {
    this.steps.push((w) => w.run(w.scheduler.now() + ms(d)));
    return this;
  }

  /** settle runs until nothing is scheduled (at most `limit`). */
  settle(limit: string | number = '6d'): this {
    this.steps.push((w) => w.run(ms(limit)));
    return this;
  }

  /** finish records the fates. */
  finish(): this {
    this.steps.push((w) => w.finish());
    return this;
  }

  /** expectFate checks the fate of one recipient of one message (finishing the run first). */
  expectFate(msg: string, rcpt: string, fate: MessageFate['fate'], extra: Partial<MessageFate> = {}): this {
    this.steps.push((w) => {
      if (!w.trace.events.some((e) => e.type === 'message.fate')) w.finish();
      const fates = w.trace.events.filter((e): e is MessageFate => e.type === 'message.fate' && e.id === msg && e.to === rcpt.toLowerCase());
      const hit = fates.find((f) => f.fate === fate && Object.entries(extra).every(([k, v]) => (f as unknown as Record<string, unknown>)[k] === v));
      if (!hit) throw new Error(`expected ${msg} → ${rcpt} to be ${fate} ${JSON.stringify(extra)}, got ${JSON.stringify(fates)}\n${tail(w.trace.events)}`);
    });
    return this;
  }

  /** expectEvent checks that some trace event matches. */
  expectEvent(match: Partial<Record<string, unknown>> & { type: string }, what = 'event'): this {
    this.steps.push((w) => {
      if (!w.trace.events.some((e) => matches(e, match))) throw new Error(`expected ${what} ${JSON.stringify(match)} in the trace\n${tail(w.trace.events)}`);
    });
    return this;
  }

  then<R1 = World, R2 = never>(onFulfilled?: ((w: World) => R1 | PromiseLike<R1>) | null, onRejected?: ((e: unknown) => R2 | PromiseLike<R2>) | null): PromiseLike<R1 | R2> {
    return this.execute().then(onFulfilled, onRejected);
  }

  private async execute(): Promise<World> {
    if (!this.worldRef) {
      const prepared = prepareWorld(this.opts);
      if (!prepared.ok) throw new Error(`harness: scenario errors: ${JSON.stringify(prepared.errors)}`);
      this.worldRef = prepared.world;
    }
    const steps = this.steps;
    this.steps = [];
    for (const s of steps) await s(this.worldRef);
    return this.worldRef;
  }
}

function matches(e: TraceEvent, m: Record<string, unknown>): boolean {
  const rec = e as unknown as Record<string, unknown>;
  return Object.entries(m).every(([k, v]) => (v instanceof RegExp ? v.test(String(rec[k])) : rec[k] === v));
}

function tail(events: TraceEvent[]): string {
  return events.slice(-25).map((e) => formatTraceEvent(e) ?? e.type).join('\n');
}

/** harness starts a chainable world driver (the default world unless a scenario is given). */
export function harness(opts: SimulateOptions = {}): WorldHarness {
  return new WorldHarness(opts);
}
