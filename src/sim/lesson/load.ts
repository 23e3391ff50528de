/**
 * Loading a lesson folder: `lesson.en.md` and `lesson.de.md` (front matter + Markdown),
 * `scenario.yaml` and `steps.yaml`. Every problem in any of the files comes back located — file,
 * line, column, path and a plain message in English and German — exactly as the scenario loader
 * reports them. The scenario's variables (drawn per student) may be used as `{{name}}` in the
 * steps, so a student's tasks and questions fit the variant they got. Pure and never throws: the
 * caller reads the files (Node's fs in the CLI, the bundler in the app).
 */
import { loadScenario, DEFAULT_MAX_BYTES, type ScenarioError, type ScenarioWarning } from '../scenario/load';
import type { Scenario } from '../scenario/schema';
import type { Lang, Text } from '../scenario/text';
import { resolveVariables, type VariableValue } from '../scenario/variables';
import { readYamlSource, schemaErrors, sortErrors, type YamlSource } from '../scenario/yaml-source';
import { splitFrontMatter } from './front-matter';
import { FrontMatterSchema, StepsSchema, type FrontMatter, type Step } from './schema';

/** LESSON_FILES: the files of a lesson folder. */
export const LESSON_FILES = ['lesson.en.md', 'lesson.de.md', 'scenario.yaml', 'steps.yaml'] as const;

/** LESSON_ID: what a lesson folder may be called (it becomes part of links and stored progress). */
export const LESSON_ID = /^[a-z0-9][a-z0-9-]*$/;

/** LessonFiles: the texts of a lesson's files by name; a missing file is undefined. */
export type LessonFiles = Partial<Record<(typeof LESSON_FILES)[number], string>>;

/** Lesson: a validated lesson, its scenario drawn for one seed (one student's variant). */
export interface Lesson {
  id: string;
  /** The folder, used as the prefix of file names in messages (`lessons/fix-spf`). */
  dir: string;
  meta: Record<Lang, FrontMatter>;
  /** The Markdown after the front matter, per language. */
  body: Record<Lang, string>;
  steps: Step[];
  scenario: Scenario;
  scenarioText: string;
  /** The variables drawn for this variant. */
  values: Record<string, VariableValue>;
}

/** LessonLoadResult: the lesson and its warnings, or every located error of every file. */
export type LessonLoadResult = { ok: true; lesson: Lesson; warnings: ScenarioWarning[] } | { ok: false; errors: ScenarioError[] };

/** LessonLoadOptions: the folder name used in messages, the student's seed and the size limit per file. */
export interface LessonLoadOptions {
  dir?: string;
  seed?: number;
  maxBytes?: number;
}

const LANGS: Lang[] = ['en', 'de'];

function missing(file: string, what: Text): ScenarioError {
  return { file, line: 1, column: 1, path: '', message: what };
}

/** readFrontMatter validates one language's text: its front matter block and the schema. */
function readFrontMatter(text: string, file: string, maxBytes: number): { ok: true; meta: FrontMatter; body: string; source: YamlSource } | { ok: false; errors: ScenarioError[] } {
  const split = splitFrontMatter(text);
  if (!split.ok) return { ok: false, errors: [{ file, line: split.line, column: 1, path: '', message: split.message }] };
  const read = readYamlSource(split.yaml, file, {
    maxBytes,
    empty: { en: 'the front matter is empty: it needs title, level, duration and objectives', de: 'der Vorspann ist leer: er braucht title, level, duration und objectives' },
  });
  if (!read.ok) return read;
  const parsed = FrontMatterSchema.safeParse(read.source.raw);
  if (!parsed.success) return { ok: false, errors: schemaErrors(parsed.error.issues, read.source.raw, read.source) };
  return { ok: true, meta: parsed.data, body: split.body, source: read.source };
}

/** The front matter fields both languages must agree on. */
const SHARED: ('level' | 'duration' | 'order')[] = ['level', 'duration', 'order'];

/** readSteps validates `steps.yaml`, with the scenario's drawn variables put in for `{{name}}`. */
function readSteps(text: string, file: string, maxBytes: number, values: Record<string, VariableValue> | undefined): { ok: true; steps: Step[] } | { ok: false; errors: ScenarioError[] } {
  const read = readYamlSource(text, file, { maxBytes, empty: { en: 'the file is empty: a lesson needs at least one step', de: 'die Datei ist leer: eine Lektion braucht mindestens einen Schritt' } });
  if (!read.ok) return read;
  let doc = read.source.raw;
  if (values) {
    // Each variable becomes a one-value pick, so the scenario's draw is reused as it is.
    const variables = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { pick: [v] }]));
    const resolved = resolveVariables({ variables, steps: doc }, 0);
    if (!resolved.ok) return { ok: false, errors: sortErrors(resolved.errors.map((e) => read.source.at(e.path.slice(1), 'value', e.message))) };
    doc = (resolved.doc as { steps: unknown }).steps;
  }
  const parsed = StepsSchema.safeParse(doc);
  if (!parsed.success) return { ok: false, errors: schemaErrors(parsed.error.issues, doc, read.source) };
  return { ok: true, steps: parsed.data };
}

/**
 * loadLesson validates a lesson's files and returns the lesson for one student's seed, or every
 * problem found in any file, each located by file, line and column. Never throws.
 */
export function loadLesson(id: string, files: LessonFiles, opts: LessonLoadOptions = {}): LessonLoadResult {
  const dir = opts.dir ?? `lessons/${id}`;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const name = (f: string) => `${dir}/${f}`;
  const errors: ScenarioError[] = [];
  const warnings: ScenarioWarning[] = [];
  if (!LESSON_ID.test(id)) {
    errors.push(missing(dir, { en: `'${id}' cannot name a lesson: use lowercase letters, digits and '-', e.g. fix-spf`, de: `'${id}' taugt nicht als Name einer Lektion: Kleinbuchstaben, Ziffern und '-' verwenden, z. B. fix-spf` }));
  }

  const meta: Partial<Record<Lang, FrontMatter>> = {};
  const body: Partial<Record<Lang, string>> = {};
  const sources: Partial<Record<Lang, YamlSource>> = {};
  for (const lang of LANGS) {
    const file = `lesson.${lang}.md` as const;
    const text = files[file];
    if (text === undefined) {
      errors.push(missing(name(file), { en: `${file} is missing: a lesson has its text in English (lesson.en.md) and German (lesson.de.md)`, de: `${file} fehlt: eine Lektion hat ihren Text auf Englisch (lesson.en.md) und Deutsch (lesson.de.md)` }));
      continue;
    }
    const fm = readFrontMatter(text, name(file), maxBytes);
    if (!fm.ok) errors.push(...fm.errors);
    else {
      meta[lang] = fm.meta;
      body[lang] = fm.body;
      sources[lang] = fm.source;
    }
  }
  if (meta.en && meta.de && sources.de) {
    for (const key of SHARED) {
      if (meta.en[key] !== meta.de[key]) {
        const show = (v: unknown) => (v === undefined ? 'nothing' : String(key === 'duration' ? `${Number(v) / 60000}m` : v));
        errors.push(sources.de.at([key], meta.de[key] === undefined ? 'value' : 'key', {
          en: `'${key}' is ${show(meta.de[key])} here but ${show(meta.en[key])} in lesson.en.md; both languages must agree`,
          de: `'${key}' ist hier ${show(meta.de[key])}, in lesson.en.md aber ${show(meta.en[key])}; beide Sprachen müssen übereinstimmen`,
        }));
      }
    }
  }

  const scenarioText = files['scenario.yaml'];
  let scenario: Scenario | undefined;
  let values: Record<string, VariableValue> | undefined;
  if (scenarioText === undefined) {
    errors.push(missing(name('scenario.yaml'), { en: 'scenario.yaml is missing: every lesson runs in a scenario (it may be just a title to use the default world)', de: 'scenario.yaml fehlt: jede Lektion läuft in einem Szenario (ein Titel genügt, um die Standardwelt zu verwenden)' }));
  } else {
    const loaded = loadScenario(scenarioText, name('scenario.yaml'), { seed: opts.seed, maxBytes });
    if (!loaded.ok) errors.push(...loaded.errors);
    else {
      scenario = loaded.scenario;
      values = loaded.values;
      warnings.push(...loaded.warnings);
    }
  }

  const stepsText = files['steps.yaml'];
  let steps: Step[] | undefined;
  if (stepsText === undefined) {
    errors.push(missing(name('steps.yaml'), { en: 'steps.yaml is missing: a lesson needs at least one step', de: 'steps.yaml fehlt: eine Lektion braucht mindestens einen Schritt' }));
  } else {
    const read = readSteps(stepsText, name('steps.yaml'), maxBytes, values);
    if (!read.ok) errors.push(...read.errors);
    else steps = read.steps;
  }

  if (errors.length || !meta.en || !meta.de || !scenario || !steps || scenarioText === undefined) {
    return { ok: false, errors: errors.length ? errors : [missing(dir, { en: 'the lesson could not be read', de: 'die Lektion ließ sich nicht lesen' })] };
  }
  return {
    ok: true,
    lesson: { id, dir, meta: { en: meta.en, de: meta.de }, body: { en: body.en ?? '', de: body.de ?? '' }, steps, scenario, scenarioText, values: values ?? {} },
    warnings,
  };
}
