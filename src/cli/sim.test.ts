import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseZone } from '../sim/protocol/zone-file';
import { getHeaders } from '../sim/protocol/message';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'src/cli/sim.ts');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** sim runs `npx tsx src/cli/sim.ts ...args` and collects its exit code and output. */
function sim(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CLI, ...args], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const jsonLines = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const temp = mkdtempSync(join(tmpdir(), 'sim-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('npm run sim', () => {
  it('runs the default world: both mails delivered, exit 0', async () => {
    const { code, out } = await sim();
    expect(code).toBe(0);
    expect(out).toMatch(/FATE m1 alice@example\.com → bob@example\.org: DELIVERED \(bob@example\.org INBOX\)/);
    expect(out).toMatch(/FATE m2 alice@example\.com → carol@example\.org: DELIVERED \(carol@example\.org INBOX\)/);
  }, 60_000);

  it('--json twice gives byte-identical traces', async () => {
    const [a, b] = await Promise.all([sim('--json'), sim('--json')]);
    expect(a.code).toBe(0);
    expect(a.out.length).toBeGreaterThan(1000);
    expect(a.out).toBe(b.out);
    expect(jsonLines(a.out).every((e) => typeof e.t === 'number' && typeof e.type === 'string')).toBe(true);
  }, 60_000);

  it('a missing file: exit 2, the message names the file', async () => {
    const { code, err } = await sim('no/such/scenario.yaml');
    expect(code).toBe(2);
    expect(err).toMatch(/no\/such\/scenario\.yaml: no such file/);
  }, 60_000);

  it('an invalid scenario: exit 2 with file:line:column', async () => {
    const file = join(temp, 'broken.yaml');
    writeFileSync(file, 'title: Broken\nfaults:\n  - { kind: bussy, target: mx1.example.org }\n');
    const { code, err } = await sim(file);
    expect(code).toBe(2);
    expect(err).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: faults\\[0\\]\\.kind: unknown fault kind 'bussy'`));
  }, 60_000);

  it('an unknown option: exit 2 with the usage', async () => {
    const { code, err } = await sim('--frobnicate');
    expect(code).toBe(2);
    expect(err).toMatch(/unknown option '--frobnicate'/);
    expect(err).toMatch(/^usage: npm run sim --/m);
  }, 60_000);

  it('an unknown fault kind: exit 2, with a suggestion and the list of kinds', async () => {
    const { code, err } = await sim('--fault', 'bussy@mx1.example.org');
    expect(code).toBe(2);
    expect(err).toMatch(/unknown fault kind 'bussy'/);
    expect(err).toMatch(/busy/);
    expect(err).toMatch(/Known kinds: busy, local-error, greylist, down, /);
  }, 60_000);

  it('an unknown fault target: exit 2, listing what exists', async () => {
    const { code, err } = await sim('--fault', 'busy@mx9.example.org');
    expect(code).toBe(2);
    expect(err).toMatch(/there is no host 'mx9\.example\.org'/);
    expect(err).toMatch(/Known: .*mx1\.example\.org/);
    const link = await sim('--fault', 'partition@mx1.example.org<->nowhere');
    expect(link.code).toBe(2);
    expect(link.err).toMatch(/Known: .*mx1\.example\.org<->internet/);
  }, 60_000);

  it('--fault busy@mx1.example.org:for=20m --json: 421 from mx1, mx2 tried, delivered', async () => {
    const { code, out } = await sim('--fault', 'busy@mx1.example.org:for=20m', '--json');
    expect(code).toBe(0);
    const events = jsonLines(out);
    expect(events.some((e) => e.type === 'smtp.reply' && e.from === 'mx1.example.org' && e.code === 421)).toBe(true);
    expect(events.some((e) => e.type === 'queue.attempt' && e.target === 'mx2.example.org')).toBe(true);
    const fates = events.filter((e) => e.type === 'message.fate');
    expect(fates.map((e) => e.fate)).toEqual(['delivered', 'delivered']);
  }, 60_000);

  it('--fault unknown-user@bob@example.org --json: 550 5.1.1, and a DSN reaches alice\'s INBOX', async () => {
    const { code, out } = await sim('--fault', 'unknown-user@bob@example.org', '--json');
    expect(code).toBe(0);
    const events = jsonLines(out);
    expect(events.some((e) => e.type === 'smtp.reply' && e.code === 550 && e.enhanced === '5.1.1')).toBe(true);
    expect(events).toContainEqual(expect.objectContaining({ type: 'message.fate', to: 'bob@example.org', fate: 'bounced', enhanced: '5.1.1' }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'message.fate', from: '', to: 'alice@example.com', fate: 'delivered', folder: 'INBOX' }));
  }, 60_000);

  it('both MX down for 6 days: a bounce at the queue lifetime, in seconds', async () => {
    const started = Date.now();
    const { code, out } = await sim('--fault', 'down@mx1.example.org:for=6d', '--fault', 'down@mx2.example.org:for=6d');
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(out).toMatch(/^\+5d 00:56:00\.102 queue relay\.example\.net: m1 expired in the queue/m);
    expect(out).toMatch(/FATE m1 alice@example\.com → bob@example\.org: BOUNCED \(4\.4\.7 message expired after 5 days/);
  }, 60_000);

  it('--export DIR writes .eml files that show every hop, and zone files that parse back', async () => {
    const dir = join(temp, 'export');
    const { code } = await sim('--export', dir);
    expect(code).toBe(0);
    const eml = readFileSync(join(dir, 'bob@example.org', '1.eml'), 'utf8');
    const received = getHeaders(eml, 'Received');
    expect(received.map((r) => /\bby (\S+)/.exec(r)?.[1])).toEqual(['mx1.example.org', 'relay.example.net', 'smtp.example.com']);
    expect(eml).toMatch(/^Return-Path: <alice@example\.com>\r\n/);
    const zones = readdirSync(join(dir, 'zones'));
    expect(zones).toContain('example.org.zone');
    for (const z of zones) {
      const parsed = parseZone(readFileSync(join(dir, 'zones', z), 'utf8'), z.replace(/\.zone$/, ''), z);
      expect(parsed.errors, z).toEqual([]);
      expect(parsed.records.length, z).toBeGreaterThan(0);
    }
  }, 60_000);
});
