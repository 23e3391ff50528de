/**
 * Transport: who listens on which `host:port`, and opening connections to them.
 */
import { Connection, CONNECT_TIMEOUT_MS, type ConnectOutcome, type Listener } from './connection';
import type { Network } from './network';
import type { Scheduler } from './scheduler';
import type { Trace, Proto } from './trace';

/** Service: a listener registered on a port, with the protocol it speaks. */
export interface Service {
  proto: Proto;
  listener: Listener;
  /** Short description for the inspector (e.g. `submission (STARTTLS)`). */
  label: string;
}

/** Transport: listeners per host and port, plus `connect`. */
export class Transport {
  private services = new Map<string, Map<number, Service>>();
  private nextId = 0;
  private open = new Map<string, Connection>();

  constructor(
    private readonly net: Network,
    private readonly scheduler: Scheduler,
    private readonly trace: Trace,
  ) {}

  /** listen registers a service on `host:port`. */
  listen(host: string, port: number, service: Service): void {
    if (!this.services.has(host)) this.services.set(host, new Map());
    this.services.get(host)!.set(port, service);
  }

  /** unlisten removes a service (a `port-closed` fault). */
  unlisten(host: string, port: number): Service | undefined {
    const s = this.services.get(host)?.get(port);
    this.services.get(host)?.delete(port);
    return s;
  }

  /** openConnections lists the connections still open (the inspector shows them). */
  openConnections(): Connection[] {
    for (const [id, c] of this.open) if (!c.open) this.open.delete(id);
    return [...this.open.values()];
  }

  /** servicesOf lists the ports a host listens on. */
  servicesOf(host: string): [number, Service][] {
    return [...(this.services.get(host) ?? new Map<number, Service>()).entries()].sort((a, b) => a[0] - b[0]);
  }

  /**
   * connect opens a connection from `from` to `to` (host name or address) on `port`.
   * `done` is called once: accepted (with the client endpoint), refused, or timeout.
   */
  connect(from: string, to: string, port: number, done: (o: ConnectOutcome) => void): string {
    const id = `c${++this.nextId}`;
    const target = this.net.hostByAddress(to);
    const server = target?.name ?? to;
    let settled = false;
    const settle = (o: ConnectOutcome) => {
      if (settled) return;
      settled = true;
      this.scheduler.clearTimeout(timer);
      done(o);
    };
    const timer = this.scheduler.setTimeout(() => {
      if (settled) return;
      const reason = !target ? 'no-such-host' : this.net.faults.hostDown(server) ? 'host-down' : filtered ?? 'no-answer';
      this.trace.record({ type: 'net.timeout', conn: id, from, to: server, port, reason });
      settle({ kind: 'timeout', reason });
    }, CONNECT_TIMEOUT_MS);
    if (!target) return id;
    const route = this.net.route(from, server);
    const filtered = route ? this.net.faults.filtered(from, server, port, route) : undefined;
    const syn = { type: 'net.connect', from, to: server, proto: 'tcp', conn: id, port } as const;
    if (filtered) {
      // The SYN leaves but a firewall on the way drops it; the client only sees silence.
      const at = route!.find((h) => this.net.hosts.get(h)?.role === 'router') ?? from;
      this.net.send(syn as never);
      this.trace.record({ type: 'net.drop', conn: id, from, to: server, at, reason: filtered });
      return id;
    }
    this.net.send(syn as never, () => {
      if (this.net.faults.hostDown(server)) {
        this.trace.record({ type: 'net.drop', conn: id, from, to: server, at: server, reason: 'host-down' });
        return;
      }
      const service = this.net.faults.portClosed(server, port) ? undefined : this.services.get(server)?.get(port);
      if (!service) {
        this.net.send({ type: 'net.refuse', from: server, to: from, proto: 'tcp', conn: id, port } as never, () => settle({ kind: 'refused' }));
        return;
      }
      const conn = new Connection(id, from, server, port, service.proto, this.net, this.scheduler, this.trace);
      this.open.set(id, conn);
      this.net.send({ type: 'net.accept', from: server, to: from, proto: 'tcp', conn: id, port } as never, () => settle({ kind: 'accepted', client: conn.client }));
      service.listener(conn.server, conn);
    });
    return id;
  }
}
