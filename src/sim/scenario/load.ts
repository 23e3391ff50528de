/**
 * Loading a scenario file: YAML (or JSON, which is YAML 1.2 too) → variables drawn and
 * substituted → validated against the one schema. Every problem comes back as a value naming the
 * file, line, column and path and saying, in English and German, what was expected. Never throws.
 */
import { lintScenario } from './lint';
import { ScenarioSchema, type Scenario } from './schema';
import type { Lang, Text } from './text';
import { resolveVariables, type VariableValue } from './variables';
import { readYamlSource, schemaErrors, sortErrors } from './yaml-source';

/** ScenarioError is one located problem in a scenario file (1-based line and column). */
export interface ScenarioError {
  file: string;
  line: number;
  column: number;
  /** Where in the scenario, e.g. `faults[0].kind`; empty for the file as a whole. */
  path: string;
  message: Text;
}

/** ScenarioWarning is a located remark about a valid scenario. */
export type ScenarioWarning = ScenarioError;

/** LoadResult is a validated scenario with its warnings and drawn variables, or the errors. */
export type LoadResult =
  | { ok: true; scenario: Scenario; warnings: ScenarioWarning[]; values: Record<string, VariableValue> }
  | { ok: false; errors: ScenarioError[] };

/** LoadOptions tune loadScenario: the size limit, and the seed or random source that draws the variables. */
export interface LoadOptions {
  /** Largest accepted input in UTF-8 bytes (default 256 KiB). */
  maxBytes?: number;
  /** Seed for the variables (a student's variant); default the scenario's own `seed`. */
  seed?: number;
  random?: () => number;
}

/** DEFAULT_MAX_BYTES: the size limit of a scenario file (256 KiB). */
export const DEFAULT_MAX_BYTES = 256 * 1024;

const EMPTY: Text = { en: 'the file is empty: a scenario needs at least a title', de: 'die Datei ist leer: ein Szenario braucht mindestens einen Titel' };

/** formatScenarioError prints one error as `file:line:column: path: message` in `lang`. */
export function formatScenarioError(e: ScenarioError, lang: Lang): string {
  return `${e.file}:${e.line}:${e.column}: ${e.path ? e.path + ': ' : ''}${e.message[lang]}`;
}

/**
 * loadScenario reads a scenario from YAML or JSON text and validates it. It returns the scenario
 * with defaults filled in, or every error located by file, line, column and path. Never throws.
 */
export function loadScenario(text: string, file = 'scenario.yaml', opts: LoadOptions = {}): LoadResult {
  const read = readYamlSource(text, file, { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES, empty: EMPTY });
  if (!read.ok) return read;
  const { raw, at } = read.source;

  const docSeed = (raw as { seed?: unknown }).seed;
  const seed = opts.seed ?? (Number.isSafeInteger(docSeed) ? (docSeed as number) : 1);
  const resolved = resolveVariables(raw, seed, opts.random);
  if (!resolved.ok) return { ok: false, errors: sortErrors(resolved.errors.map((e) => at(e.path, 'value', e.message))) };

  try {
    const parsed = ScenarioSchema.safeParse(resolved.doc);
    if (parsed.success) {
      const warnings = lintScenario(parsed.data, resolved.unused).map((w) => at(w.path, 'value', w.message));
      return { ok: true, scenario: parsed.data, warnings: sortErrors(warnings), values: resolved.values };
    }
    return { ok: false, errors: schemaErrors(parsed.error.issues, resolved.doc, read.source) };
  } catch (e) {
    // A bug in a refinement must not take the editor down; report it like any other problem.
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [at([], 'value', { en: `the scenario could not be checked: ${detail}`, de: `das Szenario konnte nicht geprüft werden: ${detail}` })] };
  }
}
