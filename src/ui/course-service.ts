/**
 * The worker's side of lessons, scenarios and grading: it reads the bundled lesson files, loads
 * lessons and scenarios with the core's loaders, and evaluates checks and goals over a run at a
 * playback moment with the core's grading API. Every answer is plain data for the page.
 */
import { firstHolding, gradeScenario, lessonIntervention, loadLesson, loadScenario, prepareWorld, sentMailOf, evaluateCheck, type LessonAction, type LessonFiles, type Lesson, type Question, type Step } from '../sim/index';
import type { Scenario } from '../sim/scenario';
import { bundledFiles, type BundledFile } from './lesson-files';
import { cachedSimulate, cachedViewAt } from './run-cache';
import type { Check, CourseAnswer, CourseRequest, GoalInfo, LessonPlan, LessonSummary, PlayerAction, PlayerQuestion, PlayerStep, RunMoment, ScenarioCheck, ScenarioExample } from './course-contract';
import type { ScenarioError } from './sim-contract';

const LESSON_NAMES = ['lesson.en.md', 'lesson.de.md', 'scenario.yaml', 'steps.yaml'] as const;

function lessonFolders(): Map<string, BundledFile[]> {
  const folders = new Map<string, BundledFile[]>();
  for (const f of bundledFiles()) folders.set(f.folder, [...(folders.get(f.folder) ?? []), f]);
  for (const [folder, files] of folders) if (!files.some((f) => f.name === 'lesson.en.md' || f.name === 'steps.yaml')) folders.delete(folder);
  return folders;
}

async function readLessonFiles(files: BundledFile[]): Promise<LessonFiles> {
  const out: LessonFiles = {};
  for (const f of files) if ((LESSON_NAMES as readonly string[]).includes(f.name)) out[f.name as (typeof LESSON_NAMES)[number]] = await f.read();
  return out;
}

const goalsOf = (s: Scenario): GoalInfo[] => s.goals.map((g) => ({ id: g.id, title: g.title ?? { en: g.id, de: g.id }, points: g.points }));

function playerAction(a: LessonAction): PlayerAction | undefined {
  if ('play' in a) return { kind: 'play', t: a.play };
  if ('playUntil' in a) return { kind: 'playUntil', check: a.playUntil };
  if ('pauseOn' in a) return { kind: 'pauseOn', check: a.pauseOn };
  const i = lessonIntervention(a, 0);
  return i ? { kind: 'intervene', at: i.at, action: i.action } : undefined;
}

function playerQuestion(q: Question): PlayerQuestion {
  return { id: q.id, prompt: q.prompt, options: q.options, answer: typeof q.answer === 'number' ? [q.answer] : [...q.answer], explain: q.explain ?? null, before: q.before ?? null };
}

function playerStep(s: Step): PlayerStep {
  return {
    id: s.id,
    title: s.title ?? null,
    instructions: s.instructions,
    actions: s.actions.map(playerAction).filter((a): a is PlayerAction => a !== undefined),
    tasks: s.tasks.map((t) => ({ id: t.id, text: t.text, check: t.check })),
    hints: s.hints,
    questions: s.questions.map(playerQuestion),
  };
}

/** lessonPlan turns a loaded lesson into the plain data the player needs. */
export function lessonPlan(lesson: Lesson, seed: number | null): LessonPlan {
  return { id: lesson.id, seed, meta: lesson.meta, body: lesson.body, scenarioText: lesson.scenarioText, steps: lesson.steps.map(playerStep), goals: goalsOf(lesson.scenario) };
}

/** loadLessonPlan loads a bundled lesson for a student's seed. */
export async function loadLessonPlan(id: string, seed: number | null): Promise<CourseAnswer['lesson.load']> {
  const files = lessonFolders().get(id);
  if (!files) return { ok: false, errors: [{ file: `lessons/${id}`, line: 1, column: 1, path: '', message: { en: `there is no lesson '${id}'`, de: `es gibt keine Lektion '${id}'` } }] };
  const loaded = loadLesson(id, await readLessonFiles(files), { seed: seed ?? undefined });
  return loaded.ok ? { ok: true, plan: lessonPlan(loaded.lesson, seed) } : { ok: false, errors: loaded.errors };
}

let catalogue: Promise<LessonSummary[]> | undefined;

/** listLessons lists the bundled lessons in catalogue order, each checked once. */
export function listLessons(): Promise<LessonSummary[]> {
  catalogue ??= (async () => {
    const list: LessonSummary[] = [];
    for (const [id, files] of lessonFolders()) {
      const loaded = loadLesson(id, await readLessonFiles(files));
      if (loaded.ok) {
        const { lesson } = loaded;
        list.push({ id, order: lesson.meta.en.order ?? 1000, meta: lesson.meta, stepIds: lesson.steps.map((s) => s.id), questions: lesson.steps.reduce((n, s) => n + s.questions.length, 0), errors: [] });
      } else list.push({ id, order: 10_000, meta: null, stepIds: [], questions: 0, errors: loaded.errors });
    }
    return list.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  })();
  return catalogue;
}

let examples: Promise<ScenarioExample[]> | undefined;

/** scenarioExamples lists the bundled scenario files (lessons' and standalone ones) with their titles, read once. */
export function scenarioExamples(): Promise<ScenarioExample[]> {
  examples ??= (async () => {
    const out: ScenarioExample[] = [];
    for (const f of bundledFiles()) {
      if (!/\.(ya?ml|json)$/.test(f.name) || f.name === 'steps.yaml') continue;
      const loaded = loadScenario(await f.read(), f.path);
      out.push({ file: f.path, title: loaded.ok ? loaded.scenario.title : null });
    }
    return out;
  })();
  return examples;
}

/** readExample returns the text of a bundled scenario file, or null for a name that is not one. */
export async function readExample(file: string): Promise<string | null> {
  const f = bundledFiles().find((b) => b.path === file && /\.(ya?ml|json)$/.test(b.name) && b.name !== 'steps.yaml');
  return f ? f.read() : null;
}

/**
 * checkScenario validates a scenario text for the editor: the loader's located errors, then the
 * world built from it (a zone that does not parse is found only then). Never throws.
 */
export function checkScenario(text: string, seed: number | null): ScenarioCheck {
  const loaded = loadScenario(text, 'scenario.yaml', { seed: seed ?? undefined });
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  const built = prepareWorld({ scenarioText: text, scenarioFile: 'scenario.yaml', seed: seed ?? undefined });
  if (!built.ok) return { ok: false, errors: built.errors as ScenarioError[] };
  const s = loaded.scenario;
  return { ok: true, title: s.title, description: s.description ?? null, goals: goalsOf(s), warnings: loaded.warnings, values: loaded.values, hasSolution: s.solution.length > 0, seed: s.seed };
}

/** A run at a playback moment, with what checks need: the trace so far, the world then, the scenario's mail. */
async function moment(m: RunMoment) {
  const run = await cachedSimulate(m.opts);
  if (!run.ok || !run.run.scenario) return undefined;
  const shown = Math.max(0, Math.min(run.trace.length, Math.floor(m.shown)));
  const view = shown >= run.trace.length ? run.view : ((await cachedViewAt(m.opts, m.now)) ?? run.view);
  return { run, scenario: run.run.scenario, trace: run.trace.slice(0, shown), view, now: m.now };
}

/** gradeRun grades a run's goals at the playback moment and at its end. */
export async function gradeRun(m: RunMoment): Promise<CourseAnswer['run.grade']> {
  const at = await moment(m);
  if (!at) return null;
  return { now: gradeScenario(at.scenario, at.trace, at.view, { now: at.now }), end: gradeScenario(at.scenario, at.run.trace, at.run.view) };
}

/** evaluateChecks evaluates checks (a lesson's tasks) at the playback moment. */
export async function evaluateChecks(m: RunMoment, checks: Check[]): Promise<CourseAnswer['run.evaluate']> {
  const at = await moment(m);
  if (!at) return null;
  const sends = sentMailOf(at.scenario);
  return checks.map((c) => evaluateCheck(c, { trace: at.trace, view: at.view, now: at.now, sends }));
}

/** firstHoldings finds, for each check, the index of the event after which it first holds in the run (null: never). */
export async function firstHoldings(req: CourseRequest & { kind: 'run.firstHolding' }): Promise<CourseAnswer['run.firstHolding']> {
  const run = await cachedSimulate(req.opts);
  if (!run.ok || !run.run.scenario) return null;
  const sends = sentMailOf(run.run.scenario);
  return req.checks.map((c) => firstHolding(c, run.trace, run.view, { from: 0, sends }) ?? null);
}

/** handleCourse answers one course request. */
export async function handleCourse(req: CourseRequest): Promise<CourseAnswer[CourseRequest['kind']]> {
  switch (req.kind) {
    case 'lesson.list':
      return listLessons();
    case 'lesson.load':
      return loadLessonPlan(req.lesson, req.seed);
    case 'scenario.examples':
      return scenarioExamples();
    case 'scenario.read':
      return readExample(req.file);
    case 'scenario.check':
      return checkScenario(req.text, req.seed);
    case 'run.grade':
      return gradeRun(req);
    case 'run.evaluate':
      return evaluateChecks(req, req.checks);
    case 'run.firstHolding':
      return firstHoldings(req);
  }
}
