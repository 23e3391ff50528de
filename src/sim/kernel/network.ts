/**
 * Network: hosts, links with latency, shortest-path routing, and the packets that cross them.
 *
 * Routing is Dijkstra over link latency, recomputed when links change (a partition fault cuts a
 * link, so the next packet takes another way or finds none). Each packet is one trace event with
 * its route and arrival time; the network view animates exactly those.
 */
import type { Scheduler } from './scheduler';
import type { Random } from './random';
import type { Trace, PacketFields, TraceEventInput } from './trace';

/** HostRole: what a host is in the mail system; drives its icon and label. */
export type HostRole = 'client' | 'submission' | 'mta' | 'relay' | 'mx' | 'store' | 'dns' | 'router' | 'attacker' | 'list';

/** Host: one machine in the world. */
export interface Host {
  name: string;
  role: HostRole;
  ip: string;
  ip6?: string;
  /** Network name, e.g. `home` for the dynamic home ISP range. */
  net?: string;
  /** Fixed drawing position from a scenario (0..1 of the canvas), if any. */
  pos?: { x: number; y: number };
}

/** Link: a bidirectional connection between two hosts. */
export interface Link {
  id: string;
  a: string;
  b: string;
  latency: number;
  /** Probability (0..1) that a packet on this link is lost. */
  loss: number;
  /** False while a partition fault cuts it. */
  up: boolean;
}

/** NetworkFaults: what the network asks the fault layer before a packet or connection. */
export interface NetworkFaults {
  /** True when the host is down: it answers nothing. `attempt`: the client's n-th connection attempt to it. */
  hostDown(host: string, attempt?: number): boolean;
  /** A reason when a router on the route silently drops this TCP connection attempt. */
  filtered(from: string, to: string, port: number, route: string[], attempt?: number): string | undefined;
  /** True when a service that normally listens on this port is switched off. */
  portClosed(host: string, port: number, attempt?: number): boolean;
}

/** Delivery: what `send` returns: arrival time, or undefined when the packet was lost. */
export type Delivery = { arrive: number; route: string[] } | undefined;

/** Network: topology plus packet delivery through the shared scheduler. */
export class Network {
  readonly hosts = new Map<string, Host>();
  readonly links: Link[] = [];
  private routeCache = new Map<string, string[] | null>();
  faults: NetworkFaults = { hostDown: () => false, filtered: () => undefined, portClosed: () => false };

  constructor(
    private readonly scheduler: Scheduler,
    private readonly trace: Trace,
    private readonly random: Random,
  ) {}

  /** addHost adds a host; names are unique. */
  addHost(host: Host): void {
    this.hosts.set(host.name, host);
    this.routeCache.clear();
  }

  /** addLink connects two hosts. */
  addLink(a: string, b: string, latency: number, loss = 0): Link {
    const link: Link = { id: `${a}~${b}`, a, b, latency, loss, up: true };
    this.links.push(link);
    this.routeCache.clear();
    return link;
  }

  /** findLink returns the link between two hosts, either order, or by its id. */
  findLink(a: string, b?: string): Link | undefined {
    if (b === undefined) return this.links.find((l) => l.id === a || `${l.b}~${l.a}` === a);
    return this.links.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a));
  }

  /** topologyChanged drops cached routes after a link goes up or down. */
  topologyChanged(): void {
    this.routeCache.clear();
  }

  /** hostByAddress finds a host by name or IPv4/IPv6 address. */
  hostByAddress(nameOrIp: string): Host | undefined {
    const direct = this.hosts.get(nameOrIp);
    if (direct) return direct;
    for (const h of this.hosts.values()) if (h.ip === nameOrIp || h.ip6 === nameOrIp) return h;
    return undefined;
  }

  /** route returns the lowest-latency path of host names, or undefined when none is up. */
  route(from: string, to: string): string[] | undefined {
    const key = `${from}>${to}`;
    const cached = this.routeCache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const path = this.dijkstra(from, to);
    this.routeCache.set(key, path ?? null);
    return path;
  }

  /** routeLatency sums the latency of the links along a route. */
  routeLatency(route: string[]): number {
    let total = 0;
    for (let i = 1; i < route.length; i++) total += this.findLink(route[i - 1], route[i])?.latency ?? 0;
    return total;
  }

  /**
   * send records a packet from `from` to `to` and schedules `onArrive` at its arrival.
   * A packet on a lossy link may be lost (recorded as `net.drop`): the caller's transport
   * decides whether to retransmit. Returns the delivery, or undefined when lost or unroutable.
   */
  send(event: TraceEventInput & PacketFieldsInput, onArrive?: () => void): Delivery {
    const route = this.route(event.from, event.to);
    if (!route) {
      this.trace.record({ type: 'net.drop', from: event.from, to: event.to, at: event.from, reason: 'no-route', conn: event.conn });
      return undefined;
    }
    for (let i = 1; i < route.length; i++) {
      const link = this.findLink(route[i - 1], route[i]);
      if (link && link.loss > 0 && this.random.next() < link.loss) {
        this.trace.record({ type: 'net.drop', from: event.from, to: event.to, at: link.id, reason: 'loss', conn: event.conn });
        return undefined;
      }
    }
    const arrive = this.scheduler.now() + this.routeLatency(route);
    this.trace.record({ ...event, route, arrive } as TraceEventInput);
    if (onArrive) this.scheduler.at(arrive, onArrive);
    return { arrive, route };
  }

  private dijkstra(from: string, to: string): string[] | undefined {
    if (!this.hosts.has(from) || !this.hosts.has(to)) return undefined;
    if (from === to) return [from];
    const dist = new Map<string, number>([[from, 0]]);
    const prev = new Map<string, string>();
    const done = new Set<string>();
    for (;;) {
      let best: string | undefined;
      let bestD = Infinity;
      for (const [h, d] of dist) if (!done.has(h) && (d < bestD || (d === bestD && best !== undefined && h < best))) { best = h; bestD = d; }
      if (best === undefined) return undefined;
      if (best === to) break;
      done.add(best);
      for (const l of this.links) {
        if (!l.up) continue;
        const other = l.a === best ? l.b : l.b === best ? l.a : undefined;
        if (!other || done.has(other)) continue;
        // A router forwards; an end host only originates or terminates traffic.
        if (other !== to && this.hosts.get(other)?.role !== 'router') continue;
        const nd = bestD + l.latency;
        if (nd < (dist.get(other) ?? Infinity)) { dist.set(other, nd); prev.set(other, best); }
      }
    }
    const path = [to];
    while (path[0] !== from) path.unshift(prev.get(path[0])!);
    return path;
  }
}

/** PacketFieldsInput: packet fields as a sender gives them (the network adds route and arrival). */
export type PacketFieldsInput = Omit<PacketFields, 'route' | 'arrive'>;
