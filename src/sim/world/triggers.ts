/**
 * Event-triggered actions: a scenario's `when: <check>` action (or mail) happens as soon as its
 * check first holds. After each trace event that could change a pending check, one evaluation is
 * scheduled at the same virtual time (never inside the machine step that recorded the event), and
 * each action that now holds is carried out once, as an intervention — so a replay of the trace
 * shows it like any other change.
 */
import type { TraceEvent } from '../kernel/trace';
import type { Check } from '../scenario/schema-checks';
import type { Action, SendSpec } from '../scenario/schema';
import type { WorldView } from './view-model';
import type { World } from './world';
import { applyIntervention, scenarioAction } from './simulate';

/** TriggerContext: what a trigger's check is evaluated against (the same shape the grading checks take). */
export interface TriggerContext {
  trace: readonly TraceEvent[];
  view: WorldView;
  now: number;
  sends?: readonly { id?: string; at?: number; from: string; to: readonly string[]; cc?: readonly string[]; subject: string }[];
}

/** TriggerEvaluate: evaluates a check (the grading module's `evaluateCheck`). */
export type TriggerEvaluate = (check: Check, ctx: TriggerContext) => { pass: boolean };

/** TriggerOptions: after which event types a check may change (the grading module's `checkTopics`; default: after every event), and the scenario's mail so checks can name mail by id. */
export interface TriggerOptions {
  topics?: (check: Check) => (type: string) => boolean;
  sends?: TriggerContext['sends'];
}

type Pending = { action: Action; when: Check; interested: (type: string) => boolean };

/**
 * installTriggers watches the trace for the `when` actions among `actions` and carries out each
 * once, right after the event that made its check hold. Returns a function that stops watching.
 */
export function installTriggers(world: World, actions: readonly Action[], evaluate: TriggerEvaluate, opts: TriggerOptions = {}): () => void {
  const { topics, sends } = opts;
  const pending: Pending[] = actions
    .filter((a): a is Action & { when: Check } => a.when !== undefined)
    .map((a) => ({ action: a, when: a.when, interested: topics ? topics(a.when) : () => true }));
  if (pending.length === 0) return () => undefined;
  let scheduled = false;
  const check = (): void => {
    scheduled = false;
    let view: WorldView | undefined;
    const ctx: TriggerContext = {
      trace: world.trace.events,
      get view() {
        return (view ??= world.view());
      },
      now: world.scheduler.now(),
      sends,
    };
    for (const p of [...pending]) {
      if (!evaluate(p.when, ctx).pass) continue;
      pending.splice(pending.indexOf(p), 1);
      const intervention = scenarioAction(p.action);
      if (intervention) applyIntervention(world, intervention);
    }
    if (pending.length === 0) stop();
  };
  const wake = (): void => {
    if (scheduled || pending.length === 0) return;
    scheduled = true;
    world.scheduler.setTimeout(check, 0);
  };
  const stop = world.trace.subscribe((e) => {
    if (e.type === 'world.end') return;
    if (pending.some((p) => p.interested(e.type))) wake();
  });
  // A check may hold from the start (a `not`, a record already present).
  wake();
  return stop;
}

/** whenSends turns the scenario's mail sent `when` a check holds into `send` actions for installTriggers. */
export function whenSends(sends: readonly SendSpec[] | undefined): Action[] {
  return (sends ?? [])
    .filter((s) => s.when !== undefined && (s.via ?? 'mua') === 'mua')
    .map((s) => ({ do: 'send', when: s.when, mail: { id: s.id, from: s.from, to: s.to, cc: s.cc, bcc: s.bcc, subject: s.subject, body: s.body, size: s.size, headers: s.headers, via: s.via, host: s.host, heloAs: s.heloAs, mailFrom: s.mailFrom } }) as Action);
}
