/**
 * BridgeSession: one real TCP connection relayed into the simulated world. Lines from the
 * client (CRLF or bare LF) go to a simulated connection from `bridge` to the target server;
 * its lines come back with CRLF. After a client's STARTTLS/STLS the session holds further
 * lines until the answer: on the server's "ready" it discards them (RFC 3207 §4.2: nothing sent
 * before TLS may count after it), upgrades the real socket to TLS and runs the modelled
 * handshake in the world. An SMTP message after 354 goes to the world as one DATA payload.
 */
import type net from 'node:net';
import tls from 'node:tls';
import type { Endpoint } from '../sim/kernel/connection';
import type { World } from '../sim/world/world';
import { POP3_MAX_LINE } from '../sim/protocol/pop3-rules';
import { IMAP_MAX_LINE } from '../sim/protocol/imap-session';

/** BridgeMapping: one listening port and the simulated service behind it. */
export interface BridgeMapping {
  name: string;
  listen: number;
  target: string;
  port: number;
  tls: 'starttls' | 'implicit' | 'none';
  proto: 'smtp' | 'pop3' | 'imap';
}

/** MAILBOX_LINE_LIMIT: past this many octets without a line end Dovecot answers at once (the simulated servers' limits). */
const MAILBOX_LINE_LIMIT = { pop3: POP3_MAX_LINE + 1, imap: IMAP_MAX_LINE + 1 } as const;

const BYE: Record<BridgeMapping['proto'], Record<'too-many' | 'unreachable' | 'tls', string>> = {
  smtp: {
    'too-many': '421 4.7.0 bridge: too many connections, try again later',
    unreachable: '421 4.4.1 bridge: the simulated server does not answer',
    tls: '421 4.7.0 bridge: TLS handshake failed in the simulated world',
  },
  pop3: {
    'too-many': '-ERR [SYS/TEMP] bridge: too many connections',
    unreachable: '-ERR [SYS/TEMP] bridge: the simulated server does not answer',
    tls: '-ERR [SYS/TEMP] bridge: TLS handshake failed in the simulated world',
  },
  imap: {
    'too-many': '* BYE bridge: too many connections',
    unreachable: '* BYE bridge: the simulated server does not answer',
    tls: '* BYE bridge: TLS handshake failed in the simulated world',
  },
};

/** isStartTlsCommand tells whether a client line asks for TLS in this protocol. */
export function isStartTlsCommand(proto: BridgeMapping['proto'], line: string): boolean {
  const words = line.trim().split(/\s+/).map((w) => w.toUpperCase());
  if (proto === 'smtp') return words[0] === 'STARTTLS';
  if (proto === 'pop3') return words[0] === 'STLS';
  return words[1] === 'STARTTLS';
}

/** isTlsReady tells whether the answer to STARTTLS/STLS agrees to start TLS. */
export function isTlsReady(proto: BridgeMapping['proto'], answer: string): boolean {
  if (proto === 'smtp') return /^220[ -]/.test(answer);
  if (proto === 'pop3') return answer.startsWith('+OK');
  return /^\S+ OK\b/i.test(answer);
}

/** isFinalAnswer: a line that ends one answer (SMTP: `250 ` not `250-`; POP3: every response arrives whole). */
function isFinalAnswer(proto: BridgeMapping['proto'], line: string): boolean {
  return proto === 'pop3' || /^\d{3}( |$)/.test(line);
}

/** BridgeSession: the relay for one connection. */
export class BridgeSession {
  private endpoint?: Endpoint;
  /** Lines waiting for the simulated side (before connect, during a TLS upgrade). */
  private queue: { line: string; data: boolean }[] = [];
  /** The simulated connection (and its TLS, if any) is up. */
  private linked = false;
  /** The server's greeting came: like a server that reads its socket only after greeting, lines wait for it. */
  private greeted = false;
  private closed = false;
  private partial: Buffer = Buffer.alloc(0);
  /** Lines sent after STARTTLS, held until the server's answer. */
  private held?: string[];
  /** Where the answer to STARTTLS is: after `before` more answers (SMTP, POP3), or the line with `tag` (IMAP). */
  private tlsAnswer?: { before: number; tag: string };
  /** Answers still due (the greeting, then one per command), in order (RFC 2920 §3, RFC 2449 §6.6). */
  private outstanding = 1;
  /** SMTP message lines after 354, sent as one payload at the lone dot. */
  private data?: string[];
  /** An over-long SMTP line: the rest of it is thrown away. */
  private overflow = false;
  /** An over-long POP3/IMAP line went to the server, which hangs up: ignore the rest. */
  private swallow = false;

  constructor(
    private readonly world: World,
    private readonly mapping: BridgeMapping,
    private socket: net.Socket,
    private readonly secureContext: tls.SecureContext,
    private readonly maxLine: number,
    private readonly log: (line: string) => void,
    private readonly onEnd: () => void,
  ) {}

  /** refuse answers with a protocol-specific goodbye and closes (too many connections). */
  refuse(why: 'too-many'): void {
    this.log(`${this.mapping.name}: refused a connection (${why})`);
    this.socket.end(`${BYE[this.mapping.proto][why]}\r\n`);
  }

  /** start opens the simulated connection and begins relaying. */
  start(): void {
    this.attach(this.socket);
    const m = this.mapping;
    this.world.transport.connect('bridge', m.target, m.port, (outcome) => {
      if (this.closed) {
        if (outcome.kind === 'accepted') outcome.client.close();
        return;
      }
      if (outcome.kind !== 'accepted') {
        this.goodbye('unreachable');
        return;
      }
      const ep = outcome.client;
      this.endpoint = ep;
      ep.onLine = (line) => this.fromServer(line);
      ep.onClose = () => this.end();
      if (m.tls === 'implicit') this.simulatedTls(ep);
      else this.open();
    });
  }

  /** destroy drops the connection at once (bridge shutdown). */
  destroy(): void {
    this.end();
    this.socket.destroy();
  }

  private attach(socket: net.Socket): void {
    socket.on('data', (chunk: Buffer) => this.fromClient(chunk));
    socket.on('close', () => this.end());
    socket.on('error', () => this.end());
  }

  private get ready(): boolean {
    return this.linked && this.greeted;
  }

  private open(): void {
    this.linked = true;
    this.flush();
  }

  private flush(): void {
    if (!this.ready) return;
    const waiting = this.queue;
    this.queue = [];
    for (const q of waiting) this.toServer(q.line, q.data);
  }

  private simulatedTls(ep: Endpoint): void {
    ep.conn.clientStartTls(this.mapping.target, (o) => {
      if (o.ok) this.open();
      else {
        this.log(`${this.mapping.name}: simulated TLS handshake failed (${o.reason})`);
        this.goodbye('tls');
      }
    });
  }

  /**
   * fromClient cuts the byte stream into lines. A line longer than the limit is handled as the
   * real server would: SMTP (Postfix) keeps the first part, throws the rest away and answers
   * when the line ends; POP3 and IMAP (Dovecot) get the line at once and hang up.
   */
  private fromClient(chunk: Buffer): void {
    if (this.closed || this.swallow) return;
    let buf = chunk;
    if (this.overflow) {
      const nl = buf.indexOf(0x0a);
      if (nl < 0) return;
      this.overflow = false;
      this.clientLine(this.partial.toString('utf8').replace(/\r$/, ''));
      this.partial = Buffer.alloc(0);
      buf = buf.subarray(nl + 1);
      if (this.closed) return;
    }
    buf = Buffer.concat([this.partial, buf]);
    let nl: number;
    while ((nl = buf.indexOf(0x0a)) >= 0) {
      const line = buf.subarray(0, nl > 0 && buf[nl - 1] === 0x0d ? nl - 1 : nl).toString('utf8');
      buf = buf.subarray(nl + 1);
      this.clientLine(line);
      if (this.closed) return;
    }
    this.partial = buf;
    const limit = this.mapping.proto === 'smtp' ? this.maxLine : Math.min(this.maxLine, MAILBOX_LINE_LIMIT[this.mapping.proto]);
    if (buf.length <= limit) return;
    this.log(`${this.mapping.name}: a client sent more than ${limit} octets without a line end`);
    if (this.mapping.proto === 'smtp') {
      this.partial = buf.subarray(0, limit);
      this.overflow = true;
      return;
    }
    this.partial = Buffer.alloc(0);
    this.swallow = true;
    this.clientLine(buf.toString('utf8'));
  }

  private clientLine(line: string): void {
    if (this.held) {
      this.held.push(line);
      return;
    }
    if (this.data) {
      this.data.push(line);
      if (line !== '.') return;
      const payload = this.data.join('\r\n');
      this.data = undefined;
      this.send(payload, true);
      return;
    }
    if (this.mapping.tls === 'starttls' && isStartTlsCommand(this.mapping.proto, line)) {
      this.held = [];
      this.tlsAnswer = { before: this.outstanding, tag: line.trim().split(/\s+/)[0] };
    }
    this.send(line, false);
  }

  private send(line: string, data: boolean): void {
    this.outstanding++;
    if (!this.ready) this.queue.push({ line, data });
    else this.toServer(line, data);
  }

  private toServer(line: string, data: boolean): void {
    this.endpoint?.send(line, data ? { type: 'smtp.data' } : undefined);
  }

  private fromServer(line: string): void {
    if (this.closed) return;
    const proto = this.mapping.proto;
    const final = isFinalAnswer(proto, line);
    if (final) this.outstanding = Math.max(0, this.outstanding - 1);
    const answer = this.tlsAnswer;
    const isTlsAnswer = answer !== undefined && (proto === 'imap' ? line.startsWith(`${answer.tag} `) : final && answer.before-- === 0);
    if (isTlsAnswer && this.held) {
      const held = this.held;
      this.held = undefined;
      this.tlsAnswer = undefined;
      if (isTlsReady(proto, line)) {
        if (held.length) this.log(`${this.mapping.name}: dropped ${held.length} line(s) a client sent after STARTTLS in plain text`);
        this.upgrade(line);
        return;
      }
      this.write(line);
      for (const h of held) this.clientLine(h);
      return;
    }
    // RFC 5321 §4.1.1.4: after 354 the client sends the message, ended by a lone dot.
    if (this.mapping.proto === 'smtp' && /^354[ -]/.test(line)) this.data = [];
    this.write(line);
    if (!this.greeted && (final || proto === 'imap')) {
      this.greeted = true;
      this.flush();
    }
  }

  private upgrade(readyLine: string): void {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    this.partial = Buffer.alloc(0);
    this.linked = false;
    plain.write(`${readyLine}\r\n`);
    const secure = new tls.TLSSocket(plain, { isServer: true, secureContext: this.secureContext });
    this.socket = secure;
    this.attach(secure);
    if (this.endpoint) this.simulatedTls(this.endpoint);
  }

  private write(line: string): void {
    if (!this.socket.destroyed) this.socket.write(`${line}\r\n`);
  }

  private goodbye(why: 'unreachable' | 'tls'): void {
    this.write(BYE[this.mapping.proto][why]);
    this.end();
  }

  private end(): void {
    if (this.closed) return;
    this.closed = true;
    this.endpoint?.close();
    if (!this.socket.destroyed) this.socket.end();
    this.onEnd();
  }
}
