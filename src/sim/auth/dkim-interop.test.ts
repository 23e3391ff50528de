/**
 * Interoperability with dkimpy (Debian python3-dkim): messages signed here must verify there, and
 * messages dkimpy signs must verify here. If python3-dkim is missing these tests fail, on purpose.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_COM_DKIM } from '../world/default-keys';
import { type DkimCanon, signDkim } from './dkim-sign';
import { verifyDkim } from './dkim-verify';

const PYTHON = '/usr/bin/python3';
const HELPER = fileURLToPath(new URL('./dkim-interop.py', import.meta.url));
const KEY_NAME = 's2026._domainkey.example.com';
const PEM = `-----BEGIN PRIVATE KEY-----\n${EXAMPLE_COM_DKIM.privateKey.replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`;

/** Runs jobs through dkimpy in one process (importing dkimpy takes a good half second). */
function dkimpy<T>(jobs: object[]): T[] {
  const run = spawnSync(PYTHON, [HELPER], { input: JSON.stringify(jobs), encoding: 'utf8', timeout: 60000 });
  if (run.error || run.status !== 0) {
    throw new Error(`dkimpy helper failed (is python3-dkim installed?): ${run.error?.message ?? ''} ${run.stderr}`);
  }
  return JSON.parse(run.stdout) as T[];
}

const verifyJob = (message: string): object => ({ mode: 'verify', message, txt: { [KEY_NAME]: EXAMPLE_COM_DKIM.dnsTxt } });

const lookup = (name: string) =>
  name === KEY_NAME ? { rcode: 'NOERROR' as const, txt: [EXAMPLE_COM_DKIM.dnsTxt] } : { rcode: 'NXDOMAIN' as const, txt: [] };

const PLAIN = [
  'From: Alice <alice@example.com>',
  'To: Bob <bob@example.org>',
  'Subject: Lunch on Friday?',
  'Date: Fri, 27 Nov 2026 09:00:00 +0000',
  'Message-ID: <m1@example.com>',
  '',
  'Hi Bob,',
  'shall we meet at noon?',
  '',
].join('\r\n');

// Folding, odd spacing, mixed case, a repeated field, trailing whitespace, UTF-8 and empty lines at the end.
const MESSY = [
  'Received: from a.example.net by b.example.net; Fri, 27 Nov 2026 09:00:00 +0000',
  'from:   Alice  <alice@example.com> ',
  'To: Bob <bob@example.org>,',
  '\tCarol <carol@example.org>',
  'SUBJECT:\tGrüße aus  Köln',
  'Received: from c.example.net by d.example.net; Fri, 27 Nov 2026 09:00:01 +0000',
  'Date: Fri, 27 Nov 2026 09:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  '  Hallo Bob,  \t',
  'viele Grüße —\tAlice   ',
  '',
  '',
  '',
].join('\r\n');

const CANONS: DkimCanon[] = ['relaxed/relaxed', 'simple/simple', 'relaxed/simple', 'simple/relaxed'];
const CASES = CANONS.flatMap((canon) => [
  { name: `plain ${canon}`, raw: PLAIN, canon, length: false },
  { name: `messy ${canon}`, raw: MESSY, canon, length: false },
  { name: `messy ${canon} with l=`, raw: MESSY, canon, length: true },
]);
const HEADERS = ['from', 'to', 'subject', 'date', 'message-id', 'mime-version', 'content-type', 'subject', 'from'];

describe('dkimpy is available', () => {
  it('python3 can import dkim', () => {
    const run = spawnSync(PYTHON, ['-c', 'import dkim; print(dkim.__file__)'], { encoding: 'utf8' });
    expect(run.error, 'python3 is missing').toBeUndefined();
    expect(run.status, `python3-dkim is not installed: ${run.stderr}`).toBe(0);
  });
});

describe('signed here, verified by dkimpy', () => {
  const signedHere: string[] = [];
  let answers: { ok: boolean; error: string | null }[] = [];
  beforeAll(async () => {
    for (const { raw, canon, length } of CASES) {
      signedHere.push(await signDkim({
        raw, canon, bodyLength: length, domain: 'example.com', selector: 's2026',
        privateKeyPkcs8Base64: EXAMPLE_COM_DKIM.privateKey, headers: HEADERS, timestamp: 1795770000,
      }));
    }
    // each signed message, then the same message tampered with
    answers = dkimpy(signedHere.flatMap((m) => [verifyJob(m), verifyJob(m.replace('Bob', 'Rob'))]));
  });

  it.each(CASES.map((c, i) => ({ ...c, i })))('$name', async ({ i }) => {
    expect(signedHere[i].startsWith('DKIM-Signature:')).toBe(true);
    expect(answers[2 * i]).toEqual({ ok: true, error: null });
    expect(answers[2 * i + 1].ok).toBe(false);
    expect((await verifyDkim(signedHere[i].replace('Bob', 'Rob'), lookup))[0].result).toBe('fail');
  });
});

describe('signed by dkimpy, verified here', () => {
  let signatures: string[] = [];
  beforeAll(() => {
    const jobs = CASES.map(({ raw, canon, length }) => ({
      mode: 'sign', message: raw, selector: 's2026', domain: 'example.com', privateKeyPem: PEM, headers: HEADERS, canon, length,
    }));
    signatures = dkimpy<{ signature: string }>(jobs).map((a) => a.signature);
  });

  it.each(CASES.map((c, i) => ({ ...c, i })))('$name', async ({ raw, i }) => {
    const signature = signatures[i];
    expect(signature.startsWith('DKIM-Signature:')).toBe(true);
    const results = await verifyDkim(signature + raw, lookup);
    expect(results.map((r) => [r.result, r.reason])).toEqual([['pass', undefined]]);
    const tampered = await verifyDkim(signature + raw.replace('Bob', 'Rob'), lookup);
    expect(tampered[0].result).toBe('fail');
  });
});
