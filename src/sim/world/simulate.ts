/**
 * simulate: build a world from a scenario (or the default world), apply the interventions a
 * user made while watching, run it, and return the trace and the final view.
 *
 * The page never mutates a running world: a change made at playback time T is an intervention
 * stamped T, and the whole run is repeated. Because runs are deterministic, everything before T
 * is byte-identical and everything after it shows the consequence.
 */
import type { TraceEvent } from '../kernel/trace';
import type { Draft } from '../agents/mua';
import type { OutgoingSettings } from '../agents/mua';
import { World } from './world';
import { ConsoleSession } from './console-session';
import type { FaultSpecInput } from './fault-state';
import { defaultWorldPlan, DEFAULT_SENDS } from './default-world';
import type { WorldView } from './view-model';
import { planFromScenarioText, toFaultInput, type PlannedRun, type PlanError } from './scenario-plan';
import type { Action } from '../scenario/schema';
import { installTriggers, whenSends } from './triggers';
import { checkTopics, evaluateCheck } from '../grading/checks';
import { sentMailOf } from '../grading/grade';

/** InterventionAction: one thing a user (or a lesson) does to the running world. */
export type InterventionAction =
  | { do: 'inject-fault'; fault: { kind: string; target: string; for?: number; count?: number; params?: Record<string, string | number | boolean> } }
  | { do: 'clear-fault'; id: string }
  | { do: 'send'; mail: Draft }
  | { do: 'set-account'; address: string; outgoing?: Partial<OutgoingSettings> }
  | { do: 'set-zone'; zone: string; text: string }
  | { do: 'edit-zone'; zone: string; add?: string[]; remove?: string[] }
  | { do: 'set-setting'; address: string; setting: string; value: string | number | boolean }
  | { do: 'clear-faults'; kind?: string; target?: string }
  | { do: 'console-open'; session: string; from: string; to: string; port: number }
  | { do: 'console-type'; session: string; line: string }
  | { do: 'console-tls'; session: string }
  | { do: 'console-close'; session: string }
  | { do: 'flush-queue'; host: string; msg?: string }
  | { do: 'set-dkim-key'; domain: string; selector: string; privateKey: string };

/** Intervention: an action stamped with the virtual time it happens at. */
export interface Intervention {
  at: number;
  action: InterventionAction;
}

/** SimulateOptions: what to run. */
export interface SimulateOptions {
  /** Scenario YAML/JSON; the default world when absent. */
  scenarioText?: string;
  scenarioFile?: string;
  seed?: number;
  /** Virtual time to stop at (ms); default: the scenario's `until`, else when all is quiet (at most 6 days). */
  until?: number;
  interventions?: Intervention[];
  /** Faults added on top of the scenario's (the CLI's `--fault`). */
  faults?: FaultSpecInput[];
  /** The default world's two demo mails (default true); the bridge leaves them out, so a real client's first mail is UID 1. */
  defaultSends?: boolean;
}

/** SimulateResult: the trace and the world's final picture, or the scenario's located errors. */
export type SimulateResult =
  | { ok: true; trace: TraceEvent[]; view: WorldView; horizon: number; world: World; run: PlannedRun }
  | { ok: false; errors: PlanError[] };

/** QUIET_LIMIT_MS: a run with no end given stops when nothing is scheduled, or after 6 days. */
export const QUIET_LIMIT_MS = 6 * 86_400_000;

/** prepareWorld builds and starts a world for the options without running it. */
export function prepareWorld(opts: SimulateOptions): { ok: true; world: World; run: PlannedRun } | { ok: false; errors: PlanError[] } {
  let run: PlannedRun;
  if (opts.scenarioText !== undefined) {
    const planned = planFromScenarioText(opts.scenarioText, opts.scenarioFile ?? 'scenario.yaml', opts.seed);
    if (!planned.ok) return planned;
    run = planned.run;
  } else {
    const plan = defaultWorldPlan();
    if (opts.seed !== undefined) plan.seed = opts.seed;
    run = { plan, sends: (opts.defaultSends === false ? [] : DEFAULT_SENDS).map((s) => ({ at: s.at, draft: { from: s.from, to: s.to, subject: s.subject, body: s.body } })), faults: [], until: undefined, directSends: [], actions: [] };
  }
  const world = new World(run.plan);
  if (world.buildErrors.length) {
    return { ok: false, errors: world.buildErrors.map((e) => ({ ...e, path: 'dns' })) };
  }
  world.start();
  for (const s of run.sends) world.send(s.at, s.draft);
  for (const d of run.directSends) world.scheduler.at(d.at, () => d.start(world));
  for (const f of [...run.faults, ...(opts.faults ?? [])]) world.injectFault(f);
  for (const a of run.actions) {
    const action = scenarioAction(a);
    if (a.at !== undefined && action) world.scheduler.at(a.at, () => applyIntervention(world, action));
  }
  if (run.scenario) installTriggers(world, [...run.actions, ...whenSends(run.scenario.send)], evaluateCheck, { topics: checkTopics, sends: sentMailOf(run.scenario) });
  for (const i of opts.interventions ?? []) world.scheduler.at(i.at, () => applyIntervention(world, i.action));
  return { ok: true, world, run };
}

/** simulate runs a world to its end and returns the trace. */
export async function simulate(opts: SimulateOptions = {}): Promise<SimulateResult> {
  const prepared = prepareWorld(opts);
  if (!prepared.ok) return prepared;
  const { world, run } = prepared;
  const until = opts.until ?? run.until ?? QUIET_LIMIT_MS;
  await world.run(until);
  world.finish();
  return { ok: true, trace: world.trace.events, view: world.view(), horizon: world.scheduler.now(), world, run };
}

/** viewAt re-runs the same world to virtual time `t` and returns its picture then. */
export async function viewAt(opts: SimulateOptions, t: number): Promise<WorldView | undefined> {
  const prepared = prepareWorld(opts);
  if (!prepared.ok) return undefined;
  await prepared.world.run(t);
  return prepared.world.view();
}

/** applyIntervention carries out one user action on a running world, recording it in the trace. */
export function applyIntervention(world: World, a: InterventionAction): void {
  switch (a.do) {
    case 'inject-fault':
      world.injectFault({ ...a.fault });
      return;
    case 'clear-fault':
      world.faults.clear(a.id);
      return;
    case 'send':
      world.trace.record({ type: 'world.change', what: 'compose', detail: `${a.mail.from} → ${a.mail.to.join(', ')}: ${a.mail.subject}` });
      world.send(world.scheduler.now(), a.mail);
      return;
    case 'set-account': {
      const p = world.programs.programFor(a.address);
      world.trace.record({ type: 'world.change', what: 'account', detail: `${a.address} ${JSON.stringify(a.outgoing ?? {})}`, host: p?.host });
      if (p && a.outgoing) p.actor.send({ type: 'mua.configure', outgoing: a.outgoing });
      return;
    }
    case 'set-zone': {
      const z = world.dns.zones.get(a.zone.toLowerCase());
      const errors = world.dns.loadZone(a.zone, z?.server ?? 'ns.' + a.zone, a.text);
      world.trace.record({ type: 'world.change', what: 'zone', detail: errors.length ? `${a.zone}: not applied, ${errors.length} error(s)` : `${a.zone} updated`, host: z?.server });
      return;
    }
    case 'edit-zone': {
      const z = world.dns.zones.get(a.zone.toLowerCase());
      if (!z) return;
      const lines = world.dns.zoneText(a.zone).split('\n');
      // A line that starts with blanks belongs to the owner of the line before it (RFC 1035 §5.1):
      // name it, so removing a line never hands its followers to another owner.
      let owner = '@';
      const named = lines.map((l) => {
        if (/^[^\s;$]/.test(l)) owner = l.trim().split(/\s+/)[0];
        return /^\s/.test(l) && l.trim() !== '' && !l.trim().startsWith(';') ? `${owner} ${l.trim()}` : l;
      });
      const removed = named.filter((l) => !(a.remove ?? []).some((r) => sameLine(l, r, a.zone)));
      const errors = world.dns.loadZone(a.zone, z.server, [...removed, ...(a.add ?? [])].join('\n') + '\n');
      world.trace.record({ type: 'world.change', what: 'zone', detail: errors.length ? `${a.zone}: not applied: ${errors[0].message.en}` : `${a.zone} edited`, host: z.server });
      return;
    }
    case 'set-setting': {
      const p = world.programs.programFor(a.address);
      const [section, key] = a.setting.split('.');
      world.trace.record({ type: 'world.change', what: 'account', detail: `${a.address} ${a.setting} = ${String(a.value)}`, host: p?.host });
      if (p && section === 'outgoing' && key) p.actor.send({ type: 'mua.configure', outgoing: { [key]: key === 'port' ? Number(a.value) : a.value } as Partial<OutgoingSettings> });
      return;
    }
    case 'clear-faults':
      for (const f of world.faults.live()) if ((!a.kind || f.kind === a.kind) && (!a.target || f.target.toLowerCase() === a.target.toLowerCase())) world.faults.clear(f.id);
      return;
    case 'console-open':
      world.consoles.set(a.session, new ConsoleSession(world, a.from, a.to, a.port, undefined, a.session));
      return;
    case 'console-type':
      world.consoles.get(a.session)?.type(a.line);
      return;
    case 'console-tls':
      world.consoles.get(a.session)?.startTls();
      return;
    case 'console-close':
      world.consoles.get(a.session)?.close();
      return;
    case 'flush-queue':
      world.mailHosts.get(a.host)?.outbound.retryNow(a.msg);
      return;
    case 'set-dkim-key': {
      // A key rotation: the servers that sign for the domain use the new selector and private key from now on.
      const domain = a.domain.toLowerCase();
      world.plan.dkimKeys[domain] = { selector: a.selector, privateKey: a.privateKey };
      const signers = [...world.mailHosts.values()].filter((mh) => domain in mh.plan.dkimSign);
      for (const mh of signers) mh.plan.dkimSign[domain] = a.selector;
      world.trace.record({ type: 'world.change', what: 'dkim-key', detail: `${domain}: signing with selector ${a.selector}`, host: signers[0]?.plan.host });
      return;
    }
  }
}

/** sameLine tells whether a zone line matches a removal pattern: a whole record or "name type". */
function sameLine(line: string, pattern: string, zone: string): boolean {
  const norm = (t: string) => t.trim().replace(/\s+/g, ' ').toLowerCase();
  const fields = norm(line).split(' ');
  const want = norm(pattern).split(' ');
  if (!fields[0] || line.trim().startsWith(';') || line.trim().startsWith('$')) return false;
  const owner = (n: string) => (n === '@' ? zone.toLowerCase() + '.' : n.endsWith('.') ? n : `${n}.${zone.toLowerCase()}.`);
  if (want.length === 2) return owner(fields[0]) === owner(want[0]) && fields.includes(want[1]);
  return owner(fields[0]) === owner(want[0]) && fields.slice(1).join(' ') === want.slice(1).join(' ');
}

/** scenarioAction maps a scenario's timed action onto an intervention. */
export function scenarioAction(a: Action): InterventionAction | undefined {
  switch (a.do) {
    case 'inject-fault': {
      // The fault starts when the action runs; its `for` counts from then, not from the start of the run.
      const { from: _from, ...fault } = toFaultInput(a.fault);
      return { do: 'inject-fault', fault };
    }
    case 'clear-fault':
      return a.id ? { do: 'clear-fault', id: a.id } : { do: 'clear-faults', kind: a.kind, target: a.target };
    case 'set-dns':
      if (a.records !== undefined) return { do: 'set-zone', zone: a.zone, text: typeof a.records === 'string' ? a.records : a.records.join('\n') + '\n' };
      return { do: 'edit-zone', zone: a.zone, add: a.add, remove: a.remove };
    case 'set-account':
      return { do: 'set-setting', address: a.address, setting: a.setting, value: a.value };
    case 'send':
      return { do: 'send', mail: { from: a.mail.from, to: a.mail.to, cc: a.mail.cc, subject: a.mail.subject, body: (a.mail.body ?? '').replace(/\r?\n/g, '\r\n'), size: a.mail.size } };
    case 'flush-queue':
      return { do: 'flush-queue', host: a.host };
    case 'pause':
      return undefined;
  }
  return undefined;
}
