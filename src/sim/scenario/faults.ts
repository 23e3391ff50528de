/**
 * The fault catalogue, used alike by scenario files, the CLI (`--fault KIND@TARGET[:key=value]`)
 * and the app's fault menu: the table itself, parsing of CLI fault arguments, and the check of a
 * fault's target against the world. The catalogue defines names, targets, parameters and
 * explanations; the agents implement the effects.
 */
import { FAULT_KINDS, faultDef, parseLinkName } from './fault-catalogue';
import { explainIssue, formatPath } from './issues';
import { FaultSchema, type FaultSpec } from './schema-faults';
import { didYouMean } from './suggest';
import type { Text } from './text';

export { FAULT_KINDS, FAULTS, faultDef, isFaultKind, linkName, parseLinkName, type FaultKind } from './fault-catalogue';
export type { FaultDef, FaultParam, FaultParamType, FaultParamValue, FaultTargetKind } from './fault-def';
export type { FaultSpec } from './schema-faults';

/** FaultArgResult is a parsed `--fault` argument, or what is wrong with it. */
export type FaultArgResult = { ok: true; fault: FaultSpec } | { ok: false; error: Text };

const USAGE: Text = {
  en: 'expected KIND@TARGET[:key=value,...], e.g. busy@mx1.example.org:for=20m',
  de: 'erwartet wird ART@ZIEL[:schlüssel=wert,...], z. B. busy@mx1.example.org:for=20m',
};

function problem(en: string, de: string): FaultArgResult {
  return { ok: false, error: { en, de } };
}

/**
 * parseFaultArg reads `KIND@TARGET[:key=value,...]`. The target is everything after the first `@`
 * up to the first `:` (so `unknown-user@bob@example.org` targets `bob@example.org`). Keys are the
 * fault's fields (`from`, `for`, `count`, `id`, `on=DATA`, `attempt=2`) or the kind's parameters.
 */
export function parseFaultArg(arg: string): FaultArgResult {
  const at = arg.indexOf('@');
  if (at <= 0) return problem(`'${arg}': ${USAGE.en}`, `'${arg}': ${USAGE.de}`);
  const kind = arg.slice(0, at).trim();
  const rest = arg.slice(at + 1);
  const colon = rest.indexOf(':');
  const target = (colon < 0 ? rest : rest.slice(0, colon)).trim();
  const paramText = colon < 0 ? '' : rest.slice(colon + 1);
  if (!faultDef(kind)) {
    const mean = didYouMean(kind, FAULT_KINDS);
    const list = FAULT_KINDS.join(', ');
    return problem(
      `unknown fault kind '${kind}'${mean.en} Known kinds: ${list}`,
      `'${kind}' gibt es nicht als Fehlerart${mean.de} Bekannte Arten: ${list}`,
    );
  }
  if (!target) return problem(`'${arg}' names no target: ${USAGE.en}`, `'${arg}' nennt kein Ziel: ${USAGE.de}`);

  const raw: Record<string, unknown> = { kind, target };
  const on: Record<string, unknown> = {};
  for (const item of paramText.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const eq = item.indexOf('=');
    if (eq <= 0) return problem(`'${item}' is not key=value (in '${arg}')`, `'${item}' ist nicht schlüssel=wert (in '${arg}')`);
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (key === 'kind' || key === 'target' || key === 'params' || key in raw || (key === 'attempt' && 'attempt' in on) || (key === 'on' && 'event' in on)) {
      return problem(`'${key}' cannot be given here or is given twice (in '${arg}')`, `'${key}' ist hier nicht möglich oder doppelt angegeben (in '${arg}')`);
    }
    if (key === 'on') on.event = value;
    else if (key === 'attempt') on.attempt = /^\d+$/.test(value) ? Number(value) : value;
    else if (key === 'count') raw.count = /^\d+$/.test(value) ? Number(value) : value;
    else raw[key] = value;
  }
  if (Object.keys(on).length) raw.on = on;

  const parsed = FaultSchema.safeParse(raw);
  if (parsed.success) return { ok: true, fault: parsed.data };
  const problems = parsed.error.issues.flatMap((issue) => explainIssue(issue, [], raw));
  const say = (lang: 'en' | 'de') => problems.map((p) => (p.path.length ? `${formatPath(p.path)}: ` : '') + p.message[lang]).join('; ');
  return { ok: false, error: { en: say('en'), de: say('de') } };
}

/** KnownTargets lists what exists in a world, for checkFaultTarget. Links are written `a<->b`. */
export interface KnownTargets {
  hosts: readonly string[];
  links: readonly string[];
  accounts: readonly string[];
  zones: readonly string[];
}

function missing(what: Text, target: string, known: readonly string[]): Text {
  const mean = didYouMean(target, known);
  const list = known.length ? known.join(', ') : '—';
  return {
    en: `there is no ${what.en} '${target}'${mean.en} Known: ${list}`,
    de: `es gibt ${what.de} '${target}'${mean.de} Bekannt: ${list}`,
  };
}

/**
 * checkFaultTarget checks that a fault's target exists in the world (a host, a link, an account,
 * a zone or a name in one); it returns null when it does, or a message listing what exists.
 */
export function checkFaultTarget(spec: { kind: string; target: string; params?: unknown }, known: KnownTargets): Text | null {
  const def = faultDef(spec.kind);
  if (!def) return missing({ en: 'fault kind', de: 'keine Fehlerart' }, spec.kind, FAULT_KINDS);
  const target = spec.target.toLowerCase().replace(/\.$/, '');
  const has = (list: readonly string[]) => list.some((x) => x.toLowerCase().replace(/\.$/, '') === target);
  switch (def.targetKind) {
    case 'host':
    case 'client':
      return has(known.hosts) ? null : missing({ en: 'host', de: 'keinen Rechner' }, spec.target, known.hosts);
    case 'account':
    case 'address':
      return has(known.accounts) ? null : missing({ en: 'account', de: 'kein Konto' }, spec.target, known.accounts);
    case 'zone':
      return has(known.zones) ? null : missing({ en: 'zone', de: 'keine Zone' }, spec.target, known.zones);
    case 'dns-name': {
      const inZone = known.zones.some((z) => {
        const zone = z.toLowerCase().replace(/\.$/, '');
        return target === zone || target.endsWith('.' + zone);
      });
      return inZone ? null : missing({ en: 'zone holding the name', de: 'keine Zone mit dem Namen' }, spec.target, known.zones);
    }
    case 'link': {
      const ends = parseLinkName(target);
      const found = ends && known.links.some((l) => {
        const other = parseLinkName(l.toLowerCase());
        return other !== undefined && ((other[0] === ends[0] && other[1] === ends[1]) || (other[0] === ends[1] && other[1] === ends[0]));
      });
      return found ? null : missing({ en: 'link', de: 'keine Verbindung' }, spec.target, known.links);
    }
  }
}
