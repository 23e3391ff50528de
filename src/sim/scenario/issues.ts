/**
 * Plain-language explanations of schema issues: what was expected, what was found, and for an
 * unknown name the closest known one. Issues inside unions are narrowed to the alternative the
 * author most likely meant, so a typo in a check is reported at the typo, not as "invalid input".
 */
import type { z } from 'zod';
import { readHint, type SchemaHint } from './schema-common';
import { didYouMean } from './suggest';
import type { Text } from './text';

/** PathSegment is one step of a path into a scenario: a field name or a list index. */
export type PathSegment = string | number;

/** SchemaProblem is one explained issue: where (a path, and whether the key or the value is at fault) and what. */
export interface SchemaProblem {
  path: PathSegment[];
  /** `key` when the field name itself is wrong (unknown field, bad host name as key). */
  at: 'key' | 'value';
  message: Text;
}

type Issue = z.core.$ZodIssue;

const EXPECTED: Record<string, Text> = {
  string: { en: 'text', de: 'Text' },
  number: { en: 'a number', de: 'eine Zahl' },
  int: { en: 'a whole number', de: 'eine ganze Zahl' },
  boolean: { en: 'true or false', de: 'true oder false' },
  object: { en: 'a mapping (name: value)', de: 'eine Zuordnung (Name: Wert)' },
  record: { en: 'a mapping (name: value)', de: 'eine Zuordnung (Name: Wert)' },
  array: { en: 'a list', de: 'eine Liste' },
  tuple: { en: 'a list', de: 'eine Liste' },
};

/** formatPath prints a path as authors read it: `faults[0].kind`, `hosts['mx1.example.org'].queue`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += (out ? '.' : '') + seg;
    else out += `['${seg.replace(/'/g, "\\'")}']`;
  }
  return out;
}

/** valueAt follows a path into a parsed document; undefined when it leads nowhere. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function quote(s: string): string {
  return `'${s.length > 40 ? s.slice(0, 37) + '...' : s}'`;
}

/** describe says in words what a value is: "the text 'abc'", "a list", "nothing". */
function describe(value: unknown): Text {
  if (value === undefined) return { en: 'nothing', de: 'nichts' };
  if (value === null) return { en: 'an empty value', de: 'ein leerer Wert' };
  if (typeof value === 'string') return { en: `the text ${quote(value)}`, de: `der Text ${quote(value)}` };
  if (typeof value === 'number') return { en: `the number ${value}`, de: `die Zahl ${value}` };
  if (typeof value === 'boolean') return { en: String(value), de: String(value) };
  if (Array.isArray(value)) return { en: 'a list', de: 'eine Liste' };
  return { en: 'a mapping', de: 'eine Zuordnung' };
}

function expectedText(expected: string, h: SchemaHint | undefined): Text {
  if (h?.fields) return { en: `a mapping with the fields ${h.fields.join(', ')}`, de: `eine Zuordnung mit den Feldern ${h.fields.join(', ')}` };
  return EXPECTED[expected] ?? { en: expected, de: expected };
}

function unknownValue(value: unknown, values: readonly string[], h: SchemaHint | undefined): Text {
  const noun = h?.noun ?? { en: 'value', de: 'Wert' };
  const known = h?.known ?? { en: 'Allowed', de: 'Erlaubt' };
  const list = values.join(', ');
  if (typeof value !== 'string') {
    return { en: `expected one of ${list}, found ${describe(value).en}`, de: `erwartet wird eines von ${list}, gefunden: ${describe(value).de}` };
  }
  const mean = didYouMean(value, values);
  return { en: `unknown ${noun.en} ${quote(value)}${mean.en} ${known.en}: ${list}`, de: `${quote(value)} gibt es nicht als ${noun.de}${mean.de} ${known.de}: ${list}` };
}

function sizeText(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): Text {
  const small = issue.code === 'too_small';
  const limit = Number(small ? (issue as { minimum: unknown }).minimum : (issue as { maximum: unknown }).maximum);
  const inclusive = issue.inclusive !== false;
  if (issue.origin === 'array' || issue.origin === 'set') {
    return small ? { en: `needs at least ${limit} ${limit === 1 ? 'entry' : 'entries'}`, de: `braucht mindestens ${limit} ${limit === 1 ? 'Eintrag' : 'Einträge'}` } : { en: `allows at most ${limit} entries`, de: `erlaubt höchstens ${limit} Einträge` };
  }
  if (issue.origin === 'string') {
    if (small && limit === 1) return { en: 'must not be empty', de: 'darf nicht leer sein' };
    return small ? { en: `needs at least ${limit} characters`, de: `braucht mindestens ${limit} Zeichen` } : { en: `allows at most ${limit} characters`, de: `erlaubt höchstens ${limit} Zeichen` };
  }
  if (small) return inclusive ? { en: `must be at least ${limit}`, de: `muss mindestens ${limit} sein` } : { en: `must be more than ${limit}`, de: `muss größer als ${limit} sein` };
  return inclusive ? { en: `must be at most ${limit}`, de: `darf höchstens ${limit} sein` } : { en: `must be less than ${limit}`, de: `muss kleiner als ${limit} sein` };
}

function formatText(issue: Extract<Issue, { code: 'invalid_format' }>, value: unknown): Text {
  if (issue.format === 'datetime') return { en: `expected a date and time such as 2026-11-27T09:00:00Z, found ${describe(value).en}`, de: `erwartet wird Datum und Uhrzeit wie 2026-11-27T09:00:00Z, gefunden: ${describe(value).de}` };
  return { en: `${describe(value).en} does not have the expected form (${issue.format})`, de: `${describe(value).de} hat nicht die erwartete Form (${issue.format})` };
}

/** mismatch says that a field is missing, or what was expected instead of what was found. */
function mismatch(expected: Text, value: unknown, path: readonly PathSegment[]): Text {
  if (value === undefined && path.length > 0) {
    const field = String(path[path.length - 1]);
    return { en: `'${field}' is missing: expected ${expected.en}`, de: `'${field}' fehlt: erwartet wird ${expected.de}` };
  }
  return { en: `expected ${expected.en}, found ${describe(value).en}`, de: `erwartet wird ${expected.de}, gefunden: ${describe(value).de}` };
}

/** Rates how badly one alternative of a union fits: Infinity for the wrong shape altogether, more for unknown or missing fields than for a wrong value inside. */
function branchScore(errors: readonly Issue[], input: unknown): number {
  let score = 0;
  for (const e of errors) {
    if (e.path.length === 0 && e.code === 'invalid_type') return Infinity;
    if (e.path.length === 0 && e.code === 'unrecognized_keys') score += 100 * e.keys.length;
    else if (e.path.length === 0 && e.code === 'invalid_value') score += 100;
    else if (e.path.length === 1 && valueAt(input, e.path) === undefined) score += 10;
    else score += 1;
  }
  return score;
}

function explainUnion(issue: Extract<Issue, { code: 'invalid_union' }>, path: PathSegment[], root: unknown, h: SchemaHint | undefined): SchemaProblem[] {
  const value = valueAt(root, path);
  if ('note' in issue && issue.note === 'No matching discriminator') {
    const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
    if (value === undefined) {
      const field = String(path[path.length - 1]);
      return [{ path, at: 'value', message: { en: `'${field}' is missing: expected one of ${options.join(', ')}`, de: `'${field}' fehlt: erwartet wird eines von ${options.join(', ')}` } }];
    }
    return [{ path, at: 'value', message: unknownValue(value, options, h) }];
  }
  if (h?.text) {
    const field = String(path[path.length - 1]);
    const missing = value === undefined && path.length > 0;
    return [{ path, at: 'value', message: missing ? { en: `'${field}' is missing: ${h.text.en}`, de: `'${field}' fehlt: ${h.text.de}` } : h.text }];
  }
  if (issue.errors.length === 0) return [{ path, at: 'value', message: { en: `${describe(value).en} does not fit here`, de: `${describe(value).de} passt hier nicht` } }];
  const scores = issue.errors.map((errs) => branchScore(errs, value));
  const best = Math.min(...scores);
  if (best === Infinity) {
    const roots = issue.errors.map((errs) => errs.find((e) => e.path.length === 0 && e.code === 'invalid_type') as { expected: string; message: string } | undefined);
    const firstFields = roots.map((r) => (r ? readHint(r.message)?.fields?.[0] : undefined));
    let expected: Text;
    if (firstFields.every((f) => f !== undefined)) {
      // Every alternative is a mapping told apart by its first field (as checks are).
      expected = { en: `a mapping with one of the fields ${firstFields.join(', ')}`, de: `eine Zuordnung mit einem der Felder ${firstFields.join(', ')}` };
    } else {
      const wanted = roots.map((r) => (r ? expectedText(r.expected, readHint(r.message)) : { en: '?', de: '?' }));
      expected = { en: [...new Set(wanted.map((w) => w.en))].join(' or '), de: [...new Set(wanted.map((w) => w.de))].join(' oder ') };
    }
    return [{ path, at: 'value', message: mismatch(expected, value, path) }];
  }
  const winners = scores.filter((s) => s === best).length;
  if (winners > 1 && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = issue.errors.flatMap((errs) => errs.filter((e) => e.path.length >= 1 && valueAt(value, [e.path[0]]) === undefined).map((e) => String(e.path[0])));
    const choices = [...new Set(keys)].join(', ');
    const first = Object.keys(value).find((k) => !keys.includes(k));
    if (first === undefined) {
      return [{ path, at: 'value', message: { en: `expected one of the fields ${choices}`, de: `erwartet wird eines der Felder ${choices}` } }];
    }
    const mean = didYouMean(first, keys);
    return [{ path: [...path, first], at: 'key', message: { en: `unknown field '${first}'${mean.en} Expected one of the fields ${choices}`, de: `unbekanntes Feld '${first}'${mean.de} Erwartet wird eines der Felder ${choices}` } }];
  }
  const chosen = issue.errors[scores.indexOf(best)];
  return chosen.flatMap((e) => explainIssue(e, path, root));
}

/** explainIssue turns one zod issue (at `base` + its own path) into problems an author can act on. */
export function explainIssue(issue: Issue, base: PathSegment[], root: unknown): SchemaProblem[] {
  const path = [...base, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
  const h = readHint(issue.message);
  const value = valueAt(root, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const mean = didYouMean(key, h?.fields ?? []);
        const list = h?.fields ? { en: ` Allowed fields here: ${h.fields.join(', ')}`, de: ` Hier erlaubte Felder: ${h.fields.join(', ')}` } : { en: '', de: '' };
        return { path: [...path, key], at: 'key', message: { en: `unknown field '${key}'${mean.en}${list.en}`, de: `unbekanntes Feld '${key}'${mean.de}${list.de}` } };
      });
    case 'invalid_type':
      return [{ path, at: 'value', message: mismatch(expectedText(issue.expected, h), value, path) }];
    case 'invalid_value': {
      if (issue.values.length === 1) {
        const v = String(issue.values[0]);
        return [{ path, at: 'value', message: { en: `expected '${v}', found ${describe(value).en}`, de: `erwartet wird '${v}', gefunden: ${describe(value).de}` } }];
      }
      return [{ path, at: 'value', message: unknownValue(value, issue.values.map(String), h) }];
    }
    case 'invalid_union':
      return explainUnion(issue, path, root, h);
    case 'invalid_key': {
      const inner = issue.issues.map((i) => readHint(i.message)?.text).find((t) => t !== undefined);
      const key = String(path[path.length - 1]);
      return [{ path, at: 'key', message: inner ?? { en: `'${key}' is not allowed as a name here`, de: `'${key}' ist hier als Name nicht erlaubt` } }];
    }
    case 'too_small':
    case 'too_big':
      return [{ path, at: 'value', message: sizeText(issue) }];
    case 'invalid_format':
      return [{ path, at: 'value', message: h?.text ?? formatText(issue, value) }];
    default:
      return [{ path, at: h?.at ?? 'value', message: h?.text ?? { en: issue.message, de: issue.message } }];
  }
}
