/**
 * The fault menu: which faults of the catalogue fit a kind of target, which targets of the world
 * fit a fault, and the parameters' form values — read from the form and checked — before the page
 * injects a fault. Pure: the catalogue and the world come in as data.
 */
import type { FaultDef, FaultParam, FaultParamValue, FaultTargetKind } from '../sim/scenario/fault-def';
import type { WorldView } from '../sim/world/view-model';

/** TARGET_KIND_ORDER: the kinds of target in the order the menu offers them. */
export const TARGET_KIND_ORDER: readonly FaultTargetKind[] = ['host', 'link', 'client', 'account', 'address', 'zone', 'dns-name'];

/** targetKindsIn lists the kinds of target the catalogue has faults for, in menu order. */
export function targetKindsIn(catalogue: readonly FaultDef[]): FaultTargetKind[] {
  const have = new Set(catalogue.map((f) => f.targetKind));
  return TARGET_KIND_ORDER.filter((k) => have.has(k));
}

/** faultsFor lists the catalogue's faults for one kind of target, in catalogue order. */
export function faultsFor(catalogue: readonly FaultDef[], kind: FaultTargetKind): FaultDef[] {
  return catalogue.filter((f) => f.targetKind === kind);
}

/** linkTarget names a link as fault targets write it: `a<->b`. */
export function linkTarget(link: { a: string; b: string }): string {
  return `${link.a}<->${link.b}`;
}

/**
 * targetsFor lists what in the world a fault of this kind can aim at: servers for host faults
 * (routers and people's devices are left out), links, the client hosts behind a home provider,
 * the mail programs' accounts, the mailbox addresses, the zones, and the names DNS answers for.
 */
export function targetsFor(kind: FaultTargetKind, world: WorldView | null | undefined): string[] {
  if (!world) return [];
  const uniq = (xs: string[]) => [...new Set(xs)];
  switch (kind) {
    case 'host':
      return world.hosts.filter((h) => h.role !== 'router' && h.role !== 'client' && h.role !== 'attacker').map((h) => h.name);
    case 'client':
      return world.hosts.filter((h) => h.role === 'client' || h.role === 'attacker').map((h) => h.name);
    case 'link':
      return world.links.map(linkTarget);
    case 'account':
      return world.accounts.filter((a) => a.clientHost).map((a) => a.address);
    case 'address':
      return uniq([...world.mailboxes.map((m) => m.address), ...world.accounts.map((a) => a.address)]).sort();
    case 'zone':
      return world.zones.map((z) => z.zone).filter((z) => !z.endsWith('.arpa'));
    case 'dns-name': {
      const zones = world.zones.map((z) => z.zone).filter((z) => !z.endsWith('.arpa'));
      const inZone = (n: string) => zones.some((z) => n === z || n.endsWith(`.${z}`));
      return uniq([...zones, ...world.hosts.map((h) => h.name).filter(inZone)]);
    }
  }
}

/**
 * targetKindsOfHost says which kinds of target a host chosen in the network view is: a server is
 * a `host`, a person's device or the attacker's PC is a `client`.
 */
export function targetKindsOfHost(name: string, world: WorldView | null | undefined): FaultTargetKind[] {
  const host = world?.hosts.find((h) => h.name === name);
  if (!host || host.role === 'router') return [];
  return host.role === 'client' || host.role === 'attacker' ? ['client'] : ['host'];
}

/** ParamForm: a fault's parameters as form fields hold them (text, or a checkbox's boolean). */
export type ParamForm = Record<string, string | boolean>;

/** formValue writes a parameter value for its form field; durations become `300s`-style text. */
export function formValue(param: FaultParam, value: FaultParamValue = param.default): string | boolean {
  if (param.type === 'boolean') return value === true;
  if (param.type === 'duration' && typeof value === 'number') return msToDurationText(value);
  return String(value);
}

/** defaultParamForm fills every parameter of a fault with the catalogue's default. */
export function defaultParamForm(def: FaultDef): ParamForm {
  return Object.fromEntries(def.params.map((p) => [p.name, formValue(p)]));
}

/** msToDurationText prints milliseconds in the largest whole unit: `300000` → `5m`. */
export function msToDurationText(ms: number): string {
  const units: [number, string][] = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'm'], [1000, 's']];
  for (const [size, unit] of units) if (ms > 0 && ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

/** durationTextToMs reads `300s`, `5m`, `1h30m`, `2d`, `250ms` or a bare number of seconds; undefined when it is none. */
export function durationTextToMs(text: string): number | undefined {
  const s = text.trim().toLowerCase();
  if (s === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };
  const re = /(\d+(?:\.\d+)?)\s*(ms|min|s|m|h|d)/gy;
  let total = 0;
  let end = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * unit[m[2]];
    end = re.lastIndex;
    while (s[end] === ' ') end++;
    re.lastIndex = end;
  }
  return end === s.length && end > 0 ? Math.round(total) : undefined;
}

/** ParamProblem: a form field whose value cannot be used, and why (a catalogue-independent reason code). */
export interface ParamProblem {
  name: string;
  problem: 'number' | 'integer' | 'range' | 'duration' | 'choice';
  min?: number;
  max?: number;
}

/**
 * readParamForm turns the form's values into the parameters the core expects (numbers, booleans,
 * durations in ms) and lists the fields that are wrong. Empty text fields keep the default.
 */
export function readParamForm(def: FaultDef, form: ParamForm): { params: Record<string, FaultParamValue>; problems: ParamProblem[] } {
  const params: Record<string, FaultParamValue> = {};
  const problems: ParamProblem[] = [];
  for (const p of def.params) {
    const raw = form[p.name];
    if (p.type === 'boolean') {
      params[p.name] = raw === true || raw === 'true';
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      params[p.name] = p.default;
      continue;
    }
    switch (p.type) {
      case 'integer':
      case 'number': {
        const n = Number(text);
        if (!Number.isFinite(n)) problems.push({ name: p.name, problem: 'number' });
        else if (p.type === 'integer' && !Number.isInteger(n)) problems.push({ name: p.name, problem: 'integer' });
        else if ((p.min !== undefined && n < p.min) || (p.max !== undefined && n > p.max)) problems.push({ name: p.name, problem: 'range', min: p.min, max: p.max });
        else params[p.name] = n;
        break;
      }
      case 'duration': {
        const ms = durationTextToMs(text);
        if (ms === undefined) problems.push({ name: p.name, problem: 'duration' });
        else params[p.name] = ms;
        break;
      }
      case 'enum':
        if (p.values && !p.values.includes(text)) problems.push({ name: p.name, problem: 'choice' });
        else params[p.name] = text;
        break;
      default:
        params[p.name] = text;
    }
  }
  return { params, problems };
}
