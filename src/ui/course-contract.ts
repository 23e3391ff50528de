/**
 * What the page and the simulation worker exchange about lessons, scenarios and grading. The
 * worker owns the lesson files, the loaders and the checks (the core); the page gets plain data:
 * a lesson as steps ready to play, a scenario's validation, goals graded at a moment. Types only.
 */
import type { Check, Lang, Text, VariableValue } from '../sim/scenario';
import type { CheckResult, Grade } from '../sim/grading';
import type { InterventionAction, ScenarioError, SimulateOptions } from './sim-contract';

export type { Check, CheckResult, Grade, Lang, Text };

/** LessonMeta: a lesson's front matter in one language. */
export interface LessonMeta {
  title: string;
  level: 'beginner' | 'intermediate' | 'advanced';
  /** About how long it takes, in ms. */
  duration: number;
  objectives: string[];
}

/** LessonSummary: what the catalogue shows of a lesson, or why it cannot be opened. */
export interface LessonSummary {
  id: string;
  order: number;
  meta: Record<Lang, LessonMeta> | null;
  stepIds: string[];
  questions: number;
  errors: ScenarioError[];
}

/**
 * PlayerAction: what a step does when it opens. `play` and `playUntil` set a stop and wait for
 * the student to press Play (every lesson text says "Press Play"); `pauseOn` sets a stop without
 * waiting; `intervene` changes the world `at` ms after the moment it is carried out.
 */
export type PlayerAction =
  | { kind: 'play'; t: number }
  | { kind: 'playUntil'; check: Check }
  | { kind: 'pauseOn'; check: Check }
  | { kind: 'intervene'; at: number; action: InterventionAction };

/** PlayerTask: something the student does, done when its check holds. */
export interface PlayerTask {
  id: string;
  text: Text;
  check: Check;
}

/** PlayerQuestion: multiple choice, or predict-then-reveal when it has `before`. `answer` counts options from 1. */
export interface PlayerQuestion {
  id: string;
  prompt: Text;
  options: Text[];
  answer: number[];
  explain: Text | null;
  before: Check | null;
}

/** PlayerStep: one step of a lesson, ready for the player. */
export interface PlayerStep {
  id: string;
  title: Text | null;
  instructions: Text;
  actions: PlayerAction[];
  tasks: PlayerTask[];
  hints: Text[];
  questions: PlayerQuestion[];
}

/** GoalInfo: a scenario goal as listed before grading. */
export interface GoalInfo {
  id: string;
  title: Text;
  points: number;
}

/** LessonPlan: a lesson drawn for one seed, ready to play. */
export interface LessonPlan {
  id: string;
  seed: number | null;
  meta: Record<Lang, LessonMeta>;
  body: Record<Lang, string>;
  scenarioText: string;
  steps: PlayerStep[];
  goals: GoalInfo[];
}

/** LessonLoad: a lesson plan, or the located errors of its files. */
export type LessonLoad = { ok: true; plan: LessonPlan } | { ok: false; errors: ScenarioError[] };

/** ScenarioCheck: the editor's live validation of a scenario text. */
export type ScenarioCheck =
  | {
      ok: true;
      title: Text;
      description: Text | null;
      goals: GoalInfo[];
      warnings: ScenarioError[];
      values: Record<string, VariableValue>;
      hasSolution: boolean;
      /** The scenario's own seed (used when the student gives none). */
      seed: number;
    }
  | { ok: false; errors: ScenarioError[] };

/** ScenarioExample: a scenario file bundled with the app (a lesson's, or a standalone one). */
export interface ScenarioExample {
  file: string;
  title: Text | null;
}

/** RunGrade: a run's goals graded at the playback moment and at the end of the run. */
export interface RunGrade {
  now: Grade;
  end: Grade;
}

/** RunMoment: a run and where playback stands in it (`shown` events have happened at virtual time `now`). */
export interface RunMoment {
  opts: SimulateOptions;
  shown: number;
  now: number;
}

/** CourseRequest: a call from the page to the worker about lessons, scenarios or grading (`id` is taken: it numbers the worker's requests). */
export type CourseRequest =
  | { kind: 'lesson.list' }
  | { kind: 'lesson.load'; lesson: string; seed: number | null }
  | { kind: 'scenario.examples' }
  | { kind: 'scenario.read'; file: string }
  | { kind: 'scenario.check'; text: string; seed: number | null }
  | ({ kind: 'run.grade' } & RunMoment)
  | ({ kind: 'run.evaluate'; checks: Check[] } & RunMoment)
  | { kind: 'run.firstHolding'; opts: SimulateOptions; checks: Check[] };

/** CourseKind: the kinds of course requests. */
export type CourseKind = CourseRequest['kind'];

/** COURSE_KINDS: every course request kind, for the worker to tell them from its other requests. */
export const COURSE_KINDS: readonly CourseKind[] = ['lesson.list', 'lesson.load', 'scenario.examples', 'scenario.read', 'scenario.check', 'run.grade', 'run.evaluate', 'run.firstHolding'];

/** CourseAnswer: what each request returns (null: the run has no scenario or could not be run). */
export interface CourseAnswer {
  'lesson.list': LessonSummary[];
  'lesson.load': LessonLoad;
  'scenario.examples': ScenarioExample[];
  'scenario.read': string | null;
  'scenario.check': ScenarioCheck;
  'run.grade': RunGrade | null;
  'run.evaluate': CheckResult[] | null;
  'run.firstHolding': (number | null)[] | null;
}
