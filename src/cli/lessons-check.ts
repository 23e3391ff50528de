/**
 * `npm run lessons:check [-- DIR]` (default `lessons`): validates every lesson folder (front
 * matter, steps, scenario) and every other scenario file (`*.yaml`, `*.yml`, `*.json`) under DIR,
 * then runs each scenario headless for every variant seed (1, 2 and 3 when it has variables):
 * - an exercise (`gradedBy: solution`, the default) must have a solution; its goals must not all
 *   pass without it, and must all pass with it;
 * - a guided tour (`gradedBy: watching`) must reach all its goals with no action at all;
 * - a lesson is also played step by step, so no `playUntil` or predict-then-reveal question waits
 *   for an event that never comes, and every task can be done.
 * Prints one line per lesson or scenario, `pass` or `FAIL` with each problem as
 * `file:line:column: message`; exits 1 when anything fails, 2 on a usage error.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatScenarioError, loadScenario, type ScenarioError } from '../sim/scenario/load';
import { readYamlSource } from '../sim/scenario/yaml-source';
import type { PathSegment } from '../sim/scenario/issues';
import { runScenario } from '../sim/grading/run';
import { LESSON_FILES, loadLesson, type LessonFiles } from '../sim/lesson/load';
import { walkLesson } from '../sim/lesson/walk';

/** Item: one thing checked, with what was found. */
interface Item {
  name: string;
  title?: string;
  problems: string[];
  warnings: string[];
  notes: string[];
}

const VARIANT_SEEDS = [1, 2, 3];
const SCENARIO_FILE = /\.(ya?ml|json)$/i;

/** locator finds the line of a path in a YAML file, for problems found by running it. */
function locator(text: string, file: string): (path: PathSegment[], message: string) => string {
  const read = readYamlSource(text, file, { maxBytes: Infinity });
  return (path, en) => {
    const message = { en, de: en };
    const e: ScenarioError = read.ok ? read.source.at(path, 'value', message) : { file, line: 1, column: 1, path: '', message };
    return formatScenarioError(e, 'en');
  };
}

/** checkRuns runs one scenario for each variant seed, with and without its solution, and notes every problem. */
async function checkRuns(text: string, file: string, item: Item): Promise<void> {
  const first = loadScenario(text, file);
  if (!first.ok) {
    item.problems.push(...first.errors.map((e) => formatScenarioError(e, 'en')));
    return;
  }
  item.warnings.push(...first.warnings.map((w) => formatScenarioError(w, 'en')));
  const s = first.scenario;
  item.title ??= s.title.en;
  const at = locator(text, file);
  const seeds = Object.keys(s.variables).length ? VARIANT_SEEDS : [undefined];
  if (s.goals.length === 0) item.notes.push('no goals');
  else if (s.gradedBy === 'solution' && s.solution.length === 0) {
    item.problems.push(at(['goals'], "the goals have no solution: add a 'solution' that reaches them, or say 'gradedBy: watching' if they are meant to pass by just running"));
    return;
  }
  for (const seed of seeds) {
    const variant = seed === undefined ? '' : ` (variant seed ${seed})`;
    const plain = await runScenario(text, file, { seed });
    if (!plain.ok) {
      item.problems.push(...plain.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.path ? e.path + ': ' : ''}${e.message.en}${variant}`));
      continue;
    }
    if (s.goals.length === 0) continue;
    const goalAt = (id: string) => Math.max(0, s.goals.findIndex((g) => g.id === id));
    if (s.gradedBy === 'watching') {
      item.notes.push(`${seed === undefined ? '' : `seed ${seed}: `}${plain.grade.score}/${plain.grade.max} by watching`);
      for (const g of plain.grade.goals.filter((x) => !x.pass)) {
        item.problems.push(at(['goals', goalAt(g.id), 'check'], `goal '${g.id}' is not reached by watching${variant}: ${g.detail.en}`));
      }
      continue;
    }
    if (plain.grade.goals.every((g) => g.pass)) {
      item.problems.push(at(['goals'], `every goal passes without the solution${variant}: the exercise is solved before the student does anything (or say 'gradedBy: watching')`));
    }
    const solved = await runScenario(text, file, { seed, solution: true });
    if (!solved.ok) continue;
    for (const g of solved.grade.goals.filter((x) => !x.pass)) {
      item.problems.push(at(['goals', goalAt(g.id), 'check'], `goal '${g.id}' is not reached even with the solution${variant}: ${g.detail.en}`));
    }
    item.notes.push(`${seed === undefined ? '' : `seed ${seed}: `}${plain.grade.score}/${plain.grade.max} without, ${solved.grade.score}/${solved.grade.max} with the solution`);
  }
}

/** checkLesson validates a lesson folder, runs its scenario and walks its steps for each variant. */
async function checkLesson(dir: string, name: string): Promise<Item> {
  const item: Item = { name, problems: [], warnings: [], notes: [] };
  const files: LessonFiles = {};
  for (const f of LESSON_FILES) if (existsSync(join(dir, f))) files[f] = readFileSync(join(dir, f), 'utf8');
  const id = dir.split(/[\\/]/).filter(Boolean).pop() ?? dir;
  const loaded = loadLesson(id, files, { dir: name });
  if (!loaded.ok) {
    item.problems.push(...loaded.errors.map((e) => formatScenarioError(e, 'en')));
    return item;
  }
  item.title = loaded.lesson.meta.en.title;
  await checkRuns(files['scenario.yaml'] ?? '', `${name}/scenario.yaml`, item);
  if (item.problems.length) return item;
  const stepsFile = `${name}/steps.yaml`;
  const at = locator(files['steps.yaml'] ?? '', stepsFile);
  const seeds = Object.keys(loaded.lesson.scenario.variables).length ? VARIANT_SEEDS : [undefined];
  for (const seed of seeds) {
    const variant = seed === undefined ? loaded : loadLesson(id, files, { dir: name, seed });
    if (!variant.ok) {
      item.problems.push(...variant.errors.map((e) => `${formatScenarioError(e, 'en')} (variant seed ${seed})`));
      continue;
    }
    for (const p of await walkLesson(variant.lesson, seed)) {
      item.problems.push(at(p.path, `${p.message.en}${seed === undefined ? '' : ` (variant seed ${seed})`}`));
    }
  }
  item.notes.push(`${loaded.lesson.steps.length} steps`);
  return item;
}

/** collect finds lesson folders and scenario files under a directory, in name order. */
function collect(dir: string): { lessons: string[]; scenarios: string[] } {
  const out = { lessons: [] as string[], scenarios: [] as string[] };
  const entries = readdirSync(dir).sort();
  const isLesson = entries.some((e) => (LESSON_FILES as readonly string[]).includes(e));
  if (isLesson) out.lessons.push(dir);
  for (const e of entries) {
    const path = join(dir, e);
    if (statSync(path).isDirectory()) {
      if (e === 'node_modules' || e.startsWith('.')) continue;
      const inner = collect(path);
      out.lessons.push(...inner.lessons);
      out.scenarios.push(...inner.scenarios);
    } else if (SCENARIO_FILE.test(e) && !(isLesson && (LESSON_FILES as readonly string[]).includes(e))) {
      out.scenarios.push(path);
    }
  }
  return out;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.some((a) => a.startsWith('-')) || args.length > 1) {
    console.error('usage: npm run lessons:check [-- DIR]   (default: lessons)');
    return 2;
  }
  const root = args[0] ?? 'lessons';
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    console.error(`lessons:check: ${root}: no such folder`);
    return 2;
  }
  const { lessons, scenarios } = collect(root);
  const show = (p: string) => {
    const rel = relative(process.cwd(), p);
    return rel === '' || rel.startsWith('..') ? p : rel;
  };
  let failed = 0;
  const report = (item: Item, ms: number): void => {
    const ok = item.problems.length === 0;
    if (!ok) failed++;
    const title = item.title ? ` — ${item.title}` : '';
    const notes = ok && item.notes.length ? ` (${item.notes.join('; ')})` : '';
    console.log(`${ok ? 'pass' : 'FAIL'}  ${item.name}${title}${notes} [${ms} ms]`);
    for (const p of item.problems) console.log(`      ${p}`);
    for (const w of item.warnings) console.log(`      warning: ${w}`);
  };
  for (const dir of lessons) {
    const t0 = performance.now();
    report(await checkLesson(dir, show(dir)), Math.round(performance.now() - t0));
  }
  for (const file of scenarios) {
    const t0 = performance.now();
    const item: Item = { name: show(file), problems: [], warnings: [], notes: [] };
    await checkRuns(readFileSync(file, 'utf8'), show(file), item);
    report(item, Math.round(performance.now() - t0));
  }
  const total = lessons.length + scenarios.length;
  if (total === 0) {
    console.log(`lessons:check: nothing to check in ${root}`);
    return 1;
  }
  console.log(failed ? `${failed} of ${total} failed` : `all ${total} pass (${lessons.length} lesson${lessons.length === 1 ? '' : 's'}, ${scenarios.length} scenario file${scenarios.length === 1 ? '' : 's'})`);
  return failed ? 1 : 0;
}

// exitCode rather than exit(), so output to a pipe is flushed before the process ends.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`lessons:check: internal error: ${e instanceof Error ? e.stack : String(e)}`);
    process.exitCode = 1;
  },
);
