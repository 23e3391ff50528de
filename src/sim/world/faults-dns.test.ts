import { describe, expect, it } from 'vitest';
import PostalMime from 'postal-mime';
import { runWithFaults, type FaultRun } from './fault-runs';

const RELAY = 'relay.example.net';
const BOB = 'bob@example.org';
const bob = (r: FaultRun) => r.facts.msgId('Hello Bob');
const connectsTo = (r: FaultRun, host: string) => r.facts.of('net.connect').filter((e) => e.from === RELAY && e.to === host);

async function deliveryStatus(r: FaultRun): Promise<string> {
  const raw = r.view.mailboxes.find((b) => b.address === 'alice@example.com')!.folders.find((f) => f.name === 'INBOX')!.messages[0].raw;
  const mail = await PostalMime.parse(raw, { attachmentEncoding: 'utf8' });
  return String(mail.attachments.find((a) => a.mimeType === 'message/delivery-status')!.content);
}

describe('DNS faults: a definite "no" bounces, a failed lookup is retried', () => {
  it('dns-nxdomain: the domain does not exist, the relay bounces at once (5.4.4) without connecting anywhere', async () => {
    const r = await runWithFaults(['dns-nxdomain@example.org']);
    expect(r.facts.of('dns.answer').some((e) => e.name === 'example.org' && e.qtype === 'MX' && e.rcode === 'NXDOMAIN')).toBe(true);
    expect(r.facts.fates(bob(r), BOB)).toEqual([expect.objectContaining({
      fate: 'bounced', enhanced: '5.4.4', reason: 'Host or domain name not found. Name service error for name=example.org type=MX: Host not found',
    })]);
    expect(connectsTo(r, 'mx1.example.org')).toEqual([]);
    expect(r.facts.queue(RELAY, bob(r), 'queue.defer')).toEqual([]);
    // No SMTP server said this: the DSN gives the MTA's own words and no Remote-MTA.
    const status = await deliveryStatus(r);
    expect(status).toMatch(/^Diagnostic-Code: X-Postfix; Host or domain name not found\. Name service error for name=example\.org type=MX: Host not found$/m);
    expect(status).not.toMatch(/Remote-MTA/);
  });

  it('dns-nxdomain only for type A of an MX host: that MX is skipped, the other takes the mail', async () => {
    const r = await runWithFaults(['dns-nxdomain@mx1.example.org:type=A']);
    expect(r.facts.queue(RELAY, bob(r), 'queue.sent')[0].target).toBe('mx2.example.org');
  });

  it.each([
    ['dns-servfail@example.org:for=30m', 'SERVFAIL'],
    ['dns-timeout@example.org:for=30m', 'TIMEOUT'],
  ])('%s: the lookup fails temporarily (4.4.3), the relay retries and delivers once DNS answers', async (fault, rcode) => {
    const r = await runWithFaults([fault]);
    const defers = r.facts.queue(RELAY, bob(r), 'queue.defer');
    expect(defers.length).toBeGreaterThanOrEqual(2);
    expect(defers[0]).toMatchObject({ enhanced: '4.4.3', reason: `Host or domain name not found. Name service error for name=example.org type=MX: Host not found, try again (${rcode})` });
    expect(defers.every((e) => e.nextRetry! > e.t)).toBe(true);
    expect(r.facts.queue(RELAY, bob(r), 'queue.sent')[0].t).toBeGreaterThan(30 * 60_000);
    expect(r.facts.fates(bob(r), BOB)).toEqual([expect.objectContaining({ fate: 'delivered' })]);
  });

  it('dns-timeout: the resolver asks twice, 5 s apart, and gives up after 10 s', async () => {
    const r = await runWithFaults(['dns-timeout@example.org:for=30m']);
    const first = r.facts.of('dns.query').find((e) => e.from === RELAY && e.name === 'example.org' && e.qtype === 'MX')!;
    const queries = r.facts.of('dns.query').filter((e) => e.id === first.id);
    expect(queries.map((q) => q.t - first.t)).toEqual([0, 5000]);
    const verdict = r.facts.of('dns.answer').find((e) => e.id === first.id)!;
    expect(verdict.rcode).toBe('TIMEOUT');
    expect(verdict.t - first.t).toBe(10_000);
  });
});

describe('zone faults: what the MX records say', () => {
  it('mx-missing: no MX records, so the domain\'s A record is the implicit MX (RFC 5321 §5.1)', async () => {
    const r = await runWithFaults(['mx-missing@example.org']);
    expect(r.facts.of('dns.answer').some((e) => e.name === 'example.org' && e.qtype === 'MX' && e.rcode === 'NOERROR' && e.answers.length === 0)).toBe(true);
    expect(r.facts.of('dns.query').some((e) => e.from === RELAY && e.name === 'example.org' && e.qtype === 'A')).toBe(true);
    const attempt = r.facts.queue(RELAY, bob(r), 'queue.attempt')[0];
    expect(attempt.target).toBe('example.org');
    expect(connectsTo(r, 'mx1.example.org')).toHaveLength(2);
    expect(r.facts.fates(bob(r), BOB)).toEqual([expect.objectContaining({ fate: 'delivered' })]);
  });

  it('null-mx: "MX 0 ." says the domain takes no mail: 556 5.1.10 at once, no connection (RFC 7505)', async () => {
    const r = await runWithFaults(['null-mx@example.org']);
    expect(r.facts.fates(bob(r), BOB)).toEqual([expect.objectContaining({ fate: 'bounced', code: 556, enhanced: '5.1.10', reason: 'Domain example.org does not accept mail (nullMX)' })]);
    expect(connectsTo(r, 'mx1.example.org')).toEqual([]);
    expect(await deliveryStatus(r)).toMatch(/^Status: 5\.1\.10$/m);
  });

  it('mx-wrong-host (default www): the MX names a host that does not exist: bounced, 5.4.4', async () => {
    const r = await runWithFaults(['mx-wrong-host@example.org']);
    expect(r.facts.fates(bob(r), BOB)).toEqual([expect.objectContaining({ fate: 'bounced', enhanced: '5.4.4', reason: 'Host or domain name not found. Name service error for name=www.example.org type=A: Host not found' })]);
  });

  it('mx-wrong-host=smtp.example.com: that host is no MX for example.org and refuses to relay: 554 5.7.1, bounced', async () => {
    const r = await runWithFaults(['mx-wrong-host@example.org:host=smtp.example.com']);
    expect(r.facts.replies('smtp.example.com').some((l) => l.port === 25 && l.line === '554 5.7.1 <bob@example.org>: Relay access denied')).toBe(true);
    expect(r.facts.fates(bob(r), BOB)).toEqual([expect.objectContaining({ fate: 'bounced', code: 554, enhanced: '5.7.1' })]);
    expect(r.facts.queue(RELAY, bob(r), 'queue.defer')).toEqual([]);
  });

  it('a zone fault that ends gives the zone back: MX records return after for=', async () => {
    const r = await runWithFaults(['null-mx@example.org:for=1m']);
    expect(r.world.dns.zoneText('example.org')).toMatch(/MX\s+10 mx1/);
  });
});
