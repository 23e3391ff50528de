/**
 * Positions along a route: a packet that left at `t` and arrives at `arrive` is, at `now`, the
 * fraction (now − t) / (arrive − t) of the way, and each hop takes a share of the time equal to
 * its link's share of the route's latency (which is how the core computes `arrive`).
 */
import type { Point } from './layout';

/** RoutePath: a route's points with the cumulative time share at each point (0 … 1). */
export interface RoutePath {
  points: Point[];
  /** cumulative[i] is the share of the flight time spent before reaching points[i]. */
  cumulative: number[];
}

/** linkKey names an undirected link between two hosts. */
export function linkKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * routePath turns a route of host names into points, weighting each hop by its link latency
 * (`latency`), or by its drawn length when no latency is known. Unknown hosts are skipped.
 */
export function routePath(route: string[], positions: Map<string, Point>, latency?: Map<string, number>): RoutePath {
  const hops = route.filter((h) => positions.has(h));
  const points = hops.map((h) => positions.get(h)!);
  const weights: number[] = [];
  for (let i = 1; i < hops.length; i++) {
    const l = latency?.get(linkKey(hops[i - 1], hops[i]));
    weights.push(l !== undefined && l > 0 ? l : Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y));
  }
  const total = weights.reduce((s, w) => s + w, 0);
  const cumulative = [0];
  let acc = 0;
  for (const w of weights) {
    acc += total > 0 ? w / total : 1 / weights.length;
    cumulative.push(acc);
  }
  if (cumulative.length > 1) cumulative[cumulative.length - 1] = 1;
  return { points, cumulative };
}

/** PacketPoint: where a packet is drawn and the direction it is heading (radians). */
export interface PacketPoint {
  x: number;
  y: number;
  angle: number;
}

/**
 * pointAlong returns the position at time share `f` (0 … 1) along the path. `inset` keeps the
 * packet that distance away from the centres of the first and last host, so it never hides
 * behind their icons.
 */
export function pointAlong(path: RoutePath, f: number, inset = 0): PacketPoint {
  const { points, cumulative } = path;
  if (points.length === 0) return { x: 0, y: 0, angle: 0 };
  if (points.length === 1) return { x: points[0].x, y: points[0].y, angle: 0 };
  const share = Math.min(1, Math.max(0, f));
  let i = 1;
  while (i < cumulative.length - 1 && cumulative[i] < share) i++;
  const a = points[i - 1];
  const b = points[i];
  const span = cumulative[i] - cumulative[i - 1];
  let local = span > 0 ? (share - cumulative[i - 1]) / span : 0;
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  if (len > 0 && inset > 0) {
    const lo = i === 1 ? Math.min(inset / len, 0.5) : 0;
    const hi = i === points.length - 1 ? Math.max(1 - inset / len, 0.5) : 1;
    local = lo + local * (hi - lo);
  }
  return { x: a.x + (b.x - a.x) * local, y: a.y + (b.y - a.y) * local, angle: Math.atan2(b.y - a.y, b.x - a.x) };
}
