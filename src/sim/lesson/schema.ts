/**
 * The lesson format: a folder `lessons/<id>/` with `lesson.en.md` and `lesson.de.md` (Markdown
 * with front matter), `scenario.yaml` (a scenario) and `steps.yaml` (the steps). One zod schema
 * per file, built from the scenario format's blocks (checks, faults, actions, bilingual text), so
 * a lesson's checks are the very checks that grade scenarios.
 */
import { z } from 'zod';
import { CheckSchema } from '../scenario/schema-checks';
import { closedObject, DurationSchema, fail, hint, IdSchema, LocalTextSchema, named } from '../scenario/schema-common';
import { FaultSchema } from '../scenario/schema-faults';
import { ActionSchema } from '../scenario/schema-timeline';
import { FAULT_KINDS } from '../scenario/fault-catalogue';

/** LEVELS: how much a lesson expects a student to know already. */
export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;

const LINE_OF_TEXT = {
  en: "expected one line of text; a line with ': ' in it must be put in quotes, or YAML reads it as a mapping",
  de: "erwartet wird eine Zeile Text; eine Zeile mit ': ' muss in Anführungszeichen stehen, sonst liest YAML sie als Zuordnung",
};

/** FrontMatterSchema is the YAML block at the top of `lesson.<lang>.md`. */
export const FrontMatterSchema = closedObject({
  title: z.string().min(1).describe('Title of the lesson in this language.'),
  level: named(LEVELS, { en: 'level', de: 'Stufe' }).describe('beginner, intermediate or advanced.'),
  duration: DurationSchema.describe('About how long the lesson takes, e.g. 20m.'),
  objectives: z
    .array(z.custom<string>((v) => typeof v === 'string' && v.trim() !== '', { error: hint({ text: LINE_OF_TEXT }) }))
    .min(1)
    .describe('What the student can do afterwards, one line each.'),
  order: z.int().min(0).optional().describe('Position in the lesson catalogue (lower first).'),
}).meta({ title: 'Lesson front matter' });

/** AnswerSchema is the right option of a question, counted from 1, or several for "choose all that apply". */
const AnswerSchema = z.union([z.int(), z.array(z.int()).min(1)], {
  error: () => hint({ text: { en: 'expected the number of the right option, counted from 1 (e.g. 2), or a list of numbers', de: 'erwartet wird die Nummer der richtigen Option, gezählt ab 1 (z. B. 2), oder eine Liste von Nummern' } }),
});

const questionShape = {
  id: IdSchema,
  prompt: LocalTextSchema.describe('The question (Markdown).'),
  options: z.array(LocalTextSchema).min(2).describe('The choices, in the order shown.'),
  answer: AnswerSchema.describe('The right option, counted from 1; a list when several are right.'),
  explain: LocalTextSchema.optional().describe('Shown after answering: why the answer is right.'),
};

/** QuestionSchema is a multiple-choice question, or a predict-then-reveal question when it has `before`. */
export const QuestionSchema = closedObject({
  ...questionShape,
  before: CheckSchema.optional().describe('Predict-then-reveal: the lesson pauses right before the event that makes this check hold; the student predicts, playback reveals.'),
})
  .superRefine((q, ctx) => {
    const answers = typeof q.answer === 'number' ? [q.answer] : q.answer;
    answers.forEach((a, i) => {
      const path = typeof q.answer === 'number' ? ['answer'] : ['answer', i];
      if (a < 1) fail(ctx, { en: `options are counted from 1: the first option is 1, not ${a}`, de: `Optionen werden ab 1 gezählt: Die erste Option ist 1, nicht ${a}` }, path);
      else if (a > q.options.length) {
        fail(ctx, { en: `answer ${a} points past the last option: there are ${q.options.length} options, counted from 1`, de: `Antwort ${a} zeigt hinter die letzte Option: Es gibt ${q.options.length} Optionen, gezählt ab 1` }, path);
      }
    });
    if (new Set(answers).size !== answers.length) fail(ctx, { en: 'an option is named twice in answer', de: 'eine Option steht zweimal in answer' }, ['answer']);
  })
  .meta({ title: 'Question', description: 'Multiple choice ({ id, prompt, options, answer, explain }), or predict-then-reveal with `before`.' });

/** TaskSchema is something the student does, done when its check holds. */
export const TaskSchema = closedObject({
  id: IdSchema,
  text: LocalTextSchema.describe('What to do (Markdown).'),
  check: CheckSchema.describe('Holds when the task is done.'),
}).meta({ title: 'Task' });

/** LessonActionSchema is something the lesson does when a step opens, in order: play, wait for a check, pause on one, inject or clear a fault, or take any scenario action. */
export const LessonActionSchema = z
  .union([
    closedObject({ play: DurationSchema.describe('Play until this virtual time (counted from the start of the run), then pause.') }),
    closedObject({ playUntil: CheckSchema.describe('Play until this check holds, then pause.') }),
    closedObject({ pauseOn: CheckSchema.describe('From now on, pause playback as soon as this check holds.') }),
    closedObject({ inject: FaultSchema.describe('Switch a fault on when the step opens (`from` delays it); `for` counts from then.') }),
    closedObject({
      clear: closedObject({
        id: IdSchema.optional(),
        kind: named(FAULT_KINDS, { en: 'fault kind', de: 'Fehlerart' }, { en: 'Known kinds', de: 'Bekannte Arten' }).optional(),
        target: z.string().optional(),
      }).describe('Switch matching faults off (all when nothing is given).'),
    }),
    closedObject({ act: ActionSchema.describe('Any scenario action (set-dns, set-account, send, flush-queue, ...), taken when the step opens; `at` delays it.') }).superRefine((a, ctx) => {
      if (a.act.when !== undefined) fail(ctx, { en: "a lesson action cannot wait with 'when'; put a 'playUntil' before it", de: "eine Lektionsaktion kann nicht mit 'when' warten; stattdessen ein 'playUntil' davor setzen" }, ['act', 'when']);
    }),
  ])
  .meta({ title: 'Lesson action', description: 'One of play, playUntil, pauseOn, inject, clear, act.' });

/** StepSchema is one step: instructions, what the lesson does, tasks, hints and questions. */
export const StepSchema = closedObject({
  id: IdSchema,
  title: LocalTextSchema.optional().describe('A short title for the step list.'),
  instructions: LocalTextSchema.describe('What the student reads (Markdown).'),
  actions: z.array(LessonActionSchema).default([]).describe('What the lesson does when the step opens, in order.'),
  tasks: z.array(TaskSchema).default([]).describe('What the student does; the step is done when every task check holds.'),
  hints: z.array(LocalTextSchema).default([]).describe('Revealed one at a time on request.'),
  questions: z.array(QuestionSchema).default([]).describe('Multiple choice or predict-then-reveal.'),
}).meta({ title: 'Step' });

/** StepsSchema is the whole `steps.yaml`: a list of steps with ids unique in the lesson. */
export const StepsSchema = z
  .array(StepSchema)
  .min(1)
  .superRefine((steps, ctx) => {
    const seen = new Map<string, string>();
    const claim = (id: string, path: PropertyKey[]): void => {
      const before = seen.get(id);
      if (before !== undefined) fail(ctx, { en: `the id '${id}' is already used at ${before}; ids must be unique in a lesson`, de: `die Kennung '${id}' ist schon bei ${before} vergeben; Kennungen müssen in einer Lektion eindeutig sein` }, path);
      else seen.set(id, path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, ''));
    };
    steps.forEach((s, i) => {
      claim(s.id, [i, 'id']);
      s.tasks.forEach((t, j) => claim(t.id, [i, 'tasks', j, 'id']));
      s.questions.forEach((q, j) => claim(q.id, [i, 'questions', j, 'id']));
    });
  })
  .meta({ title: 'SMTP Lab lesson steps' });

/** FrontMatter is a validated front matter block. */
export type FrontMatter = z.output<typeof FrontMatterSchema>;
/** Step is one validated step. */
export type Step = z.output<typeof StepSchema>;
/** Task is one task of a step. */
export type Task = z.output<typeof TaskSchema>;
/** Question is one question of a step. */
export type Question = z.output<typeof QuestionSchema>;
/** LessonAction is one thing the lesson does when a step opens. */
export type LessonAction = z.output<typeof LessonActionSchema>;
