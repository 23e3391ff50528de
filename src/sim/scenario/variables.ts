/**
 * Per-student variables: `variables: { busyHost: { pick: [mx1.example.org, mx2.example.org] } }`
 * draws one value per student from the seed, and `{{busyHost}}` anywhere in the scenario's text
 * becomes that value. Same seed, same values; another seed, (usually) another variant.
 */
import type { PathSegment } from './issues';
import { VARIABLE_NAME } from './schema';
import { didYouMean } from './suggest';
import type { Text } from './text';

/** VariableValue is what a variable stands for. */
export type VariableValue = string | number | boolean;

/** VariableProblem is a variable that cannot be resolved, with where it was used. */
export interface VariableProblem {
  path: PathSegment[];
  message: Text;
}

/** VariablesResult is the document with every `{{name}}` replaced, the values drawn and the names never used; or the problems. */
export type VariablesResult =
  | { ok: true; doc: unknown; values: Record<string, VariableValue>; unused: string[] }
  | { ok: false; errors: VariableProblem[] };

/** mulberry32 returns a seeded source of floats in [0, 1): small, fast and the same everywhere. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Variables get their own stream, so drawing them never shifts the world's random numbers. */
const VARIABLE_STREAM = 0x5eed_0a7a;

const PLACEHOLDER = /\{\{\s*([^{}\s]*)\s*\}\}/g;

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isScalar(v: unknown): v is VariableValue {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** Draws the pick and range variables; definitions that are not valid are left to the schema to report. */
function draw(defs: Record<string, unknown>, random: () => number): Map<string, VariableValue> {
  const values = new Map<string, VariableValue>();
  for (const [name, def] of Object.entries(defs)) {
    if (!VARIABLE_NAME.test(name) || !isRecord(def) || Object.keys(def).length !== 1) continue;
    if (Array.isArray(def.pick) && def.pick.length > 0 && def.pick.every(isScalar)) {
      values.set(name, def.pick[Math.min(def.pick.length - 1, Math.floor(random() * def.pick.length))]);
    } else if (Array.isArray(def.range) && def.range.length === 2 && def.range.every(Number.isSafeInteger) && def.range[0] <= def.range[1]) {
      const [min, max] = def.range as [number, number];
      values.set(name, min + Math.min(max - min, Math.floor(random() * (max - min + 1))));
    }
  }
  return values;
}

/**
 * resolveVariables draws every variable of a parsed scenario document from `seed` (or from
 * `random`, when given) and substitutes `{{name}}` in every string outside `variables`. A string
 * that is only `{{name}}` takes the value's type (a number stays a number). Never throws.
 */
export function resolveVariables(rawDoc: unknown, seed: number, random?: () => number): VariablesResult {
  if (!isRecord(rawDoc) || !isRecord(rawDoc.variables)) return { ok: true, doc: rawDoc, values: {}, unused: [] };
  const defs = rawDoc.variables;
  const values = draw(defs, random ?? mulberry32((seed ^ VARIABLE_STREAM) >>> 0));
  const errors: VariableProblem[] = [];
  const used = new Set<string>();
  const names = Object.keys(defs);

  const unknown = (name: string, path: PathSegment[]): void => {
    const mean = didYouMean(name, names);
    const list = names.length ? names.join(', ') : '—';
    errors.push({
      path,
      message: {
        en: `unknown variable '${name}'${mean.en} Defined variables: ${list}`,
        de: `unbekannte Variable '${name}'${mean.de} Definierte Variablen: ${list}`,
      },
    });
  };

  // Templates may use other variables, templates included; resolve them in dependency order.
  const resolving = new Set<string>();
  const template = (name: string): VariableValue | undefined => {
    if (values.has(name)) return values.get(name);
    const def = defs[name];
    if (!isRecord(def) || typeof def.template !== 'string' || Object.keys(def).length !== 1) return undefined;
    const path: PathSegment[] = ['variables', name, 'template'];
    if (resolving.has(name)) {
      errors.push({ path, message: { en: `the template of '${name}' uses itself (through ${[...resolving].join(' → ')})`, de: `die Vorlage von '${name}' verwendet sich selbst (über ${[...resolving].join(' → ')})` } });
      return undefined;
    }
    resolving.add(name);
    const text = def.template.replace(PLACEHOLDER, (whole, ref: string) => {
      used.add(ref);
      if (!(ref in defs)) {
        unknown(ref, path);
        return whole;
      }
      const v = template(ref);
      return v === undefined ? whole : String(v);
    });
    resolving.delete(name);
    values.set(name, text);
    return text;
  };
  for (const name of names) template(name);

  const substitute = (node: unknown, path: PathSegment[], depth: number): unknown => {
    if (typeof node === 'string') {
      if (!node.includes('{{')) return node;
      const whole = /^\{\{\s*([^{}\s]*)\s*\}\}$/.exec(node);
      if (whole) {
        used.add(whole[1]);
        const v = values.get(whole[1]);
        if (v === undefined && !(whole[1] in defs)) unknown(whole[1], path);
        return v ?? node;
      }
      return node.replace(PLACEHOLDER, (all, name: string) => {
        used.add(name);
        const v = values.get(name);
        if (v === undefined && !(name in defs)) unknown(name, path);
        return v === undefined ? all : String(v);
      });
    }
    if (depth > 64 || node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map((item, i) => substitute(item, [...path, i], depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const next = depth === 0 && key === 'variables' ? value : substitute(value, [...path, key], depth + 1);
      Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  const doc = substitute(rawDoc, [], 0);
  if (errors.length) return { ok: false, errors };
  return { ok: true, doc, values: Object.fromEntries(values), unused: names.filter((n) => !used.has(n)) };
}
