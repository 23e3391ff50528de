import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'src/cli/lessons-check.ts');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function check(dir?: string): { code: number | null; out: string } {
  const r = spawnSync(TSX, [CLI, ...(dir ? [dir] : [])], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const temp = mkdtempSync(join(tmpdir(), 'lessons-check-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('npm run lessons:check', () => {
  it('passes every real lesson and scenario, one line each', () => {
    const { code, out } = check();
    expect(out).toMatch(/^pass {2}lessons\/follow-one-mail — Follow one mail/m);
    expect(out).toMatch(/^pass {2}lessons\/busy-server/m);
    expect(out).toMatch(/^pass {2}lessons\/fix-spf/m);
    expect(out).not.toMatch(/^FAIL/m);
    expect(code, out).toBe(0);
  });

  it('fails with the file and line of a broken scenario in a lesson folder', () => {
    const dir = join(temp, 'broken-scenario');
    cpSync(join(ROOT, 'lessons/busy-server'), join(dir, 'busy-server'), { recursive: true });
    const file = join(dir, 'busy-server/scenario.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('kind: busy, target: mx1.example.org', 'kind: bussy, target: mx1.example.org'));
    const { code, out } = check(dir);
    expect(code).toBe(1);
    expect(out).toMatch(/^FAIL {2}.*busy-server/m);
    expect(out).toMatch(/busy-server\/scenario\.yaml:\d+:\d+: faults\[0\]\.kind: unknown fault kind 'bussy'/);
  });

  it('fails an exercise that is solved before anyone acts, and a standalone scenario file', () => {
    const dir = join(temp, 'solved');
    cpSync(join(ROOT, 'lessons/submission-ports'), join(dir, 'submission-ports'), { recursive: true });
    const file = join(dir, 'submission-ports/scenario.yaml');
    // Without the wrong port the goals pass at once.
    writeFileSync(file, readFileSync(file, 'utf8').replace('port: 25, security: none', 'port: 587, security: starttls'));
    writeFileSync(join(dir, 'extra.yaml'), 'title: Extra\nsend:\n  - { at: 1s, from: alice@example.com, to: bob@example.org, subject: Hi }\ngoals:\n  - { id: d, check: { fate: delivered, to: bob@example.org } }\n');
    const { code, out } = check(dir);
    expect(code).toBe(1);
    expect(out).toMatch(/submission-ports\/scenario\.yaml:\d+:\d+: goals: every goal passes without the solution/);
    expect(out).toMatch(/extra\.yaml:5:\d+: goals: the goals have no solution/);
  });

  it('fails a lesson whose steps wait for an event that never comes', () => {
    const dir = join(temp, 'stuck');
    cpSync(join(ROOT, 'lessons/follow-one-mail'), join(dir, 'follow-one-mail'), { recursive: true });
    const file = join(dir, 'follow-one-mail/steps.yaml');
    const text = readFileSync(file, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('before: { reply: { code: 235')) + 1;
    writeFileSync(file, text.replace('before: { reply: { code: 235', 'before: { reply: { code: 534'));
    const { code, out } = check(dir);
    expect(code).toBe(1);
    expect(out).toContain(`follow-one-mail/steps.yaml:${line}:`);
    expect(out).toMatch(/never happens/);
  });

  it('says how to use it', () => {
    expect(check('--help').code).toBe(2);
    expect(check(join(temp, 'nowhere')).code).toBe(2);
  });
});
