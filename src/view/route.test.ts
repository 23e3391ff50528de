import { describe, expect, it } from 'vitest';
import { linkKey, pointAlong, routePath } from './route';

const positions = new Map([
  ['a', { x: 0, y: 0 }],
  ['r', { x: 100, y: 0 }],
  ['b', { x: 100, y: 100 }],
]);

describe('routePath and pointAlong', () => {
  it('weights hops by link latency', () => {
    const latency = new Map([[linkKey('a', 'r'), 10], [linkKey('r', 'b'), 30]]);
    const path = routePath(['a', 'r', 'b'], positions, latency);
    expect(path.cumulative).toEqual([0, 0.25, 1]);
    expect(pointAlong(path, 0.25)).toMatchObject({ x: 100, y: 0 });
    expect(pointAlong(path, 0.125)).toMatchObject({ x: 50, y: 0 });
    const p = pointAlong(path, 0.625);
    expect(p.x).toBeCloseTo(100);
    expect(p.y).toBeCloseTo(50);
    expect(p.angle).toBeCloseTo(Math.PI / 2);
  });

  it('falls back to drawn length without latencies and clamps the share', () => {
    const path = routePath(['a', 'r', 'b'], positions);
    expect(path.cumulative).toEqual([0, 0.5, 1]);
    expect(pointAlong(path, -1)).toMatchObject({ x: 0, y: 0 });
    expect(pointAlong(path, 2)).toMatchObject({ x: 100, y: 100 });
  });

  it('keeps packets clear of the end hosts with an inset', () => {
    const path = routePath(['a', 'r'], positions);
    expect(pointAlong(path, 0, 20).x).toBeCloseTo(20);
    expect(pointAlong(path, 1, 20).x).toBeCloseTo(80);
    expect(pointAlong(path, 0.5, 20).x).toBeCloseTo(50);
  });

  it('skips hosts it has no position for', () => {
    const path = routePath(['a', 'ghost', 'r'], positions);
    expect(path.points).toHaveLength(2);
    expect(pointAlong(routePath(['ghost'], positions), 0.5)).toMatchObject({ x: 0, y: 0 });
  });
});
