/**
 * Loading a scenario file: YAML (or JSON, which is YAML 1.2 too) → variables drawn and
 * substituted → validated against the one schema. Every problem comes back as a value naming the
 * file, line, column and path and saying, in English and German, what was expected. Never throws.
 */
import { isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import { explainIssue, formatPath, type PathSegment, type SchemaProblem } from './issues';
import { lintScenario } from './lint';
import { ScenarioSchema, type Scenario } from './schema';
import type { Lang, Text } from './text';
import { resolveVariables, type VariableValue } from './variables';

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

const MAX_DEPTH = 64;

/** formatScenarioError prints one error as `file:line:column: path: message` in `lang`. */
export function formatScenarioError(e: ScenarioError, lang: Lang): string {
  return `${e.file}:${e.line}:${e.column}: ${e.path ? e.path + ': ' : ''}${e.message[lang]}`;
}

const YAML_CODES: Partial<Record<YAMLError['code'], Text>> = {
  BAD_INDENT: { en: 'the indentation does not fit here: line the entry up with the fields it belongs to', de: 'die Einrückung passt hier nicht: den Eintrag an den Feldern ausrichten, zu denen er gehört' },
  TAB_AS_INDENT: { en: 'tabs are not allowed for indentation: indent with spaces', de: 'Tabulatoren sind zum Einrücken nicht erlaubt: mit Leerzeichen einrücken' },
  DUPLICATE_KEY: { en: 'this field appears twice in the same mapping', de: 'dieses Feld kommt in derselben Zuordnung zweimal vor' },
  MISSING_CHAR: { en: 'a closing character is missing (a quote, ] or })', de: 'ein schließendes Zeichen fehlt (ein Anführungszeichen, ] oder })' },
  MULTIPLE_DOCS: { en: "the file holds more than one YAML document (a second '---'); a scenario is one document", de: "die Datei enthält mehr als ein YAML-Dokument (ein zweites '---'); ein Szenario ist ein Dokument" },
  BAD_ALIAS: { en: 'an alias (*name) refers to an anchor (&name) that is not defined before it', de: 'ein Alias (*name) verweist auf einen Anker (&name), der vorher nicht definiert ist' },
  RESOURCE_EXHAUSTION: { en: 'the file nests too deeply or its aliases expand to too much data', de: 'die Datei ist zu tief verschachtelt, oder ihre Aliase ergeben zu viele Daten' },
};

function yamlError(file: string, e: YAMLError, lc: LineCounter): ScenarioError {
  const pos = e.linePos?.[0] ?? lc.linePos(e.pos[0]);
  const detail = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const plain = YAML_CODES[e.code];
  return {
    file,
    line: Math.max(1, pos.line),
    column: Math.max(1, pos.col),
    path: '',
    message: plain
      ? { en: `${plain.en} (YAML: ${detail})`, de: `${plain.de} (YAML: ${detail})` }
      : { en: `YAML syntax error: ${detail}`, de: `YAML-Syntaxfehler: ${detail}` },
  };
}

/** Finds the line and column of a path in the YAML document: the key or value itself, or the nearest enclosing node. */
function locate(doc: Document, lc: LineCounter, path: readonly PathSegment[], at: 'key' | 'value'): { line: number; column: number } {
  let node: unknown = doc.contents;
  let offset = (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
      if (!pair) break;
      const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range;
      const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
      if (last && at === 'key' && keyRange) {
        offset = keyRange[0];
        break;
      }
      offset = valueRange?.[0] ?? keyRange?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      node = node.items[seg];
      offset = (node as { range?: [number, number, number] } | null)?.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  const pos = lc.linePos(offset);
  return { line: Math.max(1, pos.line), column: Math.max(1, pos.col) };
}

const COLLECTION_KEY: Text = {
  en: 'a mapping or list stands where a field name or text belongs; text with {{variables}} must be quoted: "{{name}}"',
  de: 'eine Zuordnung oder Liste steht, wo ein Feldname oder Text hingehört; Text mit {{Variablen}} muss in Anführungszeichen stehen: "{{name}}"',
};

/** Finds a mapping key that is itself a mapping or list (as unquoted `{{name}}` becomes) and returns its offset. */
function findCollectionKey(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isCollection(pair.key)) {
        offset = pair.key.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
}

/** Checks what the schema cannot: nesting depth (for the validators' stacks) and a `__proto__` key. */
function shapeProblem(value: unknown): { path: PathSegment[]; message: Text } | undefined {
  const stack: [unknown, PathSegment[]][] = [[value, []]];
  while (stack.length) {
    const [node, path] = stack.pop() as [unknown, PathSegment[]];
    if (node === null || typeof node !== 'object') continue;
    if (path.length > MAX_DEPTH) {
      return { path, message: { en: `the file nests deeper than ${MAX_DEPTH} levels`, de: `die Datei ist tiefer als ${MAX_DEPTH} Ebenen verschachtelt` } };
    }
    for (const [key, child] of Object.entries(node)) {
      const seg: PathSegment = Array.isArray(node) ? Number(key) : key;
      if (key === '__proto__') {
        return { path: [...path, seg], message: { en: `'${key}' is not allowed as a field name`, de: `'${key}' ist als Feldname nicht erlaubt` } };
      }
      stack.push([child, [...path, seg]]);
    }
  }
  return undefined;
}

/**
 * loadScenario reads a scenario from YAML or JSON text and validates it. It returns the scenario
 * with defaults filled in, or every error located by file, line, column and path. Never throws.
 */
export function loadScenario(text: string, file = 'scenario.yaml', opts: LoadOptions = {}): LoadResult {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const bytes = text.length > maxBytes ? text.length : new TextEncoder().encode(text).length;
  if (bytes > maxBytes) {
    const kib = (n: number) => (n / 1024).toFixed(n % 1024 === 0 ? 0 : 1);
    return {
      ok: false,
      errors: [{ file, line: 1, column: 1, path: '', message: { en: `the file is too large: ${kib(bytes)} KiB, the limit is ${kib(maxBytes)} KiB`, de: `die Datei ist zu groß: ${kib(bytes)} KiB, die Grenze liegt bei ${kib(maxBytes)} KiB` } }],
    };
  }
  const lc = new LineCounter();
  let doc: Document;
  let raw: unknown;
  try {
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true, logLevel: 'error' });
    if (doc.errors.length) return { ok: false, errors: doc.errors.map((e) => yamlError(file, e, lc)) };
    const collectionKey = findCollectionKey(doc);
    if (collectionKey !== undefined) {
      const pos = lc.linePos(collectionKey);
      return { ok: false, errors: [{ file, line: Math.max(1, pos.line), column: Math.max(1, pos.col), path: '', message: COLLECTION_KEY }] };
    }
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { ok: false, errors: [{ file, line: 1, column: 1, path: '', message: { en: `the file cannot be read as YAML: ${detail}`, de: `die Datei lässt sich nicht als YAML lesen: ${detail}` } }] };
  }
  const at = (path: PathSegment[], where: 'key' | 'value', message: Text): ScenarioError => ({ file, ...locate(doc, lc, path, where), path: formatPath(path), message });

  if (raw === null || raw === undefined) {
    return { ok: false, errors: [{ file, line: 1, column: 1, path: '', message: { en: 'the file is empty: a scenario needs at least a title', de: 'die Datei ist leer: ein Szenario braucht mindestens einen Titel' } }] };
  }
  const shape = shapeProblem(raw);
  if (shape) return { ok: false, errors: [at(shape.path, 'key', shape.message)] };

  const docSeed = (raw as { seed?: unknown }).seed;
  const seed = opts.seed ?? (Number.isSafeInteger(docSeed) ? (docSeed as number) : 1);
  const resolved = resolveVariables(raw, seed, opts.random);
  if (!resolved.ok) return { ok: false, errors: sortErrors(resolved.errors.map((e) => at(e.path, 'value', e.message))) };

  let problems: SchemaProblem[];
  try {
    const parsed = ScenarioSchema.safeParse(resolved.doc);
    if (parsed.success) {
      const warnings = lintScenario(parsed.data, resolved.unused).map((w) => at(w.path, 'value', w.message));
      return { ok: true, scenario: parsed.data, warnings: sortErrors(warnings), values: resolved.values };
    }
    problems = parsed.error.issues.flatMap((issue) => explainIssue(issue, [], resolved.doc));
  } catch (e) {
    // A bug in a refinement must not take the editor down; report it like any other problem.
    const detail = e instanceof Error ? e.message : String(e);
    problems = [{ path: [], at: 'value', message: { en: `the scenario could not be checked: ${detail}`, de: `das Szenario konnte nicht geprüft werden: ${detail}` } }];
  }
  return { ok: false, errors: sortErrors(dedupe(problems.map((p) => at(p.path, p.at, p.message)))) };
}

function dedupe(errors: ScenarioError[]): ScenarioError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.line}:${e.column}:${e.path}:${e.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortErrors(errors: ScenarioError[]): ScenarioError[] {
  return errors.sort((a, b) => a.line - b.line || a.column - b.column);
}
