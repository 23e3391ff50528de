/**
 * Reading a YAML file for validation: the size limit, YAML syntax errors in plain language, the
 * shape checks a schema cannot make, and the way back from a path in the parsed value to the line
 * and column it came from. The scenario loader and the lesson loader share it, so every file an
 * author writes is explained the same way. Never throws.
 */
import { isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import { explainIssue, formatPath, type PathSegment, type SchemaProblem } from './issues';
import type { ScenarioError } from './load';
import type { Text } from './text';
import type { z } from 'zod';

/** YamlSource is a parsed YAML file: its plain value, and `at` to locate a path in it as an error. */
export interface YamlSource {
  raw: unknown;
  /** at builds a located error for a path: on the field name (`key`) or on its value. */
  at(path: PathSegment[], where: 'key' | 'value', message: Text): ScenarioError;
}

/** YamlSourceResult is the parsed source, or the located errors that stopped it. */
export type YamlSourceResult = { ok: true; source: YamlSource } | { ok: false; errors: ScenarioError[] };

/** ReadYamlOptions: the size limit and the message for an empty file. */
export interface ReadYamlOptions {
  maxBytes: number;
  /** What to say when the file holds nothing; an empty file is accepted (raw null) when absent. */
  empty?: Text;
}

const MAX_DEPTH = 64;

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

/** Checks what a schema cannot: nesting depth (for the validators' stacks) and a `__proto__` key. */
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

/** tooLarge says a file exceeds the size limit, or returns undefined when it fits. */
function tooLarge(text: string, file: string, maxBytes: number): ScenarioError | undefined {
  const bytes = text.length > maxBytes ? text.length : new TextEncoder().encode(text).length;
  if (bytes <= maxBytes) return undefined;
  const kib = (n: number) => (n / 1024).toFixed(n % 1024 === 0 ? 0 : 1);
  return { file, line: 1, column: 1, path: '', message: { en: `the file is too large: ${kib(bytes)} KiB, the limit is ${kib(maxBytes)} KiB`, de: `die Datei ist zu groß: ${kib(bytes)} KiB, die Grenze liegt bei ${kib(maxBytes)} KiB` } };
}

/**
 * readYamlSource parses YAML (or JSON) text: it enforces the size limit, explains syntax errors,
 * unquoted `{{name}}` keys, too-deep nesting and `__proto__` keys, and returns the plain value with
 * a way to locate any path in it. Never throws.
 */
export function readYamlSource(text: string, file: string, opts: ReadYamlOptions): YamlSourceResult {
  const large = tooLarge(text, file, opts.maxBytes);
  if (large) return { ok: false, errors: [large] };
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
  if ((raw === null || raw === undefined) && opts.empty) return { ok: false, errors: [{ file, line: 1, column: 1, path: '', message: opts.empty }] };
  const shape = shapeProblem(raw);
  if (shape) return { ok: false, errors: [at(shape.path, 'key', shape.message)] };
  return { ok: true, source: { raw: raw ?? null, at } };
}

/**
 * schemaErrors explains a schema's issues over `root` and locates each in the source: sorted by
 * position, repeats removed. A bug in a refinement is reported like any other problem.
 */
export function schemaErrors(issues: readonly z.core.$ZodIssue[], root: unknown, source: YamlSource): ScenarioError[] {
  let problems: SchemaProblem[];
  try {
    problems = issues.flatMap((issue) => explainIssue(issue, [], root));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    problems = [{ path: [], at: 'value', message: { en: `the file could not be checked: ${detail}`, de: `die Datei konnte nicht geprüft werden: ${detail}` } }];
  }
  return sortErrors(dedupe(problems.map((p) => source.at(p.path, p.at, p.message))));
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

/** sortErrors orders located errors by line, then column (in place), and returns them. */
export function sortErrors(errors: ScenarioError[]): ScenarioError[] {
  return errors.sort((a, b) => a.line - b.line || a.column - b.column);
}
