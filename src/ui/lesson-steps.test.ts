import { describe, expect, it } from 'vitest';
import type { PlayerStep } from './course-contract';
import { actionCursor, isRight, lessonScore, mayOpen, nextPrediction, stepComplete, waitingAction } from './lesson-steps';
import { freshLesson } from './ProgressStore';

const t = (en: string) => ({ en, de: en });
const step = (id: string, extra: Partial<PlayerStep> = {}): PlayerStep => ({ id, title: null, instructions: t(id), actions: [], tasks: [], hints: [], questions: [], ...extra });
const check = { reply: { code: 220 } } as never;
const q = (id: string, answer: number[], before = false) => ({ id, prompt: t(id), options: [t('a'), t('b'), t('c')], answer, explain: null, before: before ? check : null });

const plan = {
  steps: [
    step('meet', { questions: [q('first', [2])] }),
    step('greeting', { actions: [{ kind: 'playUntil', check }, { kind: 'intervene', at: 0, action: { do: 'clear-faults' } }], tasks: [{ id: 'saw', text: t('saw'), check }], questions: [q('p1', [1], true), q('p2', [3], true), q('mc', [1, 3])] }),
    step('end'),
  ],
};

describe('the lesson player’s rules', () => {
  it('marks an answer right only when it names exactly the right options', () => {
    expect(isRight({ answer: [2] }, [2])).toBe(true);
    expect(isRight({ answer: [2] }, [1])).toBe(false);
    expect(isRight({ answer: [1, 3] }, [3, 1])).toBe(true);
    expect(isRight({ answer: [1, 3] }, [1])).toBe(false);
    expect(isRight({ answer: [1, 3] }, [1, 2, 3])).toBe(false);
  });

  it('completes a step when every task is done and every question answered', () => {
    const p = freshLesson(null, 0);
    expect(stepComplete(plan.steps[0], p)).toBe(false);
    p.answers.first = { choice: [1], correct: false, at: 1 };
    expect(stepComplete(plan.steps[0], p)).toBe(true);
    expect(stepComplete(plan.steps[2], p)).toBe(true);
    p.answers.p1 = p.answers.p2 = p.answers.mc = { choice: [1], correct: true, at: 1 };
    expect(stepComplete(plan.steps[1], p)).toBe(false);
    p.tasks.push('saw');
    expect(stepComplete(plan.steps[1], p)).toBe(true);
  });

  it('asks the predict-then-reveal questions in order', () => {
    const p = freshLesson(null, 0);
    expect(nextPrediction(plan.steps[1], p)?.id).toBe('p1');
    p.answers.p1 = { choice: [1], correct: true, at: 1 };
    expect(nextPrediction(plan.steps[1], p)?.id).toBe('p2');
    p.answers.p2 = { choice: [1], correct: false, at: 1 };
    expect(nextPrediction(plan.steps[1], p)).toBeUndefined();
  });

  it('waits on a play action until it is carried out', () => {
    const p = freshLesson(null, 0);
    expect(waitingAction(plan.steps[1], p)).toMatchObject({ index: 0, action: { kind: 'playUntil' } });
    p.actions.greeting = 1;
    expect(waitingAction(plan.steps[1], p)).toBeUndefined();
    p.actions.greeting = 99;
    expect(actionCursor(plan.steps[1], p)).toBe(2);
  });

  it('opens the next step only when the current one is complete', () => {
    const p = freshLesson(null, 0);
    expect(mayOpen(plan, p, 0)).toBe(true);
    expect(mayOpen(plan, p, 1)).toBe(false);
    p.answers.first = { choice: [2], correct: true, at: 1 };
    expect(mayOpen(plan, p, 1)).toBe(true);
    expect(mayOpen(plan, p, 2)).toBe(false);
    expect(mayOpen(plan, p, 3)).toBe(false);
  });

  it('scores answers and tasks', () => {
    const p = freshLesson(null, 0);
    p.answers.first = { choice: [2], correct: true, at: 1 };
    p.answers.p1 = { choice: [2], correct: false, at: 1 };
    p.tasks.push('saw');
    p.done.push('meet');
    expect(lessonScore(plan, p)).toEqual({ steps: 3, stepsDone: 1, questions: 4, answered: 2, correct: 1, tasks: 1, tasksDone: 1, percent: 40 });
  });
});
