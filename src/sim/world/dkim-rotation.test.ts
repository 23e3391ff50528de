import { describe, expect, it } from 'vitest';
import { generateDkimKeyPair } from '../auth/dkim-key';
import { simulate, type Intervention } from './simulate';

/** The DKIM results the receiving MX logged for a message. */
async function dkimOf(interventions: Intervention[], msg = 'm3'): Promise<string[]> {
  const run = await simulate({ interventions });
  if (!run.ok) throw new Error('run failed');
  return run.trace.filter((e) => e.type === 'auth.dkim' && e.msg === msg).map((e) => `${(e as { result: string }).result} ${(e as { reason?: string }).reason ?? ''}`.trim());
}

const mail = (at: number): Intervention => ({ at, action: { do: 'send', mail: { from: 'alice@example.com', to: ['bob@example.org'], subject: 'after the rotation', body: 'Hi\r\n' } } });

describe('a DKIM key rotation (set-dkim-key)', () => {
  it('signs with the new key once it is published under the new selector', async () => {
    const pair = await generateDkimKeyPair(1024);
    if (!pair.ok) throw new Error('no key');
    const results = await dkimOf([
      { at: 100_000, action: { do: 'edit-zone', zone: 'example.com', add: [`s2027._domainkey IN TXT "${pair.dnsTxt}"`] } },
      { at: 100_000, action: { do: 'set-dkim-key', domain: 'example.com', selector: 's2027', privateKey: pair.privatePkcs8Base64 } },
      mail(101_000),
    ]);
    expect(results).toEqual(['pass s=s2027']);
  });

  it('breaks DKIM when the server switches before the key is published', async () => {
    const pair = await generateDkimKeyPair(1024);
    if (!pair.ok) throw new Error('no key');
    const results = await dkimOf([{ at: 100_000, action: { do: 'set-dkim-key', domain: 'example.com', selector: 's2027', privateKey: pair.privatePkcs8Base64 } }, mail(101_000)]);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatch(/^permerror|^fail|^temperror/);
  });
});
