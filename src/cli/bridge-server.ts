/**
 * startBridge: the TCP bridge between real mail clients and the simulated world. It runs a world
 * with virtual time following the wall clock (or faster), and listens on 127.0.0.1 only: each
 * real connection becomes a simulated connection from the virtual host `bridge` to a simulated
 * server, line by line. STARTTLS is real TLS on the socket (a certificate made at start with
 * `selfsigned`) and a modelled handshake in the world; implicit-TLS ports are TLS servers.
 * Limits: bounded connections and line length, each with a clear reply; a client that
 * misbehaves only loses its own connection.
 */
import net from 'node:net';
import tls from 'node:tls';
import { generate } from 'selfsigned';
import { prepareWorld } from '../sim/world/simulate';
import type { World } from '../sim/world/world';
import type { TraceEvent } from '../sim/kernel/trace';
import { BridgeSession, type BridgeMapping } from './bridge-session';

export type { BridgeMapping } from './bridge-session';

/** BridgeOptions: what to run and where. */
export interface BridgeOptions {
  /** Listening ports are portBase + 587, 465, 525 (MX), 110, 995, 143, 993: with 2000, 2587 … 2993. */
  portBase?: number;
  /** Virtual seconds per real second (default 1). */
  speed?: number;
  scenarioText?: string;
  scenarioFile?: string;
  seed?: number;
  /** Keep the default world's two demo mails (default false). */
  defaultSends?: boolean;
  /** Connections open at once before new ones are refused (default 50, like Postfix per client). */
  maxConnections?: number;
  /** Octets without a line end before the bridge gives up on a connection (default 65536). */
  maxLineOctets?: number;
  /** Called with each trace event as it happens. */
  onEvent?: (e: TraceEvent) => void;
  /** Called with the bridge's own notes (connections, TLS, refusals). */
  log?: (line: string) => void;
}

/** Bridge: a running bridge. */
export interface Bridge {
  world: World;
  mappings: BridgeMapping[];
  /** The bridge's certificate (PEM), valid for the simulated host names, 127.0.0.1 and localhost. */
  certificate: string;
  /** close stops listening, drops every connection and stops the clock. */
  close(): Promise<void>;
}

/** BRIDGE_HOST: the virtual host real clients appear to connect from. */
export const BRIDGE_HOST = 'bridge';

/** DEFAULT_MAPPINGS: the simulated services and their offset from the port base (MX 25 → 525, so 2525 by default). */
const DEFAULT_MAPPINGS: (Omit<BridgeMapping, 'listen'> & { offset: number })[] = [
  { name: 'submission', target: 'smtp.example.com', port: 587, offset: 587, tls: 'starttls', proto: 'smtp' },
  { name: 'submissions', target: 'smtp.example.com', port: 465, offset: 465, tls: 'implicit', proto: 'smtp' },
  { name: 'MX', target: 'mx1.example.org', port: 25, offset: 525, tls: 'starttls', proto: 'smtp' },
  { name: 'POP3', target: 'mail.example.org', port: 110, offset: 110, tls: 'starttls', proto: 'pop3' },
  { name: 'POP3S', target: 'mail.example.org', port: 995, offset: 995, tls: 'implicit', proto: 'pop3' },
  { name: 'IMAP', target: 'mail.example.org', port: 143, offset: 143, tls: 'starttls', proto: 'imap' },
  { name: 'IMAPS', target: 'mail.example.org', port: 993, offset: 993, tls: 'implicit', proto: 'imap' },
];

/** addBridgeHost puts the virtual host `bridge` into the world, on a free documentation address, linked to the internet. */
function addBridgeHost(world: World, targets: string[]): void {
  const used = new Set([...world.net.hosts.values()].map((h) => h.ip));
  let n = 200;
  while (used.has(`198.51.100.${n}`) && n < 254) n++;
  world.net.addHost({ name: BRIDGE_HOST, role: 'client', ip: `198.51.100.${n}`, net: 'bridge' });
  if (world.net.hosts.has('internet')) world.net.addLink(BRIDGE_HOST, 'internet', 5);
  else for (const t of new Set(targets)) world.net.addLink(BRIDGE_HOST, t, 5);
}

async function makeCertificate(names: string[]): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: names[0] ?? 'localhost' }], {
    keyType: 'ec', algorithm: 'sha256', notAfterDate: new Date(Date.now() + 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...names.map((value) => ({ type: 2 as const, value })), { type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

function listen(server: net.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** startBridge builds the world, opens the listeners and starts the clock. */
export async function startBridge(opts: BridgeOptions = {}): Promise<Bridge> {
  const base = opts.portBase ?? 2000;
  const speed = opts.speed ?? 1;
  const log = opts.log ?? (() => undefined);
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`speed must be a positive number, got ${speed}`);
  // Without a scenario: the default world without its demo mails, so what a real client sends is UID 1.
  const prepared = prepareWorld({ scenarioText: opts.scenarioText, scenarioFile: opts.scenarioFile, seed: opts.seed, defaultSends: opts.defaultSends ?? false });
  if (!prepared.ok) {
    throw new Error(prepared.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.path ? `${e.path}: ` : ''}${e.message.en}`).join('\n'));
  }
  const world = prepared.world;
  const mappings: BridgeMapping[] = DEFAULT_MAPPINGS
    .filter((m) => world.transport.servicesOf(m.target).some(([port]) => port === m.port))
    .map(({ offset, ...m }) => ({ ...m, listen: base + offset }));
  addBridgeHost(world, mappings.map((m) => m.target));
  // Events from before the bridge subscribed (the world's start) are handed over first.
  for (const e of world.trace.events) opts.onEvent?.(e);
  const unsubscribe = opts.onEvent ? world.trace.subscribe(opts.onEvent) : () => undefined;
  const { key, cert } = await makeCertificate([...new Set(mappings.map((m) => m.target))]);
  const secureContext = tls.createSecureContext({ key, cert });

  const sessions = new Set<BridgeSession>();
  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();
  const limits = { maxConnections: opts.maxConnections ?? 50, maxLineOctets: opts.maxLineOctets ?? 65536 };
  const accept = (mapping: BridgeMapping, socket: net.Socket) => {
    socket.on('error', () => undefined);
    const session = new BridgeSession(world, mapping, socket, secureContext, limits.maxLineOctets, log, () => sessions.delete(session));
    if (sessions.size >= limits.maxConnections) {
      session.refuse('too-many');
      return;
    }
    sessions.add(session);
    session.start();
  };
  try {
    for (const m of mappings) {
      const server = m.tls === 'implicit'
        ? tls.createServer({ key, cert }, (socket) => accept(m, socket))
        : net.createServer((socket) => accept(m, socket));
      // A client that fails the TLS handshake (plain text on an implicit-TLS port) only loses its own connection.
      server.on('tlsClientError', (e: Error) => log(`${m.name}: TLS handshake with a client failed: ${e.message}`));
      server.on('error', (e: Error) => log(`${m.name}: ${e.message}`));
      server.on('connection', (socket: net.Socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      servers.push(server);
      await listen(server, m.listen);
    }
  } catch (e) {
    for (const s of servers) s.close();
    unsubscribe();
    throw e;
  }

  // Virtual time follows the wall clock: each tick runs the world up to "now × speed".
  const t0 = performance.now();
  const v0 = world.scheduler.now();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = world.run(v0 + Math.floor((performance.now() - t0) * speed)).catch((e: unknown) => log(`world: ${e instanceof Error ? e.message : String(e)}`)).then(() => {
      if (!stopped) timer = setTimeout(tick, 10);
    });
  };
  tick();

  return {
    world,
    mappings,
    certificate: cert,
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      for (const s of [...sessions]) s.destroy();
      for (const s of [...sockets]) s.destroy();
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
      unsubscribe();
    },
  };
}
