/**
 * The trace: the one append-only, typed record of everything that happened in a world.
 *
 * Every view (network animation, transcript, event list, lesson checks, the CLI) is a function of
 * `(trace, now)`. Events are plain serialisable objects with a virtual time `t` (ms since the
 * scenario's start) and a dotted `type`. Same scenario + same seed ⇒ byte-identical trace.
 */

/** Protocols a packet can carry, as the event list filters them. */
export type Proto = 'tcp' | 'tls' | 'smtp' | 'lmtp' | 'dns' | 'pop3' | 'imap';

/** Fields every trace event has. */
export interface TraceBase {
  /** Virtual time in milliseconds since the scenario's start. */
  t: number;
  /** Dotted `domain.verb` name, e.g. `smtp.reply`. */
  type: string;
}

/**
 * PacketFields: an event that travels across the network from one host to another.
 * `route` lists every host it passes (first = `from`, last = `to`); it leaves at `t` and
 * arrives at `arrive`. The network view animates exactly these.
 */
export interface PacketFields {
  from: string;
  to: string;
  route: string[];
  arrive: number;
  proto: Proto;
  /** Connection id (`c1`, `c2`, ...) for TCP traffic; absent for DNS over UDP. */
  conn?: string;
  port?: number;
  /** True when the payload travelled inside TLS (drawn as encrypted). */
  tls?: boolean;
}

/** NetConnect: a client opens a TCP connection (the SYN). */
export interface NetConnect extends TraceBase, PacketFields {
  type: 'net.connect';
}
/** NetAccept: the server accepted the connection (SYN-ACK). */
export interface NetAccept extends TraceBase, PacketFields {
  type: 'net.accept';
}
/** NetRefuse: nothing listens on the port; the host answers with a reset. */
export interface NetRefuse extends TraceBase, PacketFields {
  type: 'net.refuse';
}
/** NetTimeout: no answer at all (host down, filtered, link lost); the client gives up. */
export interface NetTimeout extends TraceBase {
  type: 'net.timeout';
  conn: string;
  from: string;
  to: string;
  port: number;
  /** Why nothing answered, for the explainer (`host-down`, `filtered`, `no-route`, `idle`). */
  reason: string;
}
/** NetClose: one side closed the connection. */
export interface NetClose extends TraceBase, PacketFields {
  type: 'net.close';
}
/** NetDrop: a packet was lost on a link (loss or partition fault). */
export interface NetDrop extends TraceBase {
  type: 'net.drop';
  conn?: string;
  from: string;
  to: string;
  at: string;
  reason: string;
}

/** TlsStep: one message of the modelled TLS handshake. */
export interface TlsStep extends TraceBase, PacketFields {
  type: 'tls.step';
  step: 'ClientHello' | 'ServerHello' | 'Certificate' | 'Finished' | 'Alert';
  /** Certificate subject / alert text. */
  detail?: string;
}
/** TlsResult: the handshake ended, established or failed with a reason. */
export interface TlsResult extends TraceBase {
  type: 'tls.established' | 'tls.failed';
  conn: string;
  client: string;
  server: string;
  port: number;
  reason?: string;
}

/** ProtoLine: one protocol line (command or reply) of SMTP, LMTP, POP3 or IMAP. */
export interface ProtoLine extends TraceBase, PacketFields {
  type:
    | 'smtp.command' | 'smtp.reply' | 'smtp.data'
    | 'pop3.command' | 'pop3.reply'
    | 'imap.command' | 'imap.reply';
  dir: 'C' | 'S';
  /** The line as sent, without CRLF. For `smtp.data` the whole dot-stuffed content. */
  line: string;
  /** Reply code and enhanced code, parsed, on SMTP replies. */
  code?: number;
  enhanced?: string;
  /** The message this line belongs to, when one is in flight. */
  msg?: string;
}

/** DnsQuery: a resolver asks a name server. */
export interface DnsQuery extends TraceBase, PacketFields {
  type: 'dns.query';
  id: string;
  name: string;
  qtype: string;
}
/** DnsAnswer: the name server's answer, or the resolver's verdict (timeout). */
export interface DnsAnswer extends TraceBase, PacketFields {
  type: 'dns.answer';
  id: string;
  name: string;
  qtype: string;
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'TIMEOUT';
  answers: string[];
  /** True when the resolver answered from its cache (no packet travelled). */
  cached?: boolean;
}

/** QueueEvent: the MTA queue's bookkeeping for one message and recipient domain. */
export interface QueueEvent extends TraceBase {
  type: 'queue.enqueue' | 'queue.attempt' | 'queue.defer' | 'queue.sent' | 'queue.bounce' | 'queue.expire' | 'queue.flush';
  host: string;
  msg: string;
  rcpts: string[];
  domain?: string;
  /** The host tried or the reply that decided it. */
  target?: string;
  code?: number;
  enhanced?: string;
  reason?: string;
  attempt?: number;
  nextRetry?: number;
}

/** MailEvent: the life of a message outside a protocol line: created, stored, rejected, changed in transit, fate. */
export interface MailEvent extends TraceBase, Partial<Omit<PacketFields, 'from' | 'to'>> {
  type: 'mail.submit' | 'mail.store' | 'mail.reject' | 'mail.error' | 'mail.fetch' | 'mail.modify';
  host: string;
  /** For a hand-off between hosts (MX → mail store), the hosts it travelled between. */
  via?: string;
  msg: string;
  from?: string;
  to?: string[];
  mailbox?: string;
  folder?: string;
  code?: number;
  enhanced?: string;
  reason?: string;
  subject?: string;
}

/** AuthEvent: SPF, DKIM, DMARC or spam verdicts at a receiving server. */
export interface AuthEvent extends TraceBase {
  type: 'auth.spf' | 'auth.dkim' | 'auth.dmarc' | 'auth.spam';
  host: string;
  msg: string;
  result: string;
  domain?: string;
  reason?: string;
}

/** FaultEvent: a fault was switched on or off (by the scenario, CLI or UI). */
export interface FaultEvent extends TraceBase {
  type: 'fault.inject' | 'fault.clear';
  id: string;
  kind: string;
  target: string;
}

/** WorldEvent: changes made to the running world (a DNS edit, an account setting, a console command). */
export interface WorldEvent extends TraceBase {
  type: 'world.start' | 'world.change' | 'world.end' | 'console.input';
  what: string;
  detail?: string;
  host?: string;
  /** For console input: the console session's id and its connection. */
  session?: string;
  conn?: string;
}

/** MessageFate: one per message and recipient at the end of a run. */
export interface MessageFate extends TraceBase {
  type: 'message.fate';
  id: string;
  from: string;
  to: string;
  fate: 'delivered' | 'bounced' | 'rejected' | 'queued';
  mailbox?: string;
  folder?: string;
  code?: number;
  enhanced?: string;
  reason?: string;
  /** When still queued: the next retry time. */
  nextRetry?: number;
}

/** TraceEvent: the union of all event kinds. */
export type TraceEvent =
  | NetConnect | NetAccept | NetRefuse | NetTimeout | NetClose | NetDrop
  | TlsStep | TlsResult | ProtoLine | DnsQuery | DnsAnswer
  | QueueEvent | MailEvent | AuthEvent | FaultEvent | WorldEvent | MessageFate;

/** TraceEventInput: an event as an agent records it; the trace stamps the time. */
export type TraceEventInput = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 't'> : never) : never;

/** isPacket tells whether an event travels across the network (and so is animated). */
export function isPacket(e: TraceEvent): e is TraceEvent & TraceBase & PacketFields {
  return 'route' in e && Array.isArray((e as PacketFields).route);
}

/**
 * Trace: append-only list of events, stamped with the scheduler's clock.
 * Listeners see each event as it is appended (the worker streams them to the page).
 */
export class Trace {
  readonly events: TraceEvent[] = [];
  private listeners: ((e: TraceEvent) => void)[] = [];

  constructor(private readonly now: () => number) {}

  /** record appends an event stamped with the current virtual time and returns it. */
  record<E extends TraceEventInput>(event: E): TraceEvent {
    const stamped = { t: this.now(), ...event } as unknown as TraceEvent;
    this.events.push(stamped);
    for (const l of this.listeners) l(stamped);
    return stamped;
  }

  /** subscribe calls `fn` for every event appended from now on. */
  subscribe(fn: (e: TraceEvent) => void): () => void {
    this.listeners.push(fn);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== fn);
    };
  }

  /** toJsonLines prints the trace as JSON lines, as `--json` does. */
  toJsonLines(): string {
    return this.events.map((e) => JSON.stringify(e)).join('\n') + (this.events.length ? '\n' : '');
  }
}
