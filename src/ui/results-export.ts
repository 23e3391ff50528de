/**
 * Results for the grade book: each goal of the scenario that was run (reached or not, points,
 * message) and each lesson's answers, as CSV (one row per goal or answer) and as JSON. Texts come
 * from scenarios and lessons, which may come from a link: CSV cells are quoted, and a cell that a
 * spreadsheet would read as a formula is defused with a leading apostrophe.
 */
import type { Grade, Lang, LessonPlan } from './course-contract';
import { lessonScore } from './lesson-steps';
import type { LessonProgress } from './ProgressStore';

/** GoalRow: one goal as graded at the end of the run. */
export interface GoalRow {
  id: string;
  title: string;
  pass: boolean;
  points: number;
  earned: number;
  message: string;
}

/** AnswerRow: one answered question. */
export interface AnswerRow {
  question: string;
  prompt: string;
  chosen: string;
  correct: boolean;
}

/** LessonRow: a lesson a student worked on. */
export interface LessonRow {
  id: string;
  title: string;
  seed: number | null;
  steps: number;
  stepsDone: number;
  questions: number;
  correct: number;
  tasks: number;
  tasksDone: number;
  percent: number;
  started: string;
  finished: string | null;
  minutes: number | null;
  answers: AnswerRow[];
}

/** ResultsReport: everything the results view exports. */
export interface ResultsReport {
  app: 'SMTP Lab';
  format: 1;
  generated: string;
  student: string;
  seed: number | null;
  language: 'en' | 'de';
  scenario: { title: string; origin: string; score: number; max: number; percent: number; goals: GoalRow[] } | null;
  lessons: LessonRow[];
}

const FORMULA = /^[=+\-@\t\r]/;

/** csvCell quotes one cell (RFC 4180) and defuses spreadsheet formulas. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

const COLUMNS = ['student', 'seed', 'kind', 'source', 'item', 'title', 'result', 'points', 'earned', 'detail'] as const;

/** resultsCsv renders the report as CSV: a header, then one row per goal, lesson and answer. */
export function resultsCsv(r: ResultsReport): string {
  const rows: (string | number | boolean | null)[][] = [[...COLUMNS]];
  const who = [r.student, r.seed] as const;
  if (r.scenario) {
    for (const g of r.scenario.goals) rows.push([...who, 'goal', r.scenario.title, g.id, g.title, g.pass ? 'pass' : 'fail', g.points, g.earned, g.message]);
    rows.push([...who, 'scenario', r.scenario.title, '', r.scenario.origin, `${r.scenario.percent}%`, r.scenario.max, r.scenario.score, '']);
  }
  for (const l of r.lessons) {
    rows.push([...who, 'lesson', l.id, '', l.title, l.finished ? 'complete' : 'incomplete', l.questions + l.tasks, l.correct + l.tasksDone, `${l.stepsDone}/${l.steps} steps, ${l.percent}%${l.minutes !== null ? `, ${l.minutes} min` : ''}`]);
    for (const a of l.answers) rows.push([...who, 'answer', l.id, a.question, a.prompt, a.correct ? 'correct' : 'wrong', 1, a.correct ? 1 : 0, a.chosen]);
  }
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** resultsJson renders the report as indented JSON. */
export function resultsJson(r: ResultsReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}

/** resultsFileName names an export after the student and the date: `smtp-lab-results-ada-2026-11-28.csv`. */
export function resultsFileName(r: Pick<ResultsReport, 'student' | 'generated'>, ext: 'csv' | 'json'): string {
  const who = r.student
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `smtp-lab-results${who ? `-${who}` : ''}-${r.generated.slice(0, 10)}.${ext}`;
}

/** ReportInput: what the results view knows — the student, the graded scenario, the lessons worked on. */
export interface ReportInput {
  now: Date;
  lang: Lang;
  student: string;
  seed: number | null;
  scenario: { title: string; origin: string; grade: Grade } | null;
  lessons: { plan: LessonPlan; progress: LessonProgress }[];
}

const plain = (markdown: string): string => markdown.replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim();

/** buildReport gathers the results in one language, ready to show and export. */
export function buildReport(input: ReportInput): ResultsReport {
  const { lang } = input;
  const scenario = input.scenario && {
    title: input.scenario.title,
    origin: input.scenario.origin,
    score: input.scenario.grade.score,
    max: input.scenario.grade.max,
    percent: input.scenario.grade.percent,
    goals: input.scenario.grade.goals.map((g) => ({ id: g.id, title: g.title[lang], pass: g.pass, points: g.points, earned: g.earned, message: g.message[lang] })),
  };
  const lessons = input.lessons.map(({ plan, progress: p }): LessonRow => {
    const score = lessonScore(plan, p);
    const answers = plan.steps.flatMap((s) => s.questions).flatMap((q): AnswerRow[] => {
      const a = p.answers[q.id];
      return a ? [{ question: q.id, prompt: plain(q.prompt[lang]), chosen: a.choice.map((c) => plain(q.options[c - 1]?.[lang] ?? String(c))).join(' | '), correct: a.correct }] : [];
    });
    return {
      id: plan.id,
      title: plan.meta[lang].title,
      seed: plan.seed,
      steps: score.steps,
      stepsDone: score.stepsDone,
      questions: score.questions,
      correct: score.correct,
      tasks: score.tasks,
      tasksDone: score.tasksDone,
      percent: score.percent,
      started: new Date(p.startedAt).toISOString(),
      finished: p.finishedAt === null ? null : new Date(p.finishedAt).toISOString(),
      minutes: p.finishedAt === null ? null : Math.max(1, Math.round((p.finishedAt - p.startedAt) / 60000)),
      answers,
    };
  });
  return { app: 'SMTP Lab', format: 1, generated: input.now.toISOString(), student: input.student, seed: input.seed, language: lang, scenario, lessons };
}
