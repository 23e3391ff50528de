/**
 * ConsoleSession: a hand-typed connection from a client host to any `host:port`, like telnet or
 * `openssl s_client`: the student sees the greeting, types lines, gets the real server
 * machines' replies, and can start TLS on request. Each typed line is recorded as a
 * `console.input` event so lessons can check what was typed.
 */
import type { Endpoint } from '../kernel/connection';
import type { World } from './world';

/** ConsoleLine: one line of the console's screen. */
export interface ConsoleLine {
  t: number;
  dir: 'C' | 'S' | 'info';
  text: string;
}

/** ConsoleSession: the open connection and its screen. */
export class ConsoleSession {
  readonly screen: ConsoleLine[] = [];
  private endpoint?: Endpoint;
  state: 'connecting' | 'open' | 'closed' = 'connecting';
  /** The connection's id in the trace (`c7`), so its transcript can be found. */
  readonly conn: string;

  constructor(
    private readonly world: World,
    readonly from: string,
    readonly to: string,
    readonly port: number,
    private readonly onChange: () => void = () => undefined,
    readonly id = 'console',
  ) {
    this.conn = world.transport.connect(from, to, port, (o) => {
      if (o.kind === 'accepted') {
        this.endpoint = o.client;
        this.state = 'open';
        this.info(`Connected to ${to} port ${port}.`);
        o.client.onLine = (line) => this.push('S', line);
        o.client.onClose = () => this.closed('Connection closed by foreign host.');
      } else if (o.kind === 'refused') this.closed(`connect to ${to} port ${port}: Connection refused`);
      else this.closed(`connect to ${to} port ${port}: Connection timed out (${o.reason})`);
    });
    world.trace.record({ type: 'console.input', what: `connect ${to} ${port}`, host: from, session: id, conn: this.conn, detail: `${to}:${port}` });
  }

  /** type sends one line as the student typed it. */
  type(line: string): void {
    this.world.trace.record({ type: 'console.input', what: line, host: this.from, detail: `${this.to}:${this.port}`, session: this.id, conn: this.conn });
    if (!this.endpoint || this.state !== 'open') return this.info('Not connected.');
    this.push('C', line);
    this.endpoint.send(line);
  }

  /** startTls begins a TLS handshake on the connection (after the server agreed to STARTTLS). */
  startTls(): void {
    if (!this.endpoint) return;
    this.info('Starting TLS handshake…');
    this.endpoint.conn.clientStartTls(this.to, (o) => this.info(o.ok ? 'TLS established: the rest of the session is encrypted.' : `TLS handshake failed: ${o.reason}`));
  }

  /** close ends the connection. */
  close(): void {
    this.endpoint?.close();
    this.closed('Connection closed.');
  }

  private push(dir: 'C' | 'S', text: string): void {
    this.screen.push({ t: this.world.scheduler.now(), dir, text });
    this.onChange();
  }

  private info(text: string): void {
    this.screen.push({ t: this.world.scheduler.now(), dir: 'info', text });
    this.onChange();
  }

  private closed(text: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.info(text);
  }
}
