/**
 * planFromScenarioText: turn a scenario file into a world plan, the mail to send, the faults to
 * schedule and the timed actions. Every problem comes back located (file, line, column, path).
 * A scenario starts from the default world (or an empty one) and changes what it names.
 */
import type { Draft } from '../agents/mua';
import { loadScenario } from '../scenario/load';
import type { Scenario, FaultSpec, Action } from '../scenario/schema';
import type { VariableValue } from '../scenario/variables';
import type { FaultSpecInput } from './fault-state';
import { defaultWorldPlan, type AccountPlan, type MailHostPlan, type SmtpServicePlan, type WorldPlan } from './default-world';
import type { World } from './world';
import { startDirectSend } from './direct-send';

/** PlanError: a located problem in a scenario. */
export interface PlanError {
  file: string;
  line: number;
  column: number;
  path: string;
  message: { en: string; de: string };
}

/** SendPlan: a mail the scenario sends (through a mail program, or straight to an MX). */
export interface SendPlan {
  at: number;
  draft: Draft;
  via: 'mua' | 'direct';
  host?: string;
  heloAs?: string;
  mailFrom?: string;
  id?: string;
  headers?: Record<string, string>;
}

/** PlannedRun: what `simulate` needs from a scenario. */
export interface PlannedRun {
  plan: WorldPlan;
  sends: { at: number; draft: Draft }[];
  /** Mail sent straight to an MX by a host without a mail program (spoofing). */
  directSends: { at: number; start: (world: World) => void }[];
  faults: FaultSpecInput[];
  /** Timed actions, carried out as interventions at their time. */
  actions: Action[];
  until?: number;
  /** The validated scenario (goals, solution) and the variables drawn for it. */
  scenario?: Scenario;
  values?: Record<string, VariableValue>;
}

/** toFaultInput converts a scenario fault into the world's form. */
export function toFaultInput(f: FaultSpec): FaultSpecInput {
  const params: Record<string, string | number | boolean> = { ...f.params };
  if (f.on?.event) params.stage = f.on.event;
  return { kind: f.kind, target: f.target, from: f.from, for: f.for, count: f.count, attempt: f.on?.attempt, params, ...(f.id ? { id: f.id } : {}) } as FaultSpecInput;
}

function portTls(port: number): SmtpServicePlan['tls'] {
  return port === 465 ? 'implicit' : 'starttls';
}

/** applyScenario changes a plan as the scenario says. */
export function applyScenario(plan: WorldPlan, s: Scenario): WorldPlan {
  plan.title = s.title.en;
  plan.seed = s.seed;
  plan.epoch = Date.parse(s.epoch);
  for (const [name, h] of Object.entries(s.hosts)) {
    let host = plan.hosts.find((x) => x.name === name);
    if (!host) {
      host = { name, role: h.role ?? 'client', ip: h.ip ?? `198.51.100.${100 + plan.hosts.length}` };
      plan.hosts.push(host);
    }
    Object.assign(host, { ...(h.role ? { role: h.role } : {}), ...(h.ip ? { ip: h.ip } : {}), ...(h.ip6 ? { ip6: h.ip6 } : {}), ...(h.net ? { net: h.net } : {}), ...(h.pos ? { pos: h.pos } : {}) });
    for (const l of h.links ?? []) {
      plan.links = plan.links.filter((x) => !((x.a === name && x.b === l.to) || (x.a === l.to && x.b === name)));
      plan.links.push({ a: name, b: l.to, latency: l.latency, loss: l.loss });
    }
    const wantsMail = h.services?.smtp || h.domains || h.queue || h.smarthost || h.sizeLimit !== undefined || h.relayFrom || h.dkim || h.dnsbl || h.services?.imap || h.services?.pop3;
    if (!wantsMail) continue;
    let mh = plan.mailHosts.find((m) => m.host === name);
    if (!mh) {
      mh = { host: name, smtp: [], localDomains: [], relayFrom: [], dkimSign: {}, sizeLimit: 10_240_000 } as MailHostPlan;
      plan.mailHosts.push(mh);
    }
    if (h.services?.smtp) mh.smtp = h.services.smtp.ports.map((port) => ({ port, policy: h.services!.smtp!.policy === 'list' ? 'relay' : h.services!.smtp!.policy, tls: portTls(port) }));
    if (h.domains) mh.localDomains = h.domains.map((d) => d.toLowerCase());
    if (h.smarthost !== undefined) mh.smarthost = h.smarthost;
    if (h.sizeLimit !== undefined) mh.sizeLimit = h.sizeLimit;
    if (h.relayFrom) mh.relayFrom = h.relayFrom.map((c) => (c.includes('/') ? c : `${c}/${c.includes(':') ? 128 : 32}`));
    if (h.dkim) for (const d of h.dkim.domains ?? mh.localDomains) mh.dkimSign[d] = h.dkim.selector;
    if (h.services?.imap !== undefined) mh.imap = h.services.imap;
    if (h.services?.pop3 !== undefined) mh.pop3 = h.services.pop3;
    if (h.queue) mh.queue = { ...h.queue };
    if (h.dnsbl) plan.dnsbl = [...new Set([...plan.dnsbl, ...h.dnsbl])];
  }
  for (const [zone, spec] of Object.entries(s.dns)) {
    const text = typeof spec === 'string' ? spec : spec.join('\n') + '\n';
    const z = zone.toLowerCase().replace(/\.$/, '');
    const existing = plan.zones.find((x) => x.zone === z);
    const withOrigin = /^\s*\$ORIGIN/m.test(text) ? text : `$ORIGIN ${z}.\n${text}`;
    if (existing) existing.text = withOrigin;
    else {
      const server = plan.hosts.find((h) => h.name === `ns.${z}`)?.name ?? plan.hosts.find((h) => h.role === 'dns')?.name ?? `ns.${z}`;
      plan.zones.push({ zone: z, server, text: withOrigin });
    }
  }
  for (const a of s.accounts) {
    const existing = plan.accounts.find((x) => x.address.toLowerCase() === a.address.toLowerCase());
    const password = a.password ?? existing?.password ?? '';
    const base: AccountPlan = existing ?? {
      address: a.address, password, aliases: [],
      outgoing: { server: '', port: 587, security: 'starttls', user: a.address, password },
    };
    const merged: AccountPlan = {
      ...base,
      password,
      ...(a.appPassword !== undefined ? { appPassword: a.appPassword } : {}),
      ...(a.requireAppPassword !== undefined ? { requireAppPassword: a.requireAppPassword } : {}),
      ...(a.aliases ? { aliases: a.aliases } : {}),
      ...(a.host ? { clientHost: a.host } : {}),
      ...(a.reads ? { reads: a.reads } : {}),
      ...(a.keepOnServer !== undefined ? { keepOnServer: a.keepOnServer } : {}),
      ...(a.quota !== undefined ? { quota: a.quota } : {}),
    };
    if (a.outgoing) merged.outgoing = { server: a.outgoing.server, port: a.outgoing.port, security: a.outgoing.security, user: a.outgoing.user ?? a.address, password: a.outgoing.password ?? password };
    else if (!existing) {
      const domain = a.address.split('@')[1];
      const msa = plan.mailHosts.find((m) => m.localDomains.includes(domain) && m.smtp.some((x) => x.policy === 'msa'));
      merged.outgoing = { server: msa?.host ?? `smtp.${domain}`, port: 587, security: 'starttls', user: a.address, password };
    }
    if (a.incoming) merged.incoming = { server: a.incoming.server, port: a.incoming.port, security: a.incoming.security, protocol: a.incoming.protocol ?? a.reads ?? 'imap', user: a.incoming.user ?? a.address, password: a.incoming.password ?? password };
    if (existing) Object.assign(existing, merged);
    else plan.accounts.push(merged);
  }
  return plan;
}

/** emptyWorldPlan is the start of a `world: empty` scenario. */
export function emptyWorldPlan(): WorldPlan {
  const d = defaultWorldPlan();
  return { ...d, hosts: [], links: [], mailHosts: [], zones: [], accounts: [], dnsbl: [] };
}

/** planFromScenarioText parses, validates and converts a scenario. */
export function planFromScenarioText(text: string, file: string, seed?: number): { ok: true; run: PlannedRun } | { ok: false; errors: PlanError[] } {
  const loaded = loadScenario(text, file, { seed });
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  const s = loaded.scenario;
  const plan = applyScenario(s.world === 'empty' ? emptyWorldPlan() : defaultWorldPlan(), s);
  if (seed !== undefined) plan.seed = seed;
  const sends: PlannedRun['sends'] = [];
  const directSends: PlannedRun['directSends'] = [];
  for (const m of s.send) {
    if (m.at === undefined) continue;
    const draft: Draft = { from: m.from, to: m.to, cc: m.cc, subject: m.subject, body: (m.body ?? '').replace(/\r?\n/g, '\r\n'), size: m.size };
    if (m.via === 'direct') {
      const sp: SendPlan = { at: m.at, draft, via: 'direct', host: m.host, heloAs: m.heloAs, mailFrom: m.mailFrom, id: m.id, headers: m.headers };
      directSends.push({ at: m.at, start: (world) => startDirectSend(world, sp) });
    } else sends.push({ at: m.at, draft });
  }
  return {
    ok: true,
    run: { plan, sends, directSends, faults: s.faults.map(toFaultInput), actions: s.actions, until: s.until, scenario: s, values: loaded.values },
  };
}
