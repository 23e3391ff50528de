/**
 * Connection: a TCP-like byte stream between a client and a server port, carrying protocol lines.
 *
 * `connect` models the three outcomes a real client meets: accepted (a service listens), refused
 * (the host is up but nothing listens: a reset comes back at once) and timed out (the host is
 * down or a firewall drops the SYN: nothing comes back). Lost packets are retransmitted with
 * TCP-like backoff; a connection that cannot deliver for long breaks. TLS is a modelled
 * handshake (ClientHello, ServerHello + Certificate, Finished) after which lines are encrypted.
 */
import type { Network } from './network';
import type { Scheduler } from './scheduler';
import type { Trace, Proto, ProtoLine } from './trace';

/** Certificate: what a server presents in the modelled TLS handshake. */
export interface Certificate {
  /** Names the certificate is valid for. */
  names: string[];
  /** Virtual time after which it is expired (ms); undefined = valid throughout. */
  notAfter?: number;
  /** Issued by a trusted CA (false for a self-signed one). */
  trusted: boolean;
}

/** LineMeta: extra fields a sender attaches to a protocol line for the trace. */
export interface LineMeta {
  type?: ProtoLine['type'];
  msg?: string;
}

/** Endpoint: one side of a connection as its protocol machine sees it. */
export interface Endpoint {
  readonly conn: Connection;
  readonly side: 'client' | 'server';
  /** send writes one line (without CRLF) to the peer. */
  send(line: string, meta?: LineMeta): void;
  /** close ends the connection from this side. */
  close(): void;
  /** onLine is called for each line from the peer (set by the owner). */
  onLine: (line: string) => void;
  /** onClose is called when the peer closes or the connection breaks. */
  onClose: (reason: 'peer' | 'broken') => void;
}

/** TlsOutcome: how a handshake ended. */
export type TlsOutcome = { ok: true } | { ok: false; reason: TlsFailure };
/** TlsFailure: why a handshake failed, as the client library reports it. */
export type TlsFailure = 'wrong-version-number' | 'cert-expired' | 'cert-name-mismatch' | 'cert-untrusted' | 'handshake-timeout' | 'closed';

/** ConnectOutcome: the three ways a connection attempt ends. */
export type ConnectOutcome =
  | { kind: 'accepted'; client: Endpoint }
  | { kind: 'refused' }
  | { kind: 'timeout'; reason: string };

/** Listener: a service on a port; gets the server endpoint of each accepted connection. */
export type Listener = (server: Endpoint, conn: Connection) => void;

/** CONNECT_TIMEOUT_MS: how long a client waits for a SYN-ACK (Postfix smtp_connect_timeout = 30 s). */
export const CONNECT_TIMEOUT_MS = 30_000;
const RETRANSMIT_MS = [1000, 2000, 4000, 8000, 16000];

/** Connection: one established (or establishing) TCP-like connection. */
export class Connection {
  tls = false;
  /** The client's n-th connection attempt to this server (set by the transport). */
  attempt = 1;
  /** Sides that have closed; data already on the wire still arrives (as after a TCP FIN). */
  private closedBy = new Set<'client' | 'server'>();
  readonly client: Endpoint;
  readonly server: Endpoint;
  /** Set while one side waits for the peer's TLS handshake messages. */
  private tlsWait: { side: 'client' | 'server'; serverName?: string; cert?: Certificate; done: (o: TlsOutcome) => void } | undefined;
  private peerTls: { side: 'server'; cert: Certificate; done: (o: TlsOutcome) => void } | undefined;

  constructor(
    readonly id: string,
    readonly clientHost: string,
    readonly serverHost: string,
    readonly port: number,
    readonly proto: Proto,
    private readonly net: Network,
    private readonly scheduler: Scheduler,
    private readonly trace: Trace,
  ) {
    this.client = this.endpoint('client');
    this.server = this.endpoint('server');
  }

  /**
   * clientStartTls begins the handshake from the client (after STARTTLS, or at once for
   * implicit TLS). The server side must call `serverAwaitTls` to take part; a server that
   * does not (plaintext port) sends plain lines, which the client reports as a wrong version.
   */
  clientStartTls(serverName: string, done: (o: TlsOutcome) => void, opts: { verify?: boolean } = {}): void {
    const verify = opts.verify ?? true;
    this.tlsWait = { side: 'client', serverName, done };
    this.packet('client', { type: 'tls.step', step: 'ClientHello', detail: `SNI ${serverName}` }, () => {
      const server = this.peerTls;
      if (!server) {
        // Nobody on the server side speaks TLS: it reads the ClientHello as a garbled command.
        this.server.onLine('\u0016\u0003\u0001 (TLS ClientHello bytes)');
        return;
      }
      this.packet('server', { type: 'tls.step', step: 'ServerHello', detail: `certificate for ${server.cert.names.join(', ')}` }, () => {
        const problem = checkCertificate(server.cert, serverName, this.scheduler.now());
        // Opportunistic TLS between MTAs (RFC 7435, Postfix smtp_tls_security_level=may) does not
        // verify the certificate: the session is encrypted but "untrusted", and mail still flows.
        if (problem && !verify) {
          this.packet('client', { type: 'tls.step', step: 'Finished', detail: `certificate not verified (${problem})` }, () => {
            this.tls = true;
            this.finishTls({ ok: true }, `untrusted: ${problem}`);
          });
          return;
        }
        if (problem) {
          this.packet('client', { type: 'tls.step', step: 'Alert', detail: problem }, () => undefined);
          this.finishTls({ ok: false, reason: problem });
          return;
        }
        this.packet('client', { type: 'tls.step', step: 'Finished' }, () => {
          this.tls = true;
          this.finishTls({ ok: true });
        });
      });
    });
  }

  /** open is true until either side has closed. */
  get open(): boolean {
    return this.closedBy.size === 0 && !this.broken;
  }

  /** serverAwaitTls makes the server side answer the next ClientHello with this certificate. */
  serverAwaitTls(cert: Certificate, done: (o: TlsOutcome) => void): void {
    this.peerTls = { side: 'server', cert, done };
  }

  private finishTls(outcome: TlsOutcome, note?: string): void {
    const client = this.tlsWait;
    const server = this.peerTls;
    this.tlsWait = undefined;
    this.peerTls = undefined;
    this.trace.record(
      outcome.ok
        ? { type: 'tls.established', conn: this.id, client: this.clientHost, server: this.serverHost, port: this.port, ...(note ? { reason: note } : {}) }
        : { type: 'tls.failed', conn: this.id, client: this.clientHost, server: this.serverHost, port: this.port, reason: outcome.reason },
    );
    server?.done(outcome);
    client?.done(outcome);
  }

  private endpoint(side: 'client' | 'server'): Endpoint {
    const ep: Endpoint = {
      conn: this,
      side,
      send: (line, meta) => {
        if (this.closedBy.has(side) || this.broken) return;
        const type = meta?.type ?? (side === 'client' ? `${lineProto(this.proto)}.command` : `${lineProto(this.proto)}.reply`);
        const extra: Record<string, unknown> = { type, dir: side === 'client' ? 'C' : 'S', line };
        if (meta?.msg) extra.msg = meta.msg;
        const code = /^(\d{3})[ -](\d\.\d{1,3}\.\d{1,3})?/.exec(line);
        if (side === 'server' && this.proto === 'smtp' && code) {
          extra.code = Number(code[1]);
          if (code[2]) extra.enhanced = code[2];
        }
        this.packet(side, extra, () => {
          const peer = side === 'client' ? this.server : this.client;
          // A client waiting for a TLS ServerHello that gets a plaintext line fails the handshake.
          if (side === 'server' && this.tlsWait?.side === 'client') {
            this.finishTls({ ok: false, reason: 'wrong-version-number' });
            return;
          }
          peer.onLine(line);
        });
      },
      close: () => {
        if (this.closedBy.has(side) || this.broken) return;
        const first = this.closedBy.size === 0;
        this.closedBy.add(side);
        // Only the first close is a packet worth showing; the peer's answer to it is implied.
        if (!first) return;
        this.packet(side, { type: 'net.close' }, () => {
          const peer = side === 'client' ? 'server' : 'client';
          this.closedBy.add(peer);
          (side === 'client' ? this.server : this.client).onClose('peer');
        });
      },
      onLine: () => undefined,
      onClose: () => undefined,
    };
    return ep;
  }

  /** broken is set when packets could not be delivered for too long. */
  broken = false;

  /** Per direction: the next sequence number to send, the next one to hand over, and early arrivals. */
  private order = { client: { next: 0, due: 0, early: new Map<number, () => void>() }, server: { next: 0, due: 0, early: new Map<number, () => void>() } };

  /**
   * packet sends one packet of this connection, retransmitting when a link loses it. Like TCP,
   * the receiver gets each direction's packets in the order they were sent (RFC 9293 §3.4):
   * one that arrives before a lost earlier one waits for its retransmission.
   */
  private packet(side: 'client' | 'server', fields: Record<string, unknown>, onArrive: () => void, attempt = 0, seq?: number): void {
    const n = seq ?? this.order[side].next++;
    const from = side === 'client' ? this.clientHost : this.serverHost;
    const to = side === 'client' ? this.serverHost : this.clientHost;
    if (attempt === 0 && ((this.net.faults.hostDown(to) && fields.type !== 'net.close') || this.net.faults.hostDown(from))) {
      // A host went down mid-session: packets to or from it vanish and the other side's timers decide.
      this.trace.record({ type: 'net.drop', conn: this.id, from, to, at: to, reason: 'host-down' });
      this.inOrder(side, n, () => undefined);
      return;
    }
    const proto: Proto = String(fields.type).startsWith('tls.') ? 'tls' : String(fields.type).startsWith('net.') ? 'tcp' : this.proto;
    const delivered = this.net.send(
      { ...fields, from, to, proto, conn: this.id, port: this.port, tls: this.tls } as never,
      () => this.inOrder(side, n, () => {
        // A side that has closed reads nothing more.
        const receiver = side === 'client' ? 'server' : 'client';
        if (!this.broken && !this.closedBy.has(receiver)) onArrive();
      }),
    );
    if (!delivered) {
      if (attempt >= RETRANSMIT_MS.length) {
        this.broken = true;
        this.client.onClose('broken');
        this.server.onClose('broken');
        return;
      }
      this.scheduler.setTimeout(() => this.packet(side, fields, onArrive, attempt + 1, n), RETRANSMIT_MS[attempt]);
    }
  }

  private inOrder(side: 'client' | 'server', n: number, deliver: () => void): void {
    const o = this.order[side];
    o.early.set(n, deliver);
    for (let next = o.early.get(o.due); next; next = o.early.get(o.due)) {
      o.early.delete(o.due);
      o.due++;
      next();
    }
  }
}

function lineProto(p: Proto): 'smtp' | 'pop3' | 'imap' {
  return p === 'pop3' || p === 'imap' ? p : 'smtp';
}

/** checkCertificate returns the client's complaint about a certificate, or undefined if valid. */
export function checkCertificate(cert: Certificate, serverName: string, now: number): TlsFailure | undefined {
  if (cert.notAfter !== undefined && now > cert.notAfter) return 'cert-expired';
  if (!cert.names.some((n) => n === serverName || (n.startsWith('*.') && serverName.endsWith(n.slice(1))))) return 'cert-name-mismatch';
  if (!cert.trusted) return 'cert-untrusted';
  return undefined;
}
