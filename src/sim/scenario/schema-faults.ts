/**
 * A fault in a scenario: a catalogue kind applied to a target, from a time or on an event, for a
 * while or a number of times, with the kind's parameters (given under `params` or directly on the
 * fault: `{ kind: greylist, target: mx2.example.org, attempts: 1 }`).
 */
import { z } from 'zod';
import { parseDuration } from './duration';
import type { FaultDef, FaultParam, FaultParamValue } from './fault-def';
import { FAULT_KINDS, faultDef, parseLinkName, type FaultKind } from './fault-catalogue';
import { isAddress, isHostName } from './names';
import { closedObject, DurationSchema, fail, hint, IdSchema, named, ScalarSchema } from './schema-common';
import { didYouMean } from './suggest';
import type { Text } from './text';

/** SMTP_STAGES: the moments of an SMTP session a fault can strike at (`on: { event: DATA }`). */
export const SMTP_STAGES = ['connect', 'greeting', 'EHLO', 'STARTTLS', 'AUTH', 'MAIL', 'RCPT', 'DATA', 'end-of-data'] as const;

/** SmtpStage is one of SMTP_STAGES. */
export type SmtpStage = (typeof SMTP_STAGES)[number];

/** FaultTriggerSchema starts a fault on an event: the nth delivery attempt, an SMTP stage, or both. */
export const FaultTriggerSchema = closedObject({
  attempt: z.int().min(1).optional().describe('Strike on this delivery attempt to the target (1 = the first).'),
  event: named(SMTP_STAGES, { en: 'SMTP stage', de: 'SMTP-Phase' }).optional().describe('Strike when the session reaches this stage.'),
}).superRefine((t, ctx) => {
  if (t.attempt === undefined && t.event === undefined) fail(ctx, { en: 'name an attempt, an event, or both', de: 'einen Versuch, ein Ereignis oder beides angeben' });
});

const FAULT_FIELDS = ['id', 'kind', 'target', 'from', 'on', 'for', 'count', 'params'];

/** FaultSpec is a fault as the world applies it: durations in ms, every parameter filled in. */
export interface FaultSpec {
  id?: string;
  kind: FaultKind;
  target: string;
  /** Start time in ms; set (0 by default) unless the fault starts `on` an event. */
  from?: number;
  on?: { attempt?: number; event?: SmtpStage };
  /** How long it lasts in ms; forever when absent. */
  for?: number;
  /** How many times it strikes; unlimited when absent. */
  count?: number;
  params: Record<string, FaultParamValue>;
}

/** coerceParam reads one parameter value (from a file or a CLI string), or returns a message. */
function coerceParam(p: FaultParam, value: unknown): FaultParamValue | Text {
  const s = typeof value === 'string' ? value.trim() : undefined;
  switch (p.type) {
    case 'duration': {
      const ms = typeof value === 'number' || s !== undefined ? parseDuration(s ?? (value as number)) : { error: { en: 'expected a duration', de: 'erwartet wird eine Zeitdauer' } };
      return typeof ms === 'number' ? ms : ms.error;
    }
    case 'integer':
    case 'number': {
      const n = typeof value === 'number' ? value : s !== undefined && s !== '' ? Number(s) : NaN;
      const whole = p.type === 'integer';
      if (!Number.isFinite(n) || (whole && !Number.isInteger(n))) return whole ? { en: 'expected a whole number', de: 'erwartet wird eine ganze Zahl' } : { en: 'expected a number', de: 'erwartet wird eine Zahl' };
      if (p.min !== undefined && n < p.min) return { en: `must be at least ${p.min}`, de: `muss mindestens ${p.min} sein` };
      if (p.max !== undefined && n > p.max) return { en: `must be at most ${p.max}`, de: `darf höchstens ${p.max} sein` };
      return n;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (s === 'true' || s === 'false') return s === 'true';
      return { en: 'expected true or false', de: 'erwartet wird true oder false' };
    case 'enum': {
      const v = String(value);
      if (p.values?.includes(v)) return v;
      const mean = didYouMean(v, p.values ?? []);
      const list = (p.values ?? []).join(', ');
      return {
        en: `'${v}' is not allowed${mean.en} Allowed: ${list}`,
        de: `'${v}' ist nicht erlaubt${mean.de} Erlaubt: ${list}`,
      };
    }
    case 'string':
      return typeof value === 'object' ? { en: 'expected text', de: 'erwartet wird Text' } : String(value);
  }
}

/** targetProblem says why a target cannot name what the kind targets, or undefined when its form fits. */
function targetProblem(def: FaultDef, target: string): Text | undefined {
  switch (def.targetKind) {
    case 'link':
      return parseLinkName(target) ? undefined : { en: `a '${def.kind}' fault targets a link, written 'host-a<->host-b'`, de: `ein '${def.kind}'-Fehler zielt auf eine Verbindung, geschrieben 'rechner-a<->rechner-b'` };
    case 'account':
    case 'address':
      return isAddress(target) ? undefined : { en: `a '${def.kind}' fault targets a mail address, e.g. bob@example.org`, de: `ein '${def.kind}'-Fehler zielt auf eine Mailadresse, z. B. bob@example.org` };
    default:
      return isHostName(target) ? undefined : { en: `a '${def.kind}' fault targets a ${def.targetKind === 'zone' || def.targetKind === 'dns-name' ? 'DNS name' : 'host'}, e.g. mx1.example.org`, de: `ein '${def.kind}'-Fehler zielt auf einen ${def.targetKind === 'zone' || def.targetKind === 'dns-name' ? 'DNS-Namen' : 'Rechner'}, z. B. mx1.example.org` };
  }
}

/** FaultSchema validates one fault against the catalogue and yields a FaultSpec. */
export const FaultSchema = z
  .object({
    id: IdSchema.optional().describe('A name for the fault, so an action can clear it.'),
    kind: named(FAULT_KINDS, { en: 'fault kind', de: 'Fehlerart' }, { en: 'Known kinds', de: 'Bekannte Arten' }).describe('The fault, from the catalogue.'),
    target: z.string().min(1).describe('What it hits: a host, a link (a<->b), an account or address, a DNS name or zone, depending on the kind.'),
    from: DurationSchema.optional().describe('When it starts (default: at once).'),
    on: FaultTriggerSchema.optional().describe('Start on an event instead of a time.'),
    for: DurationSchema.optional().describe('How long it lasts (default: until the end).'),
    count: z.int().min(1).optional().describe('How many times it strikes (default: every time).'),
    params: z.record(z.string(), ScalarSchema).optional().describe("The kind's parameters (they may also be written directly on the fault)."),
  }, { error: (iss) => (iss.code === 'invalid_type' ? hint({ fields: FAULT_FIELDS }) : undefined) })
  .catchall(ScalarSchema)
  .superRefine((f, ctx) => {
    const def = faultDef(f.kind);
    if (!def) return;
    const names = def.params.map((p) => p.name);
    if (f.from !== undefined && f.on !== undefined) {
      fail(ctx, { en: "give either 'from' (a time) or 'on' (an event), not both", de: "entweder 'from' (eine Zeit) oder 'on' (ein Ereignis) angeben, nicht beides" }, ['on']);
    }
    const problem = targetProblem(def, f.target);
    if (problem) fail(ctx, problem, ['target']);
    const given: [key: string, value: unknown, path: PropertyKey[]][] = [
      ...Object.entries(f.params ?? {}).map(([k, v]): [string, unknown, PropertyKey[]] => [k, v, ['params', k]]),
      ...Object.entries(f).filter(([k]) => !FAULT_FIELDS.includes(k)).map(([k, v]): [string, unknown, PropertyKey[]] => [k, v, [k]]),
    ];
    for (const [key, value, path] of given) {
      const p = def.params.find((q) => q.name === key);
      if (!p) {
        const mean = didYouMean(key, [...names, ...(path.length === 1 ? FAULT_FIELDS : [])]);
        const own = names.length ? names.join(', ') : '—';
        fail(ctx, {
          en: `unknown ${path.length === 1 ? 'field' : 'parameter'} '${key}' for a '${def.kind}' fault${mean.en} Its parameters: ${own}; fault fields: ${FAULT_FIELDS.join(', ')}`,
          de: `unbekanntes ${path.length === 1 ? 'Feld' : 'Parameter'} '${key}' für einen '${def.kind}'-Fehler${mean.de} Seine Parameter: ${own}; Felder eines Fehlers: ${FAULT_FIELDS.join(', ')}`,
        }, path, 'key');
        continue;
      }
      const v = coerceParam(p, value);
      if (typeof v === 'object') fail(ctx, v, path);
    }
  })
  .transform((f): FaultSpec => {
    const def = faultDef(f.kind) as FaultDef;
    const params: Record<string, FaultParamValue> = {};
    for (const p of def.params) {
      const raw = f[p.name] ?? f.params?.[p.name];
      const v = raw === undefined ? p.default : coerceParam(p, raw);
      params[p.name] = typeof v === 'object' ? p.default : v;
    }
    const spec: FaultSpec = { kind: f.kind, target: f.target, params };
    if (f.id !== undefined) spec.id = f.id;
    if (f.on !== undefined) spec.on = f.on;
    else spec.from = f.from ?? 0;
    if (f.for !== undefined) spec.for = f.for;
    if (f.count !== undefined) spec.count = f.count;
    return spec;
  })
  .meta({ title: 'Fault', description: 'A fault from the catalogue applied to a target, from a time or on an event, for a while or a number of times.' });
