/**
 * A synthetic stress world for the UI benchmark: 100 hosts and a trace that keeps about 500
 * packets in flight at every moment. It measures the renderer, not the mail system.
 */
import type { Proto, TraceEvent } from '../sim/kernel/trace';
import type { HostView, WorldView } from '../sim/world/view-model';

const ROLES: HostView['role'][] = ['client', 'submission', 'mta', 'mx', 'store', 'dns', 'client', 'relay'];
const PROTOS: [Proto, string][] = [['smtp', 'smtp.command'], ['smtp', 'smtp.reply'], ['dns', 'dns.query'], ['tls', 'tls.step'], ['imap', 'imap.command'], ['pop3', 'pop3.reply'], ['tcp', 'net.connect']];

type StressRun = { trace: TraceEvent[]; view: WorldView; horizon: number };
let cached: StressRun | undefined;

/** stressRun builds the stress world (once): 100 hosts, about 500 packets in the air throughout. */
export function stressRun(): StressRun {
  return (cached ??= buildStressRun(100, 500, 20_000));
}

function buildStressRun(hosts: number, inFlight: number, durationMs: number): StressRun {
  let seed = 42;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const routers = Array.from({ length: 8 }, (_, i) => `router-${i}`);
  const names = Array.from({ length: hosts - routers.length }, (_, i) => `host-${i}.example.net`);
  const hostViews: HostView[] = [
    ...routers.map((name, i) => ({ name, role: 'router' as const, ip: `198.51.100.${i + 1}`, services: [], config: [], states: [], sessions: 0, queueLength: 0, faults: [] })),
    ...names.map((name, i) => ({ name, role: ROLES[i % ROLES.length], ip: `203.0.113.${i + 10}`, services: [], config: [], states: [], sessions: 0, queueLength: 0, faults: [] })),
  ];
  const edge = (name: string) => routers[Math.abs([...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7)) % routers.length];
  const links = [
    ...names.map((n) => ({ id: `${n}~${edge(n)}`, a: n, b: edge(n), latency: 5, loss: 0, up: true })),
    ...routers.slice(1).map((r, i) => ({ id: `${routers[i]}~${r}`, a: routers[i], b: r, latency: 5, loss: 0, up: true })),
  ];
  const flight = 1000;
  const gap = flight / inFlight;
  const trace: TraceEvent[] = [];
  for (let t = 0, i = 0; t < durationMs; t += gap, i++) {
    const from = names[Math.floor(rand() * names.length)];
    let to = names[Math.floor(rand() * names.length)];
    if (to === from) to = names[(names.indexOf(from) + 1) % names.length];
    const a = routers.indexOf(edge(from));
    const b = routers.indexOf(edge(to));
    const step = a <= b ? 1 : -1;
    const mid: string[] = [];
    for (let r = a; r !== b + step; r += step) mid.push(routers[r]);
    const [proto, type] = PROTOS[i % PROTOS.length];
    trace.push({ t: Math.round(t * 100) / 100, type, from, to, route: [from, ...mid, to], arrive: Math.round((t + flight) * 100) / 100, proto, conn: `c${i}`, port: 25, tls: i % 3 === 0, dir: 'C', line: `LINE ${i}`, step: 'ClientHello', id: `q${i}`, name: 'example.org', qtype: 'MX' } as unknown as TraceEvent);
  }
  const view: WorldView = { t: 0, epoch: Date.UTC(2026, 2, 2, 9), title: 'Stress world', hosts: hostViews, links, queues: [], mailboxes: [], zones: [], accounts: [], faults: [], auth: [] };
  return { trace, view, horizon: durationMs + flight };
}
