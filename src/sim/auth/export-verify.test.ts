/**
 * What the CLI's `--export DIR` writes must verify outside the simulator: every .eml in bob's and
 * carol's mailboxes passes dkimpy (Debian python3-dkim) with the DKIM keys taken from the exported
 * zone files, which must parse as RFC 1035 master files. The export mirrors `exportWorld` in
 * src/cli/sim.ts: one directory per mailbox (folders other than INBOX below it), `zones/*.zone`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { World } from '../world/world';
import { defaultWorldPlan, DEFAULT_SENDS } from '../world/default-world';
import type { FaultSpecInput } from '../world/fault-state';

const PYTHON = '/usr/bin/python3';
const VERIFIER = fileURLToPath(new URL('./export-verify.py', import.meta.url));
const dirs: string[] = [];

interface Verdict {
  reader: string;
  zones: Record<string, string | null>;
  messages: { file: string; ok: boolean; error: string | null }[];
}

/** exportWorld writes mailboxes and zones as the CLI does. */
function exportWorld(world: World, dir: string): void {
  for (const store of world.stores.values()) {
    for (const box of store.all()) {
      let n = 0;
      for (const folder of box.folders.values()) {
        for (const m of folder.messages) {
          const sub = folder.name === 'INBOX' ? box.address : join(box.address, folder.name);
          mkdirSync(join(dir, sub), { recursive: true });
          writeFileSync(join(dir, sub, `${++n}.eml`), m.raw);
        }
      }
    }
  }
  mkdirSync(join(dir, 'zones'), { recursive: true });
  for (const z of world.dns.zones.values()) writeFileSync(join(dir, 'zones', `${z.zone}.zone`), world.dns.zoneText(z.zone));
}

/**
 * Runs the default world (as `npm run sim` does) and exports it. `carolKeeps` leaves carol's mail
 * on the server: her POP3 program deletes what it fetched, which would leave nothing to export.
 */
async function exportAndVerify(opts: { faults?: FaultSpecInput[]; carolKeeps?: boolean; smallReader?: boolean } = {}): Promise<Verdict> {
  const plan = defaultWorldPlan();
  const carol = plan.accounts.find((a) => a.address === 'carol@example.org')!;
  if (opts.carolKeeps) Object.assign(carol, { keepOnServer: true, incoming: { ...carol.incoming!, keepOnServer: true } });
  const world = new World(plan);
  world.start();
  for (const s of DEFAULT_SENDS) world.send(s.at, { from: s.from, to: s.to, subject: s.subject, body: s.body });
  for (const f of opts.faults ?? []) world.injectFault(f);
  await world.run(6 * 86_400_000);
  world.finish();
  const dir = mkdtempSync(join(tmpdir(), 'smtp-lab-export-'));
  dirs.push(dir);
  exportWorld(world, dir);
  const env = { ...process.env, SMALL_ZONE_READER: opts.smallReader ? '1' : '' };
  const run = spawnSync(PYTHON, [VERIFIER, dir, 'bob@example.org', 'carol@example.org'], { encoding: 'utf8', timeout: 60_000, env });
  if (run.error || run.status !== 0) throw new Error(`verifier failed (is python3-dkim installed?): ${run.error?.message ?? ''} ${run.stderr}`);
  return JSON.parse(run.stdout) as Verdict;
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('export verifies with dkimpy', () => {
  it('every zone file parses and every mail left in bob’s and carol’s mailboxes verifies', async () => {
    const v = await exportAndVerify();
    expect(Object.keys(v.zones).sort()).toEqual(['100.51.198.in-addr.arpa.zone', '2.0.192.in-addr.arpa.zone', 'example.com.zone', 'example.net.zone', 'example.org.zone']);
    expect(Object.values(v.zones).every((e) => e === null), JSON.stringify(v.zones)).toBe(true);
    expect(v.messages.map((m) => m.file)).toContain('bob@example.org/1.eml');
    for (const m of v.messages) expect(m, m.error ?? '').toMatchObject({ ok: true });
  }, 60_000);

  it.each([false, true])('verifies carol’s mail too when her program leaves it on the server (small zone reader: %s)', async (smallReader) => {
    const v = await exportAndVerify({ carolKeeps: true, smallReader });
    expect(v.reader).toBe(smallReader ? 'small_reader' : 'dnspython_reader');
    expect(v.messages.map((m) => m.file).sort()).toEqual(['bob@example.org/1.eml', 'carol@example.org/1.eml']);
    for (const m of v.messages) expect(m, m.error ?? '').toMatchObject({ ok: true });
  }, 60_000);

  it('is not vacuous: a body changed in transit fails there too', async () => {
    const v = await exportAndVerify({ faults: [{ kind: 'body-modified', target: 'relay.example.net' }], carolKeeps: true });
    expect(v.messages.length).toBe(2);
    for (const m of v.messages) expect(m.ok).toBe(false);
  }, 60_000);
});
