import { describe, expect, it } from 'vitest';
import { clientSides, layoutHosts } from './layout';

const hosts = [
  { name: 'alice-pc', role: 'client' },
  { name: 'home-router', role: 'router' },
  { name: 'smtp.example.com', role: 'submission' },
  { name: 'core-router', role: 'router' },
  { name: 'ns.example.net', role: 'dns' },
  { name: 'mx1.example.org', role: 'mx' },
  { name: 'imap.example.org', role: 'store' },
  { name: 'bob-phone', role: 'client' },
  { name: 'carol-pc', role: 'client', side: 'reader' as const },
];
const links = [
  { a: 'alice-pc', b: 'home-router' },
  { a: 'home-router', b: 'core-router' },
  { a: 'smtp.example.com', b: 'core-router' },
  { a: 'ns.example.net', b: 'core-router' },
  { a: 'mx1.example.org', b: 'core-router' },
  { a: 'imap.example.org', b: 'mx1.example.org' },
  { a: 'bob-phone', b: 'imap.example.org' },
  { a: 'carol-pc', b: 'home-router' },
];

describe('layoutHosts', () => {
  it('places every host inside the drawing, deterministically', () => {
    const a = layoutHosts(hosts, links, 1000, 600);
    const b = layoutHosts(hosts, links, 1000, 600);
    expect([...a.positions]).toEqual([...b.positions]);
    for (const p of a.positions.values()) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(1000);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(600);
    }
  });

  it('follows the journey from left to right: sender, submission, MX, store, reader', () => {
    const p = layoutHosts(hosts, links, 1000, 600).positions;
    const x = (n: string) => p.get(n)!.x;
    expect(x('alice-pc')).toBeLessThan(x('smtp.example.com'));
    expect(x('smtp.example.com')).toBeLessThan(x('mx1.example.org'));
    expect(x('mx1.example.org')).toBeLessThan(x('imap.example.org'));
    expect(x('imap.example.org')).toBeLessThan(x('bob-phone'));
    expect(x('imap.example.org')).toBeLessThan(x('carol-pc'));
    expect(p.get('ns.example.net')!.y).toBeLessThan(p.get('mx1.example.org')!.y);
  });

  it('uses fixed positions when every host has one', () => {
    const fixed = layoutHosts([{ name: 'a', role: 'client', pos: { x: 0, y: 0 } }, { name: 'b', role: 'mx', pos: { x: 1, y: 1 } }], [], 200, 200);
    expect(fixed.positions.get('a')).toEqual({ x: 70, y: 70 });
    expect(fixed.positions.get('b')).toEqual({ x: 130, y: 130 });
  });

  it('spreads a hundred hosts without stacking them', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ name: `h${i}`, role: ['client', 'submission', 'mx', 'store', 'router'][i % 5] }));
    const l = layoutHosts(many, many.slice(1).map((h, i) => ({ a: many[i].name, b: h.name })), 1600, 1000).positions;
    const keys = new Set([...l.values()].map((p) => `${Math.round(p.x / 5)},${Math.round(p.y / 5)}`));
    expect(keys.size).toBeGreaterThan(90);
  });
});

describe('clientSides', () => {
  it('calls a host that only connects to IMAP or POP3 ports a reader', () => {
    const sides = clientSides([
      { type: 'net.connect', from: 'alice-pc', port: 587 },
      { type: 'net.connect', from: 'alice-pc', port: 993 },
      { type: 'net.connect', from: 'bob-phone', port: 143 },
      { type: 'smtp.command', from: 'carol-pc', port: 25 },
    ]);
    expect([...sides]).toEqual([['alice-pc', 'sender'], ['bob-phone', 'reader']]);
  });
});
