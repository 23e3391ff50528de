/**
 * gradeScenario: a scenario's goals judged against a run — each goal's check, its points, and the
 * message the author wrote for a reached or a missed goal — with the score and percentage an
 * instructor's grade book takes.
 */
import type { TraceEvent } from '../kernel/trace';
import type { Scenario } from '../scenario/schema';
import type { Text } from '../scenario/text';
import type { WorldView } from '../world/view-model';
import { evaluateCheck, type ConsoleInput, type SentMail } from './checks';

/** GoalResult: one goal's verdict. `message` is the author's text when given, else what the check found. */
export interface GoalResult {
  id: string;
  title: Text;
  pass: boolean;
  points: number;
  earned: number;
  message: Text;
  /** What the check found, whatever the author's message says. */
  detail: Text;
}

/** Grade: every goal's verdict, the points earned of the points possible, and the percentage (0–100). */
export interface Grade {
  goals: GoalResult[];
  score: number;
  max: number;
  percent: number;
}

/** GradeOptions: console inputs typed in the UI, and the moment to grade at (default: the end of the trace). */
export interface GradeOptions {
  consoleInputs?: readonly ConsoleInput[];
  now?: number;
}

/** sentMailOf lists a scenario's mail (from `send`, and from `send` actions and solution steps) for naming mail by id in checks. */
export function sentMailOf(scenario: Pick<Scenario, 'send' | 'actions' | 'solution'>): SentMail[] {
  const mails: SentMail[] = (scenario.send ?? []).map((m) => ({ id: m.id, at: m.at, from: m.from, to: m.to, cc: m.cc, subject: m.subject }));
  for (const a of [...(scenario.actions ?? []), ...(scenario.solution ?? [])]) {
    if (a.do === 'send') mails.push({ id: a.mail.id, at: a.at, from: a.mail.from, to: a.mail.to, cc: a.mail.cc, subject: a.mail.subject });
  }
  return mails;
}

/** gradeScenario evaluates every goal of a scenario against a run's trace and final view. */
export function gradeScenario(scenario: Pick<Scenario, 'goals' | 'send' | 'actions' | 'solution'>, trace: readonly TraceEvent[], view: WorldView, opts: GradeOptions = {}): Grade {
  const now = opts.now ?? (trace.length ? trace[trace.length - 1].t : 0);
  const sends = sentMailOf(scenario);
  const goals = (scenario.goals ?? []).map((g): GoalResult => {
    const r = evaluateCheck(g.check, { trace, view, now, consoleInputs: opts.consoleInputs, sends });
    const authored = r.pass ? g.messages?.complete : g.messages?.incomplete;
    const points = Number.isFinite(g.points) ? g.points : 1;
    return {
      id: g.id,
      title: g.title ?? { en: g.id, de: g.id },
      pass: r.pass,
      points,
      earned: r.pass ? points : 0,
      message: authored ?? r.detail,
      detail: r.detail,
    };
  });
  const score = goals.reduce((s, g) => s + g.earned, 0);
  const max = goals.reduce((s, g) => s + g.points, 0);
  const percent = max > 0 ? Math.round((score / max) * 100) : goals.every((g) => g.pass) ? 100 : 0;
  return { goals, score, max, percent };
}
