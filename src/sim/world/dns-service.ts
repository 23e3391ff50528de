/**
 * DnsService: the world's authoritative zones, the servers that answer for them, and one
 * resolver (a `dnsResolverMachine` actor) per host that asks them.
 */
import { createActor, type Actor } from 'xstate';
import { dnsResolverMachine, type DnsNetwork } from '../agents/dns';
import type { DnsLookupResult } from '../protocol/dns-lookup';
import type { DnsRecord, DnsType } from '../protocol/dns-record';
import { recordDataText } from '../protocol/dns-record';
import { parseZone, printZone, type ZoneError } from '../protocol/zone-file';
import type { Network } from '../kernel/network';
import type { Scheduler } from '../kernel/scheduler';
import type { Trace } from '../kernel/trace';
import type { FaultState } from './fault-state';

/** Zone: one zone's server and records. */
export interface Zone {
  zone: string;
  server: string;
  records: DnsRecord[];
}

/** DnsService: zones plus resolvers. */
export class DnsService {
  readonly zones = new Map<string, Zone>();
  private resolvers = new Map<string, Actor<typeof dnsResolverMachine>>();

  constructor(
    private readonly net: Network,
    private readonly scheduler: Scheduler,
    private readonly trace: Trace,
    private readonly faults: FaultState,
  ) {}

  /** loadZone parses zone-file text and installs (or replaces) the zone. Errors come back located. */
  loadZone(zone: string, server: string, text: string, file?: string): ZoneError[] {
    const parsed = parseZone(text, zone, file ?? `${zone}.zone`);
    if (parsed.errors.length) return parsed.errors;
    this.zones.set(zone.toLowerCase(), { zone: zone.toLowerCase(), server, records: parsed.records });
    return [];
  }

  /** zoneText prints a zone in zone-file syntax. */
  zoneText(zone: string): string {
    const z = this.zones.get(zone.toLowerCase());
    return z ? printZone(z.zone, z.records) : '';
  }

  /** zoneFor finds the zone holding a name (longest suffix). */
  zoneFor(name: string): Zone | undefined {
    let n = name.toLowerCase().replace(/\.$/, '');
    for (;;) {
      const z = this.zones.get(n);
      if (z) return z;
      const dot = n.indexOf('.');
      if (dot < 0) return undefined;
      n = n.slice(dot + 1);
    }
  }

  /** answer computes the authoritative answer for a name (CNAME chains, wildcards, NXDOMAIN vs NODATA). */
  answer(name: string, type: DnsType, depth = 0): DnsLookupResult {
    const n = name.toLowerCase().replace(/\.$/, '');
    const failing = this.nameFault(n, type);
    if (failing === 'dns-nxdomain') return { rcode: 'NXDOMAIN', records: [] };
    if (failing === 'dns-servfail') return { rcode: 'SERVFAIL', records: [] };
    const zone = this.zoneFor(n);
    if (!zone) return { rcode: 'NXDOMAIN', records: [] };
    let at = zone.records.filter((r) => r.name === n);
    if (at.length === 0 && !zone.records.some((r) => r.name.endsWith('.' + n))) {
      // RFC 4592: a wildcard answers for names that do not exist below its parent.
      const parent = n.slice(n.indexOf('.') + 1);
      const wild = zone.records.filter((r) => r.name === '*.' + parent).map((r) => ({ ...r, name: n }) as DnsRecord);
      if (wild.length === 0) return { rcode: 'NXDOMAIN', records: [] };
      at = wild;
    }
    const cname = at.find((r) => r.type === 'CNAME');
    if (cname && type !== 'CNAME' && depth < 8) {
      const next = this.answer((cname.data as { target: string }).target, type, depth + 1);
      return { rcode: next.rcode, records: [cname, ...next.records] };
    }
    return { rcode: 'NOERROR', records: at.filter((r) => r.type === type) };
  }

  private nameFault(n: string, type?: DnsType): string | undefined {
    for (const kind of ['dns-nxdomain', 'dns-servfail', 'dns-timeout']) {
      for (const f of this.faults.live()) {
        if (f.kind !== kind) continue;
        // dns-nxdomain may fail only one record type (`type: MX`); ANY fails them all.
        const only = String(f.params?.type ?? 'ANY').toUpperCase();
        if (type !== undefined && only !== 'ANY' && only !== type) continue;
        const t = f.target.toLowerCase();
        if (n === t || n.endsWith('.' + t)) return kind;
      }
    }
    return undefined;
  }

  /** resolver returns (creating on first use) the resolver actor of a host. */
  resolver(host: string): Actor<typeof dnsResolverMachine> {
    let r = this.resolvers.get(host);
    if (!r) {
      r = createActor(dnsResolverMachine, { input: { host, net: this.dnsNetwork() }, clock: this.scheduler });
      r.start();
      this.resolvers.set(host, r);
    }
    return r;
  }

  /** lookup asks a host's resolver; `done` gets the answer when it arrives. */
  lookup(host: string, name: string, type: DnsType, done: (r: DnsLookupResult) => void): void {
    this.resolver(host).send({ type: 'dns.lookup', name, qtype: type, reply: done });
  }

  /**
   * lookupNow answers at once for the synchronous evaluators (SPF, DKIM key, DMARC, DNSBL):
   * the query and answer packets are recorded as sent now, and `elapsed` accumulates the time
   * they take, which the caller waits before replying.
   */
  lookupNow(host: string, name: string, type: DnsType, clock: { elapsed: number }): DnsLookupResult {
    const zone = this.zoneFor(name);
    const id = `${host}#sync${this.trace.events.length}`;
    if (!zone) {
      const nx: DnsLookupResult = { rcode: 'NXDOMAIN', records: [] };
      this.trace.record({ type: 'dns.answer', from: host, to: host, route: [host], arrive: this.scheduler.now(), proto: 'dns', id, name, qtype: type, rcode: 'NXDOMAIN', answers: [] });
      return nx;
    }
    const net = this.dnsNetwork();
    let result: DnsLookupResult = { rcode: 'TIMEOUT', records: [] };
    const route = this.net.route(host, zone.server);
    const rtt = route ? 2 * this.net.routeLatency(route) : 0;
    if (!route || this.net.faults.hostDown(zone.server) || this.nameFault(name.toLowerCase()) === 'dns-timeout') {
      this.net.send({ type: 'dns.query', from: host, to: zone.server, proto: 'dns', id, name, qtype: type } as never);
      clock.elapsed += 10_000;
      net.noteLocal(host, id, name, type, result, false);
      return result;
    }
    result = this.answer(name, type);
    this.net.send({ type: 'dns.query', from: host, to: zone.server, proto: 'dns', id, name, qtype: type } as never);
    this.net.send({ type: 'dns.answer', from: zone.server, to: host, proto: 'dns', id, name, qtype: type, rcode: result.rcode, answers: result.records.map(short) } as never);
    clock.elapsed += rtt;
    return result;
  }

  private dnsNetwork(): DnsNetwork {
    return {
      now: () => this.scheduler.now(),
      serverFor: (name) => this.zoneFor(name)?.server,
      ask: (from, server, id, name, type, onAnswer) => {
        this.net.send({ type: 'dns.query', from, to: server, proto: 'dns', id, name, qtype: type } as never, () => {
          if (this.net.faults.hostDown(server) || this.nameFault(name.toLowerCase()) === 'dns-timeout') return;
          const r = this.answer(name, type);
          this.net.send({ type: 'dns.answer', from: server, to: from, proto: 'dns', id, name, qtype: type, rcode: r.rcode, answers: r.records.map(short) } as never, () => onAnswer(r));
        });
      },
      noteLocal: (from, id, name, type, r, cached) => {
        this.trace.record({ type: 'dns.answer', from, to: from, route: [from], arrive: this.scheduler.now(), proto: 'dns', id, name, qtype: type, rcode: r.rcode, answers: r.records.map(short), cached });
      },
      after: (ms, fn) => this.scheduler.setTimeout(fn, ms),
      cancel: (t) => this.scheduler.clearTimeout(t),
    };
  }
}

function short(r: DnsRecord): string {
  // TXT data as its quoted strings; avoids re-splitting long DKIM keys for every answer.
  const data = r.type === 'TXT' ? r.data.strings.map((x) => `"${x}"`).join(' ') : recordDataText(r);
  return `${r.name} ${r.type} ${data}`;
}
