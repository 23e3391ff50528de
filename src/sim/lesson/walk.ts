/**
 * walkLesson: play a lesson headless, step by step, as the player would — playing to times,
 * waiting for checks, injecting faults and taking actions — and report what a student would get
 * stuck on: a `playUntil` or a predict-then-reveal question whose event never comes, or a task that
 * cannot be done even after the scenario's solution.
 */
import type { PathSegment } from '../scenario/issues';
import type { Text } from '../scenario/text';
import { toFaultInput } from '../world/scenario-plan';
import { scenarioAction, type Intervention } from '../world/simulate';
import { evaluateCheck } from '../grading/checks';
import { sentMailOf } from '../grading/grade';
import { runScenario, type ScenarioRun } from '../grading/run';
import type { Check } from '../scenario/schema-checks';
import type { Lesson } from './load';
import type { LessonAction } from './schema';
import { firstHolding } from './playback';

/** WalkProblem: something a student would get stuck on, at a path into steps.yaml. */
export interface WalkProblem {
  path: PathSegment[];
  message: Text;
}

function mentionsConsole(c: Check, depth = 0): boolean {
  if (depth > 32 || c === null || typeof c !== 'object') return false;
  if ('console' in c) return true;
  if ('all' in c) return c.all.some((x) => mentionsConsole(x, depth + 1));
  if ('any' in c) return c.any.some((x) => mentionsConsole(x, depth + 1));
  if ('not' in c) return mentionsConsole(c.not, depth + 1);
  return false;
}

/**
 * lessonIntervention maps a lesson action that changes the world onto an intervention, for a
 * step opened at virtual time `now`: a fault's `from` and an action's `at` count from then.
 */
export function lessonIntervention(a: LessonAction, now: number): Intervention | undefined {
  if ('inject' in a) {
    const { from, ...fault } = toFaultInput(a.inject);
    return { at: now + (from ?? 0), action: { do: 'inject-fault', fault } };
  }
  if ('clear' in a) return { at: now, action: a.clear.id ? { do: 'clear-fault', id: a.clear.id } : { do: 'clear-faults', kind: a.clear.kind, target: a.clear.target } };
  if ('act' in a) {
    const action = scenarioAction(a.act);
    return action ? { at: now + (a.act.at ?? 0), action } : undefined;
  }
  return undefined;
}

/**
 * walkLesson plays a lesson for one seed and lists the places a student would be stuck.
 * Tasks that need the console are skipped: a headless run types nothing.
 */
export async function walkLesson(lesson: Lesson, seed?: number): Promise<WalkProblem[]> {
  const problems: WalkProblem[] = [];
  const file = `${lesson.dir}/scenario.yaml`;
  const sends = sentMailOf(lesson.scenario);
  const interventions: Intervention[] = [];
  // Runs with the lesson's interventions so far, without and with the scenario's solution (the
  // student's own actions), cached until the next intervention.
  const cached = new Map<boolean, ScenarioRun | undefined>();
  const run = async (solution: boolean): Promise<ScenarioRun | undefined> => {
    if (cached.has(solution)) return cached.get(solution);
    const r = await runScenario(lesson.scenarioText, file, { seed, interventions: [...interventions], solution });
    cached.set(solution, r.ok ? r : undefined);
    return r.ok ? r : undefined;
  };
  let now = 0;
  // An event a lesson waits for may come only after the student has acted (the solution).
  const waitFor = async (check: Check, path: PathSegment[], what: Text): Promise<void> => {
    for (const solution of [false, true]) {
      const r = await run(solution);
      const i = r ? firstHolding(check, r.trace, r.view, { from: now, sends }) : undefined;
      if (r && i !== undefined) {
        now = Math.max(now, r.trace[i].t);
        return;
      }
    }
    problems.push({ path, message: what });
  };
  for (const [si, step] of lesson.steps.entries()) {
    for (const [ai, a] of step.actions.entries()) {
      const path: PathSegment[] = [si, 'actions', ai];
      if ('play' in a) now = Math.max(now, a.play);
      else if ('playUntil' in a) {
        await waitFor(a.playUntil, [...path, 'playUntil'], { en: 'this check never holds in the run, so playback would run to the end without stopping', de: 'diese Prüfung trifft im Lauf nie zu; die Wiedergabe liefe ohne Halt bis zum Ende' });
      } else {
        const intervention = lessonIntervention(a, now);
        if (intervention) {
          interventions.push(intervention);
          cached.clear();
        }
      }
    }
    for (const [qi, q] of step.questions.entries()) {
      if (!q.before) continue;
      await waitFor(q.before, [si, 'questions', qi, 'before'], { en: 'the event this question waits for never happens after the step opens, so the question could not be asked', de: 'das Ereignis, auf das diese Frage wartet, tritt nach dem Öffnen des Schritts nie ein; die Frage ließe sich nicht stellen' });
    }
  }
  const tasks = lesson.steps.flatMap((s, si) => s.tasks.map((t, ti) => ({ t, path: [si, 'tasks', ti, 'check'] as PathSegment[] }))).filter(({ t }) => !mentionsConsole(t.check));
  if (tasks.length) {
    const solved = await run(true);
    if (solved) {
      for (const { t, path } of tasks) {
        const r = evaluateCheck(t.check, { trace: solved.trace, view: solved.view, now: Infinity, sends });
        if (!r.pass) problems.push({ path, message: { en: `this task is not done even after the scenario's solution: ${r.detail.en}`, de: `diese Aufgabe ist selbst nach der Lösung des Szenarios nicht erfüllt: ${r.detail.de}` } });
      }
    }
  }
  return problems;
}
