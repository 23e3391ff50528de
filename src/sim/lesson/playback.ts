/**
 * Where a lesson's playback stops: the first event after which a check holds — for `playUntil`,
 * `pauseOn` and the `before` of a predict-then-reveal question (the lesson shows the trace up to
 * just before that event, the student predicts, playback reveals it). Checks over the world
 * (records, account settings) are judged on the view given, usually the run's final one.
 */
import type { TraceEvent } from '../kernel/trace';
import type { Check } from '../scenario/schema-checks';
import type { WorldView } from '../world/view-model';
import { checkTopics, evaluateCheck, type ConsoleInput, type SentMail } from '../grading/checks';

/** HoldOptions: where to start looking (virtual time), the console inputs and the scenario's mail. */
export interface HoldOptions {
  from?: number;
  consoleInputs?: readonly ConsoleInput[];
  sends?: readonly SentMail[];
}

/**
 * firstHolding returns the index of the first event (at or after `from`) after which the check
 * holds, or undefined when it never does in this trace. The lesson pauses before that event.
 */
export function firstHolding(check: Check, trace: readonly TraceEvent[], view: WorldView, opts: HoldOptions = {}): number | undefined {
  const from = opts.from ?? 0;
  const interested = checkTopics(check);
  let first = true;
  for (let i = 0; i < trace.length; i++) {
    const e = trace[i];
    if (e.t < from) continue;
    // Look at the first event in range whatever its type: the check may hold already.
    if (!first && !interested(e.type)) continue;
    first = false;
    const prefix = trace.slice(0, i + 1);
    if (evaluateCheck(check, { trace: prefix, view, now: Infinity, consoleInputs: opts.consoleInputs, sends: opts.sends }).pass) return i;
  }
  return undefined;
}
