/**
 * The rules of the lesson player, as pure functions of a lesson plan and a student's progress:
 * when an answer is right, when a step is complete, which predict-then-reveal question comes
 * next, which of a step's actions the lesson waits on, and the score of a lesson.
 */
import type { LessonPlan, PlayerAction, PlayerQuestion, PlayerStep } from './course-contract';
import type { LessonProgress } from './ProgressStore';

/** isRight tells whether a choice (options counted from 1) is exactly the question's answer. */
export function isRight(q: Pick<PlayerQuestion, 'answer'>, choice: readonly number[]): boolean {
  const want = new Set(q.answer);
  const got = new Set(choice);
  return want.size === got.size && [...want].every((a) => got.has(a));
}

/** stepComplete: every task done and every question answered. */
export function stepComplete(step: PlayerStep, p: Pick<LessonProgress, 'tasks' | 'answers'>): boolean {
  return step.tasks.every((t) => p.tasks.includes(t.id)) && step.questions.every((q) => p.answers[q.id] !== undefined);
}

/** nextPrediction is the step's first predict-then-reveal question not answered yet: the one the lesson stops for. */
export function nextPrediction(step: PlayerStep, p: Pick<LessonProgress, 'answers'>): PlayerQuestion | undefined {
  return step.questions.find((q) => q.before && p.answers[q.id] === undefined);
}

/** actionCursor: how many of the step's actions have been carried out. */
export function actionCursor(step: PlayerStep, p: Pick<LessonProgress, 'actions'>): number {
  return Math.min(step.actions.length, p.actions[step.id] ?? 0);
}

/** waitingAction is the `play` or `playUntil` the step waits on, with its index, if any. */
export function waitingAction(step: PlayerStep, p: Pick<LessonProgress, 'actions'>): { index: number; action: Extract<PlayerAction, { kind: 'play' | 'playUntil' }> } | undefined {
  const i = actionCursor(step, p);
  const a = step.actions[i];
  return a && (a.kind === 'play' || a.kind === 'playUntil') ? { index: i, action: a } : undefined;
}

/** holdKey names a check of a step whose first event the player looks up: an action's or a question's. */
export function holdKey(step: PlayerStep, what: { action: number } | { question: string }): string {
  return 'action' in what ? `${step.id}#a${what.action}` : `${step.id}#q:${what.question}`;
}

/** LessonScore: how a student did in a lesson. */
export interface LessonScore {
  steps: number;
  stepsDone: number;
  questions: number;
  answered: number;
  correct: number;
  tasks: number;
  tasksDone: number;
  /** Correct answers and done tasks of all questions and tasks, 0–100. */
  percent: number;
}

/** lessonScore counts steps, answers and tasks of a lesson. */
export function lessonScore(plan: Pick<LessonPlan, 'steps'>, p: Pick<LessonProgress, 'done' | 'answers' | 'tasks'>): LessonScore {
  const questions = plan.steps.flatMap((s) => s.questions);
  const tasks = plan.steps.flatMap((s) => s.tasks);
  const answered = questions.filter((q) => p.answers[q.id]);
  const correct = answered.filter((q) => p.answers[q.id].correct).length;
  const tasksDone = tasks.filter((t) => p.tasks.includes(t.id)).length;
  const total = questions.length + tasks.length;
  return {
    steps: plan.steps.length,
    stepsDone: plan.steps.filter((s) => p.done.includes(s.id)).length,
    questions: questions.length,
    answered: answered.length,
    correct,
    tasks: tasks.length,
    tasksDone,
    percent: total ? Math.round(((correct + tasksDone) / total) * 100) : 100,
  };
}

/** mayOpen tells whether the student may open step `index`: one seen already, or the next when the current one is complete. */
export function mayOpen(plan: Pick<LessonPlan, 'steps'>, p: Pick<LessonProgress, 'reached' | 'tasks' | 'answers'>, index: number): boolean {
  if (index < 0 || index >= plan.steps.length) return false;
  if (index <= p.reached) return true;
  return index === p.reached + 1 && stepComplete(plan.steps[p.reached], p);
}
