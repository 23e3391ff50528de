/**
 * Topology layout: where each host is drawn. Fixed coordinates from the scenario win; otherwise
 * hosts fall into columns along the journey of a mail (sender → submission → relay → MX → store
 * → reader) and d3-force, run to rest with its deterministic random source, spreads them apart.
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';

/** LayoutHost: what the layout needs of a host. */
export interface LayoutHost {
  name: string;
  role: string;
  pos?: { x: number; y: number };
  /** For clients: whether it mostly sends (drawn left) or reads mail (drawn right). */
  side?: 'sender' | 'reader';
}

/** LayoutLink: what the layout needs of a link. */
export interface LayoutLink {
  a: string;
  b: string;
}

/** Point: a position in layout units. */
export interface Point {
  x: number;
  y: number;
}

/** Layout: positions by host name, plus the size of the drawing. */
export interface Layout {
  width: number;
  height: number;
  positions: Map<string, Point>;
}

/** ROLE_COLUMN: the column of each server role along a mail's journey. */
const ROLE_COLUMN: Record<string, number> = {
  attacker: 0,
  submission: 2,
  mta: 3,
  relay: 3,
  list: 3,
  dns: 3.5,
  mx: 4,
  store: 5,
};
const SENDER_COLUMN = 0;
const READER_COLUMN = 6;

interface Node extends SimulationNodeDatum {
  name: string;
  role: string;
  column: number;
}

/** neighbours builds the adjacency of the topology. */
function neighbours(hosts: LayoutHost[], links: LayoutLink[]): Map<string, string[]> {
  const adj = new Map<string, string[]>(hosts.map((h) => [h.name, []]));
  for (const l of links) {
    adj.get(l.a)?.push(l.b);
    adj.get(l.b)?.push(l.a);
  }
  return adj;
}

/**
 * columnOf gives a host its column: servers by role; a client beside the nearest server it
 * reaches (readers of a store or MX on the right, senders on the left); a router between its
 * neighbours.
 */
function columnOf(h: LayoutHost, byName: Map<string, LayoutHost>, adj: Map<string, string[]>): number {
  if (h.role in ROLE_COLUMN) return ROLE_COLUMN[h.role];
  if (h.role === 'client' && h.side) return h.side === 'reader' ? READER_COLUMN : SENDER_COLUMN;
  if (h.role === 'client') {
    const seen = new Set([h.name]);
    let frontier = [h.name];
    while (frontier.length) {
      const next: string[] = [];
      const found: number[] = [];
      for (const n of frontier) {
        for (const m of adj.get(n) ?? []) {
          if (seen.has(m)) continue;
          seen.add(m);
          const role = byName.get(m)?.role ?? '';
          if (role in ROLE_COLUMN && role !== 'dns' && role !== 'attacker') found.push(ROLE_COLUMN[role]);
          else next.push(m);
        }
      }
      if (found.length) return Math.min(...found) >= ROLE_COLUMN.mx ? READER_COLUMN : SENDER_COLUMN;
      frontier = next;
    }
    return SENDER_COLUMN;
  }
  return -1; // routers and unknown roles: placed between their neighbours below
}

/**
 * layoutHosts places every host inside `width` × `height`. The result depends only on the hosts
 * and links given (d3-force's random source is seeded), so the same world always looks the same.
 */
export function layoutHosts(hosts: LayoutHost[], links: LayoutLink[], width = 1200, height = 700): Layout {
  const margin = 70;
  const positions = new Map<string, Point>();
  if (hosts.length === 0) return { width, height, positions };
  if (hosts.every((h) => h.pos)) {
    for (const h of hosts) positions.set(h.name, { x: margin + h.pos!.x * (width - 2 * margin), y: margin + h.pos!.y * (height - 2 * margin) });
    return { width, height, positions };
  }
  const byName = new Map(hosts.map((h) => [h.name, h]));
  const adj = neighbours(hosts, links);
  const columns = new Map(hosts.map((h) => [h.name, columnOf(h, byName, adj)]));
  for (let pass = 0; pass < 3; pass++) {
    for (const h of hosts) {
      if (h.role in ROLE_COLUMN || h.role === 'client') continue;
      const cols = (adj.get(h.name) ?? []).map((n) => columns.get(n) ?? -1).filter((c) => c >= 0);
      columns.set(h.name, cols.length ? cols.reduce((s, c) => s + c, 0) / cols.length : 1);
    }
  }
  const maxCol = READER_COLUMN;
  const colX = (c: number) => margin + (Math.max(0, c) / maxCol) * (width - 2 * margin);
  const perColumn = new Map<number, number>();
  const nodes: Node[] = hosts.map((h) => {
    const column = columns.get(h.name) ?? 1;
    const row = perColumn.get(column) ?? 0;
    perColumn.set(column, row + 1);
    const fixed = h.pos ? { fx: margin + h.pos.x * (width - 2 * margin), fy: margin + h.pos.y * (height - 2 * margin) } : {};
    return { name: h.name, role: h.role, column, x: colX(column), y: margin + row * 90, ...fixed };
  });
  const index = new Map(nodes.map((n) => [n.name, n]));
  const edges = links.filter((l) => index.has(l.a) && index.has(l.b)).map((l) => ({ source: l.a, target: l.b }));
  const crowd = Math.max(...perColumn.values());
  const collide = Math.min(60, Math.max(18, (height - 2 * margin) / crowd / 2));
  const sim = forceSimulation<Node>(nodes)
    .force('x', forceX<Node>((n) => colX(n.column)).strength((n) => (n.role === 'router' ? 0.25 : 0.9)))
    .force('y', forceY<Node>((n) => (n.role === 'dns' ? margin : height / 2)).strength((n) => (n.role === 'dns' ? 0.5 : 0.06)))
    .force('link', forceLink<Node, { source: string | Node; target: string | Node }>(edges).id((n) => n.name).distance(120).strength(0.15))
    .force('charge', forceManyBody<Node>().strength(-260).distanceMax(400))
    .force('collide', forceCollide<Node>(collide))
    .stop();
  sim.tick(300);
  const xs = nodes.map((n) => n.x ?? 0);
  const ys = nodes.map((n) => n.y ?? 0);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = maxX > minX ? (width - 2 * margin) / (maxX - minX) : 1;
  const sy = maxY > minY ? (height - 2 * margin) / (maxY - minY) : 1;
  for (const n of nodes) {
    const x = maxX > minX ? margin + ((n.x ?? 0) - minX) * sx : width / 2;
    const y = maxY > minY ? margin + ((n.y ?? 0) - minY) * sy : height / 2;
    positions.set(n.name, { x: Math.round(x), y: Math.round(y) });
  }
  return { width, height, positions };
}

const READ_PORTS = new Set([110, 143, 993, 995]);

/**
 * clientSides tells, from the connections in a trace, which hosts only read mail (IMAP/POP3)
 * and which send it, so the layout puts readers at the end of the journey.
 */
export function clientSides(trace: readonly { type: string; from?: unknown; port?: unknown }[]): Map<string, 'sender' | 'reader'> {
  const reads = new Set<string>();
  const sends = new Set<string>();
  for (const e of trace) {
    if (e.type !== 'net.connect' || typeof e.from !== 'string') continue;
    (READ_PORTS.has(Number(e.port)) ? reads : sends).add(e.from);
  }
  const out = new Map<string, 'sender' | 'reader'>();
  for (const h of sends) out.set(h, 'sender');
  for (const h of reads) if (!sends.has(h)) out.set(h, 'reader');
  return out;
}
