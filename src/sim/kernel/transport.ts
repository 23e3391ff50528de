/**
 * Transport: who listens on which `host:port`, and opening connections to them.
 */
import { Connection, CONNECT_TIMEOUT_MS, type ConnectOutcome, type Listener } from './connection';
import type { Network } from './network';
import type { Scheduler } from './scheduler';
import type { Trace, Proto } from './trace';

/** SYN_RETRIES_MS: a lost SYN (or SYN-ACK) is sent again after these waits, within the connect timeout. */
const SYN_RETRIES_MS = [1000, 2000, 4000, 8000, 16000];

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
  /** Connection attempts per `client>server`, counted from 1. */
  private attempts = new Map<string, number>();

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
    this.forgetClosed();
    return [...this.open.values()];
  }

  // Closed connections are forgotten now and then, so a long run does not keep every session alive.
  private forgetClosed(): void {
    for (const [id, c] of this.open) if (!c.open) this.open.delete(id);
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
    // The n-th attempt of this client to this server: faults bound to an attempt ask for it.
    const key = `${from}>${server}`;
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    let settled = false;
    const settle = (o: ConnectOutcome) => {
      if (settled) return;
      settled = true;
      this.scheduler.clearTimeout(timer);
      done(o);
    };
    const timer = this.scheduler.setTimeout(() => {
      if (settled) return;
      const reason = !target ? 'no-such-host' : this.net.faults.hostDown(server, attempt) ? 'host-down' : filtered ?? 'no-answer';
      this.trace.record({ type: 'net.timeout', conn: id, from, to: server, port, reason });
      settle({ kind: 'timeout', reason });
    }, CONNECT_TIMEOUT_MS);
    if (!target) return id;
    const route = this.net.route(from, server);
    const filtered = route ? this.net.faults.filtered(from, server, port, route, attempt) : undefined;
    const syn = { type: 'net.connect', from, to: server, proto: 'tcp', conn: id, port } as const;
    if (filtered) {
      // The SYN leaves but a firewall on the way drops it; the client only sees silence.
      const at = route!.find((h) => this.net.hosts.get(h)?.role === 'router') ?? from;
      this.net.send(syn as never);
      this.trace.record({ type: 'net.drop', conn: id, from, to: server, at, reason: filtered });
      return id;
    }
    let conn: Connection | undefined;
    this.retransmit(syn, () => settled, () => {
      if (this.net.faults.hostDown(server, attempt)) {
        this.trace.record({ type: 'net.drop', conn: id, from, to: server, at: server, reason: 'host-down' });
        return;
      }
      if (conn) return; // a retransmitted SYN for a connection already accepted
      const service = this.net.faults.portClosed(server, port, attempt) ? undefined : this.services.get(server)?.get(port);
      if (!service) {
        this.retransmit({ type: 'net.refuse', from: server, to: from, proto: 'tcp', conn: id, port }, () => settled, () => settle({ kind: 'refused' }));
        return;
      }
      conn = new Connection(id, from, server, port, service.proto, this.net, this.scheduler, this.trace);
      conn.attempt = attempt;
      if (this.open.size > 256) this.forgetClosed();
      this.open.set(id, conn);
      const accepted = conn;
      // The service starts once its SYN-ACK is on the way (a lost one is sent again first).
      this.retransmit({ type: 'net.accept', from: server, to: from, proto: 'tcp', conn: id, port }, () => settled, () => settle({ kind: 'accepted', client: accepted.client }), () => service.listener(accepted.server, accepted));
    });
    return id;
  }

  /** retransmit sends a handshake packet again after 1, 2, 4, 8, 16 s while it is lost and still wanted (RFC 6298 §5). */
  private retransmit(packet: Record<string, unknown>, done: () => boolean, onArrive: () => void, onSent?: () => void, n = 0): void {
    if (done()) return;
    if (this.net.send(packet as never, onArrive)) return onSent?.();
    if (n < SYN_RETRIES_MS.length) this.scheduler.setTimeout(() => this.retransmit(packet, done, onArrive, onSent, n + 1), SYN_RETRIES_MS[n]);
  }
}
