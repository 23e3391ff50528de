import { describe, it, expect } from 'vitest';
import { parseAuthResults } from '../auth/auth-results';
import { getHeaders } from '../protocol/message';
import type { MessageFate } from '../kernel/trace';
import type { FaultSpecInput } from './fault-state';
import { prepareWorld, simulate } from './simulate';

/** Runs the default world with the faults on from the start; returns fates and bob's results. */
async function withFaults(...faults: FaultSpecInput[]) {
  const r = await simulate({ faults });
  if (!r.ok) throw new Error('run failed');
  const fate = r.trace.find((e): e is MessageFate => e.type === 'message.fate' && e.id === 'm1')!;
  const box = r.view.mailboxes.find((b) => b.address === 'bob@example.org')!;
  const stored = box.folders.flatMap((f) => f.messages.map((m) => ({ folder: f.name, raw: m.raw }))).find(() => true);
  const ar = stored ? parseAuthResults(getHeaders(stored.raw, 'Authentication-Results')[0]) : undefined;
  const results = ar?.ok ? Object.fromEntries(ar.results.map((x) => [x.method, `${x.result}${x.reason ? ` (${x.reason})` : ''}`])) : {};
  return { r, fate, folder: stored?.folder, results };
}

describe('authenticity faults', () => {
  it.each<[string, FaultSpecInput, Record<string, string>, string]>([
    ['spf-wrong-ip: SPF fails, DKIM carries DMARC', { kind: 'spf-wrong-ip', target: 'example.com' }, { spf: 'fail', dkim: 'pass', dmarc: 'pass' }, 'INBOX'],
    ['spf-missing-sender: the relay is not listed', { kind: 'spf-missing-sender', target: 'example.com' }, { spf: 'fail', dkim: 'pass', dmarc: 'pass' }, 'INBOX'],
    ['spf-too-many-lookups: permerror', { kind: 'spf-too-many-lookups', target: 'example.com' }, { spf: 'permerror', dkim: 'pass', dmarc: 'pass' }, 'INBOX'],
    ['dkim-key-missing: no key', { kind: 'dkim-key-missing', target: 'example.com' }, { spf: 'pass', dkim: 'permerror (no key for signature)', dmarc: 'pass' }, 'INBOX'],
    ['body-modified at the relay: body hash', { kind: 'body-modified', target: 'relay.example.net' }, { spf: 'pass', dkim: 'fail (body hash did not verify)', dmarc: 'pass' }, 'INBOX'],
    ['dmarc-quarantine: Junk', { kind: 'dmarc-quarantine', target: 'example.com' }, { spf: 'fail', dkim: 'permerror (no key for signature)', dmarc: 'fail' }, 'Junk'],
    ['spam-content: Junk', { kind: 'spam-content', target: 'alice@example.com' }, { spf: 'pass', dkim: 'pass', dmarc: 'pass' }, 'Junk'],
  ])('%s', async (_name, fault, expected, folder) => {
    const { fate, folder: stored, results } = await withFaults(fault);
    expect(fate.fate).toBe('delivered');
    expect(stored).toBe(folder);
    expect(results).toEqual(expected);
  });

  it('dmarc-reject: the MX refuses with 550 5.7.1 and the relay bounces it to alice', async () => {
    const { r, fate } = await withFaults({ kind: 'dmarc-reject', target: 'example.com' });
    expect(fate).toMatchObject({ fate: 'bounced', code: 550, enhanced: '5.7.1' });
    expect(r.trace.some((e) => e.type === 'auth.dmarc' && e.msg === 'm1' && e.result === 'fail')).toBe(true);
    expect(r.view.mailboxes.find((b) => b.address === 'alice@example.com')!.folders[0].messages[0].subject).toBe('Undelivered Mail Returned to Sender');
  });

  it('dnsbl-listed on the relay: the MX refuses it at RCPT with 554 5.7.1', async () => {
    const { r, fate } = await withFaults({ kind: 'dnsbl-listed', target: 'relay.example.net' });
    expect(fate).toMatchObject({ fate: 'bounced', code: 554, enhanced: '5.7.1' });
    expect(r.trace.some((e) => e.type === 'smtp.reply' && e.line === '554 5.7.1 Service unavailable; Client host [198.51.100.25] blocked using dnsbl.example.net')).toBe(true);
  });

  it('spam-content with reject: refused after DATA', async () => {
    const { fate } = await withFaults({ kind: 'spam-content', target: 'alice@example.com', params: { reject: true } });
    expect(fate).toMatchObject({ fate: 'bounced', code: 550, enhanced: '5.7.1' });
  });

  it('writes SPF records that stay valid TXT: long values split into 255-octet strings', async () => {
    const prepared = prepareWorld({ faults: [{ kind: 'spf-too-many-lookups', target: 'example.com' }] });
    if (!prepared.ok) throw new Error('world did not build');
    await prepared.world.run(10);
    const spf = prepared.world.dns.zones.get('example.com')!.records.find((x) => x.type === 'TXT' && x.name === 'example.com')!;
    const strings = (spf.data as { strings: string[] }).strings;
    expect(strings.length).toBeGreaterThan(1);
    expect(strings.every((s) => s.length <= 255)).toBe(true);
    expect(strings.join('')).toMatch(/^v=spf1 include:newsletter\._spf\.example\.com .* ip4:192\.0\.2\.25 include:_spf\.example\.net -all$/);
    expect(prepared.world.dns.zoneText('example.com')).toContain('"v=spf1 include:newsletter');
  });

  it('undoes exactly its own change when switched off', async () => {
    const prepared = prepareWorld({});
    if (!prepared.ok) throw new Error('world did not build');
    const world = prepared.world;
    const before = world.dns.zoneText('example.com');
    const id = world.injectFault({ kind: 'dmarc-reject', target: 'example.com', from: 0 });
    await world.run(1);
    expect(world.dns.zoneText('example.com')).not.toBe(before);
    world.faults.clear(id);
    expect(world.dns.zoneText('example.com')).toBe(before);
  });

  it('acts on the next message when switched on later: the MX’s checks do not cache', async () => {
    const r = await simulate({ faults: [{ kind: 'spf-wrong-ip', target: 'example.com', from: 2_500 }] });
    if (!r.ok) throw new Error('run failed');
    const spf = r.trace.filter((e) => e.type === 'auth.spf').map((e) => `${(e as { msg: string }).msg}=${(e as { result: string }).result}`);
    expect(spf).toEqual(['m1=pass', 'm2=fail']);
  });
});
