/**
 * World: one simulated mail world built from a plan — the clock, the seeded random source, the
 * trace, the network, DNS, mail hosts, mail stores and mail programs — and the way to run it.
 */
import { createActor, type Actor } from 'xstate';
import { Scheduler } from '../kernel/scheduler';
import { Random } from '../kernel/random';
import { Trace } from '../kernel/trace';
import { Network } from '../kernel/network';
import { Transport } from '../kernel/transport';
import type { Certificate } from '../kernel/connection';
import { mdaMachine } from '../agents/mda';
import { Mailboxes } from '../store/mailboxes';
import { formatDate } from '../protocol/message';
import { domainOf } from '../protocol/smtp-command';
import type { Draft } from '../agents/mua';
import type { AccountPlan, WorldPlan } from './default-world';
import type { WorldContext } from './context';
import { DnsService } from './dns-service';
import { FaultState, type FaultSpecInput } from './fault-state';
import { Ledger } from './ledger';
import { AuthLog } from './auth-log';
import { MailHost } from './mail-host';
import { MailPrograms } from './mail-programs';
import { startMailboxServices } from './mailbox-services';
import { applyFaultEffect } from './fault-effects';
import { certificateFor, networkFaults } from './network-faults';
import { buildView } from './world-view';
import type { WorldView } from './view-model';

/** WorldBuildError: a located problem in the plan (a zone that does not parse). */
export interface WorldBuildError {
  file: string;
  line: number;
  column: number;
  message: { en: string; de: string };
}

/** World: everything that exists in one simulation run. */
export class World implements WorldContext {
  readonly scheduler = new Scheduler();
  readonly random: Random;
  readonly trace: Trace;
  readonly net: Network;
  readonly transport: Transport;
  readonly faults: FaultState;
  readonly dns: DnsService;
  readonly ledger = new Ledger();
  readonly authLog = new AuthLog();
  readonly stores = new Map<string, Mailboxes>();
  readonly mdas = new Map<string, Actor<typeof mdaMachine>>();
  readonly mailHosts = new Map<string, MailHost>();
  readonly programs: MailPrograms;
  readonly buildErrors: WorldBuildError[] = [];
  /** Hand-typed console sessions opened by the user, by session id. */
  readonly consoles = new Map<string, import('./console-session').ConsoleSession>();
  private accounts = new Map<string, AccountPlan>();
  private queueCounter = 0;

  constructor(readonly plan: WorldPlan) {
    this.random = new Random(plan.seed);
    this.trace = new Trace(() => this.scheduler.now());
    this.net = new Network(this.scheduler, this.trace, this.random);
    this.transport = new Transport(this.net, this.scheduler, this.trace);
    this.faults = new FaultState(this.trace, () => this.scheduler.now(), (t, fn) => this.scheduler.at(t, fn));
    this.dns = new DnsService(this.net, this.scheduler, this.trace, this.faults);
    this.programs = new MailPrograms(this);
    for (const h of plan.hosts) this.net.addHost({ ...h });
    for (const l of plan.links) this.net.addLink(l.a, l.b, l.latency, l.loss ?? 0);
    this.net.faults = networkFaults(this.faults, this.net);
    for (const z of plan.zones) {
      for (const e of this.dns.loadZone(z.zone, z.server, z.text)) this.buildErrors.push({ file: e.file ?? `${z.zone}.zone`, line: e.line, column: e.column, message: e.message });
    }
    for (const a of plan.accounts) {
      this.accounts.set(a.address.toLowerCase(), a);
      for (const alias of a.aliases) this.accounts.set(alias.toLowerCase(), a);
    }
    for (const mh of plan.mailHosts) {
      if (!this.net.hosts.has(mh.host)) continue;
      this.mailHosts.set(mh.host, new MailHost(this, mh));
      const storeHost = mh.store ?? (mh.localDomains.length ? mh.host : undefined);
      if (storeHost && !this.stores.has(storeHost)) {
        const store = new Mailboxes(storeHost);
        this.stores.set(storeHost, store);
        const mda = createActor(mdaMachine, { clock: this.scheduler, input: { store, now: () => this.scheduler.now() } });
        mda.start();
        this.mdas.set(storeHost, mda);
      }
    }
    for (const a of plan.accounts) {
      const storeHost = this.storeHostFor(domainOf(a.address));
      if (storeHost) this.stores.get(storeHost)?.create(a.address, a.quota);
    }
    this.faults.onChange = (f, active) => applyFaultEffect(this, f, active);
  }

  /** start opens every service and mail program; call once before running. */
  start(): void {
    this.trace.record({ type: 'world.start', what: this.plan.title, detail: `seed ${this.plan.seed}` });
    for (const mh of this.mailHosts.values()) mh.start();
    for (const mh of this.mailHosts.values()) {
      if (mh.plan.imap || mh.plan.pop3) startMailboxServices(this, mh.plan.host, { imap: !!mh.plan.imap, pop3: !!mh.plan.pop3 });
    }
    // Name servers answer on port 53; the simulated resolvers ask them directly (see dns-service.ts),
    // so the listener only shows the service and closes a hand-typed TCP connection.
    for (const server of new Set([...this.dns.zones.values()].map((z) => z.server))) {
      if (this.net.hosts.has(server)) this.transport.listen(server, 53, { proto: 'dns', label: 'DNS (authoritative name server)', listener: (ep) => ep.close() });
    }
    this.programs.start();
  }

  /** send schedules a person's mail program to send a draft at virtual time `at`. */
  send(at: number, draft: Draft): void {
    this.scheduler.at(at, () => {
      const program = this.programs.programFor(draft.from);
      if (program) program.actor.send({ type: 'mua.send', draft });
      else this.trace.record({ type: 'mail.error', host: '-', msg: '-', from: draft.from, reason: `no mail program for ${draft.from} in this world` });
    });
  }

  /** injectFault switches a fault on (now, or at `spec.from`). */
  injectFault(spec: FaultSpecInput): string {
    return this.faults.add(spec).id;
  }

  /** run advances virtual time until `until` (ms) or until nothing is left to do. */
  async run(until = Infinity): Promise<void> {
    await this.scheduler.run(until);
  }

  /** finish records one `message.fate` per message and recipient, then `world.end`. */
  finish(): void {
    const retries = new Map<string, number | undefined>();
    for (const mh of this.mailHosts.values()) for (const e of mh.outbound.pending()) for (const r of e.rcpts) retries.set(`${e.msg}|${r.toLowerCase()}`, e.nextRetry ?? this.scheduler.now());
    for (const f of this.ledger.fateEvents((id, rcpt) => retries.get(`${id}|${rcpt}`))) this.trace.record(f);
    this.trace.record({ type: 'world.end', what: 'end of run', detail: `${this.scheduler.executed} events` });
  }

  /** view returns the serialisable picture of the world now. */
  view(): WorldView {
    return buildView(this);
  }

  account(address: string): AccountPlan | undefined {
    return this.accounts.get(address.toLowerCase());
  }

  storeHostFor(domain: string): string | undefined {
    const d = domain.toLowerCase();
    for (const mh of this.plan.mailHosts) if (mh.localDomains.includes(d)) return mh.store ?? mh.host;
    return undefined;
  }

  dateHeader(): string {
    return formatDate(this.plan.epoch + this.scheduler.now());
  }

  certificate(host: string, attempt?: number): Certificate {
    return certificateFor(this.faults, host, attempt);
  }

  ipOf(host: string): string {
    return this.net.hostByAddress(host)?.ip ?? host;
  }

  queueId(): string {
    this.queueCounter++;
    return this.random.hex(10);
  }
}
