import { describe, expect, it } from 'vitest';
import PostalMime from 'postal-mime';
import { nextRetryTime, POSTFIX_QUEUE_DEFAULTS } from '../agents/mta-queue';
import { simulate } from './simulate';
import { runWithFaults, RunFacts, type FaultRun } from './fault-runs';

const RELAY = 'relay.example.net';
const BOB = 'bob@example.org';
const MIN = 60_000;

/** The relay's retry times for a message: the deferrals that wait for a later queue scan. */
const retries = (r: FaultRun | { facts: RunFacts }, msg: string) => r.facts.queue(RELAY, msg, 'queue.defer').filter((e) => e.nextRetry !== e.t).map((e) => e.nextRetry);
const passes = (r: FaultRun | { facts: RunFacts }, msg: string) => r.facts.queue(RELAY, msg, 'queue.attempt').filter((e) => e.target === 'mx1.example.org').map((e) => e.t);

/** inboxOf returns the raw messages in a mailbox's INBOX at the end of a run. */
function inboxOf(r: { view: FaultRun['view'] }, address: string): string[] {
  return r.view.mailboxes.find((b) => b.address === address)!.folders.find((f) => f.name === 'INBOX')!.messages.map((m) => m.raw);
}

/** fields parses the `Name: value` lines of one block of a delivery-status part (RFC 3464 §2.1). */
function fields(block: string): Record<string, string> {
  return Object.fromEntries(block.split(/\r?\n/).filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
}

/** parseDsn reads a DSN with a MIME parser and splits its delivery-status part into per-message and per-recipient fields. */
async function parseDsn(raw: string) {
  const mail = await PostalMime.parse(raw, { attachmentEncoding: 'utf8' });
  const part = (type: string) => String(mail.attachments.find((a) => a.mimeType === type)?.content ?? '');
  const [perMessage, ...perRecipient] = part('message/delivery-status').trim().split(/\r?\n\r?\n/);
  return { mail, text: mail.text ?? '', perMessage: fields(perMessage), recipients: perRecipient.map(fields), headers: part('text/rfc822-headers') };
}

describe('Postfix retry schedule (qmgr: wait = time in queue, within 300 s .. 4000 s, at the next 300 s queue scan)', () => {
  it.each([
    // [now, arrived, attempts, expected next retry] — all in seconds
    [62, 2, 1, 600], // age 60 s → 300 s minimum → due 362 → scan at 600
    [660, 2, 2, 1500], // age 658 → due 1318 → 1500
    [1560, 2, 3, 3300], // age 1558 → due 3118 → 3300
    [3360, 2, 4, 6900], // age 3358 → due 6718 → 6900
    [6960, 2, 5, 11_100], // age 6958 → capped at 4000 → due 10960 → 11100
    [600, 600, 1, 900], // deferred at once: 300 s, exactly on a scan
  ])('deferred at %i s (arrived %i s, attempt %i) → retried at %i s', (now, arrived, attempts, expected) => {
    expect(nextRetryTime(now * 1000, arrived * 1000, attempts, POSTFIX_QUEUE_DEFAULTS)).toBe(expected * 1000);
  });

  it('an explicit schedule replaces the backoff: the wait before retry n, the last one repeating', () => {
    const s = { ...POSTFIX_QUEUE_DEFAULTS, retry: [5 * MIN, 10 * MIN] };
    expect([1, 2, 3].map((n) => nextRetryTime(1000, 0, n, s))).toEqual([301_000, 601_000, 601_000]);
  });

  it('busy on both MX for 20 min: 421 from both, deferred, retried at 10 and 20 min, delivered at 20 min', async () => {
    const r = await runWithFaults(['busy@mx1.example.org:for=20m', 'busy@mx2.example.org:for=20m']);
    const msg = r.facts.msgId('Hello Bob');
    expect(r.facts.queue(RELAY, msg, 'queue.attempt').map((e) => [e.t, e.target, e.attempt])).toEqual([
      [1938, 'mx1.example.org', 1], [2002, 'mx2.example.org', 1],
      [600_000, 'mx1.example.org', 2], [600_064, 'mx2.example.org', 2],
      [1_200_000, 'mx1.example.org', 3],
    ]);
    expect(retries(r, msg)).toEqual([600_000, 1_200_000]);
    expect(r.facts.queue(RELAY, msg, 'queue.defer').every((e) => e.code === 421 && e.enhanced === '4.3.2')).toBe(true);
    expect(r.facts.queue(RELAY, msg, 'queue.sent')).toEqual([expect.objectContaining({ target: 'mx1.example.org', code: 250 })]);
    expect(r.facts.fates(msg, BOB)).toEqual([expect.objectContaining({ fate: 'delivered', folder: 'INBOX' })]);
  });

  it('both MX down for 6 days: retried on schedule, bounced (4.4.7) at the first failed pass after 5 days, the DSN reaches alice', async () => {
    const started = performance.now();
    const r = await runWithFaults(['down@mx1.example.org:for=6d', 'down@mx2.example.org:for=6d']);
    const elapsed = performance.now() - started;
    const msg = r.facts.msgId('Hello Bob');
    // 600, 1500, 3300, 6900 s, then every 4000 s backoff + 200 s to the next scan.
    const steady = Array.from({ length: 102 }, (_, k) => 11_100_000 + k * 4_200_000);
    expect(retries(r, msg)).toEqual([600_000, 1_500_000, 3_300_000, 6_900_000, ...steady]);
    expect(passes(r, msg)).toHaveLength(107);
    const expire = r.facts.queue(RELAY, msg, 'queue.expire')[0];
    // The last pass starts at 435300 s, fails 60 s later (two 30 s connect timeouts): the message is then > 5 days old.
    expect(expire.t).toBe(435_360_102);
    expect(expire.t - r.facts.queue(RELAY, msg, 'queue.enqueue')[0].t).toBeGreaterThanOrEqual(5 * 86_400_000);
    expect(r.facts.fates(msg, BOB)).toEqual([expect.objectContaining({ fate: 'bounced', enhanced: '4.4.7', reason: expect.stringMatching(/^message expired after 5 days in the queue; last error: connect to mx2\.example\.org\[192\.0\.2\.132\]:25: Connection timed out$/) })]);
    const dsns = inboxOf(r, 'alice@example.com');
    expect(dsns).toHaveLength(2);
    const bob = (await Promise.all(dsns.map(parseDsn))).find((d) => d.recipients[0]['final-recipient'] === `rfc822; ${BOB}`)!;
    expect(bob.recipients[0]).toMatchObject({ action: 'failed', status: '4.4.7', 'remote-mta': 'dns; mx2.example.org' });
    expect(bob.recipients[0]['diagnostic-code']).toMatch(/^X-Postfix; message expired after 5 days/);
    expect(elapsed).toBeLessThan(1500);
  });

  it('a delay warning (delayWarning: 1h) goes out once, with Action: delayed, and the mail is delivered later', async () => {
    const r = await simulate({
      scenarioText: `title: Delay warning
until: 4h
hosts:
  relay.example.net:
    queue: { delayWarning: 1h }
faults:
  - { kind: down, target: mx1.example.org, for: 3h }
  - { kind: down, target: mx2.example.org, for: 3h }
send:
  - { at: 1s, from: alice@example.com, to: bob@example.org, subject: Waiting }
`,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const facts = new RunFacts(r.trace);
    const msg = facts.msgId('Waiting');
    const warnings = facts.dsns(RELAY);
    expect(warnings).toHaveLength(1);
    // The first deferral after the message is an hour old: the pass at 6900 s, failed at 6960 s.
    expect(warnings[0].t).toBe(6_960_102);
    expect(warnings[0].subject).toBe('Delayed Mail (still being retried)');
    expect(facts.fates(msg, BOB)).toEqual([expect.objectContaining({ fate: 'delivered' })]);
    const [raw] = inboxOf(r, 'alice@example.com');
    const dsn = await parseDsn(raw);
    expect(dsn.mail.subject).toBe('Delayed Mail (still being retried)');
    expect(dsn.text).toMatch(/THIS IS A WARNING ONLY/);
    expect(dsn.text).toMatch(/could not be delivered for more than 1 hour\(s\)\.\s+It will be retried until it is 5 day\(s\) old\./);
    expect(dsn.recipients[0]).toMatchObject({ action: 'delayed', status: '4.4.1', 'final-recipient': `rfc822; ${BOB}` });
    expect(dsn.recipients[0]['will-retry-until']).toBe('Wed, 02 Dec 2026 09:00:01 +0000');
  });

  it('flush-queue (postqueue -f) retries a deferred message at once', async () => {
    const r = await simulate({
      scenarioText: `title: Flush
until: 30m
faults:
  - { kind: busy, target: mx1.example.org, for: 2m }
  - { kind: busy, target: mx2.example.org, for: 2m }
send:
  - { at: 1s, from: alice@example.com, to: bob@example.org, subject: Flushed }
actions:
  - { at: 3m, do: flush-queue, host: relay.example.net }
`,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const facts = new RunFacts(r.trace);
    const msg = facts.msgId('Flushed');
    expect(facts.queue(RELAY, msg, 'queue.sent')[0].t).toBeLessThan(4 * MIN);
  });
});

describe('bounces (RFC 3464 DSNs)', () => {
  it('unknown-user: 550 5.1.1, and a DSN with the null sender reaches alice\'s INBOX with every RFC 3464 field', async () => {
    const r = await runWithFaults(['unknown-user@bob@example.org']);
    const msg = r.facts.msgId('Hello Bob');
    expect(r.facts.replies('mx1.example.org').some((l) => l.line === '550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table')).toBe(true);
    const [dsnEvent] = r.facts.dsns(RELAY);
    expect(dsnEvent.subject).toBe('Undelivered Mail Returned to Sender');
    // Sent with MAIL FROM:<> on its way to alice (RFC 5321 §4.5.5).
    const mailFrom = r.facts.commands(RELAY, 'smtp.example.com').find((c) => c.msg === dsnEvent.msg && c.line.startsWith('MAIL FROM:'))!;
    expect(mailFrom.line).toMatch(/^MAIL FROM:<>( SIZE=\d+)?$/);
    const inbox = inboxOf(r, 'alice@example.com');
    expect(inbox).toHaveLength(1);
    const dsn = await parseDsn(inbox[0]);
    expect(dsn.mail.headers.find((h) => h.key === 'return-path')?.value).toBe('<>');
    expect(dsn.mail.from?.address).toBe('MAILER-DAEMON@relay.example.net');
    expect(dsn.mail.headers.find((h) => h.key === 'content-type')?.value).toMatch(/^multipart\/report; report-type=delivery-status;/);
    expect(dsn.perMessage).toMatchObject({ 'reporting-mta': 'dns; relay.example.net', 'arrival-date': 'Fri, 27 Nov 2026 09:00:01 +0000' });
    expect(dsn.recipients).toEqual([expect.objectContaining({
      'final-recipient': 'rfc822; bob@example.org',
      action: 'failed',
      status: '5.1.1',
      'remote-mta': 'dns; mx1.example.org',
      'diagnostic-code': 'smtp; 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
    })]);
    expect(dsn.text).toContain('<bob@example.org>: host mx1.example.org[192.0.2.131] said: 550 5.1.1');
    expect(dsn.headers).toMatch(/^Subject: Hello Bob$/m);
    expect(dsn.headers).toMatch(/^Message-ID: <m1\./m);
    expect(dsn.headers).not.toMatch(/this mail travels/);
    expect(r.facts.fates(msg, BOB)).toEqual([expect.objectContaining({ fate: 'bounced', code: 550, enhanced: '5.1.1' })]);
    expect(r.facts.fates(dsnEvent.msg)).toEqual([expect.objectContaining({ fate: 'delivered', from: '', to: 'alice@example.com' })]);
  });

  it('a bounce is never bounced: a DSN to an unknown sender just ends (RFC 5321 §4.5.5)', async () => {
    const r = await runWithFaults(['unknown-user@bob@example.org', 'unknown-user@alice@example.com']);
    const [dsn] = r.facts.dsns();
    expect(r.facts.dsns()).toHaveLength(1);
    expect(r.facts.fates(dsn.msg)).toEqual([expect.objectContaining({ fate: 'bounced', code: 550, enhanced: '5.1.1', from: '' })]);
    expect(r.facts.queue(RELAY, dsn.msg, 'queue.bounce')).toHaveLength(1);
  });

  it('per recipient: one unknown recipient does not hold up the other, and the DSN names only the failed one', async () => {
    const r = await simulate({
      scenarioText: `title: Two recipients
until: 1h
faults:
  - { kind: unknown-user, target: bob@example.org }
send:
  - { at: 1s, from: alice@example.com, to: [bob@example.org, carol@example.org], subject: Both }
`,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const facts = new RunFacts(r.trace);
    const msg = facts.msgId('Both');
    expect(facts.fates(msg, BOB)[0]).toMatchObject({ fate: 'bounced', enhanced: '5.1.1' });
    expect(facts.fates(msg, 'carol@example.org')[0]).toMatchObject({ fate: 'delivered', folder: 'INBOX' });
    // One session: RCPT for bob refused, RCPT for carol accepted, DATA for carol.
    const session = facts.commands(RELAY, 'mx1.example.org').map((c) => c.line.split(':')[0]);
    expect(session.filter((c) => c === 'RCPT TO')).toHaveLength(2);
    const dsn = await parseDsn(inboxOf(r, 'alice@example.com')[0]);
    expect(dsn.recipients.map((x) => x['final-recipient'])).toEqual(['rfc822; bob@example.org']);
  });

  it('two failed recipients of one message are reported in one DSN', async () => {
    const r = await simulate({
      scenarioText: `title: Two unknown
until: 1h
faults:
  - { kind: unknown-user, target: bob@example.org }
  - { kind: unknown-user, target: carol@example.org }
send:
  - { at: 1s, from: alice@example.com, to: [bob@example.org, carol@example.org], subject: Nobody }
`,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const dsn = await parseDsn(inboxOf(r, 'alice@example.com')[0]);
    expect(dsn.recipients.map((x) => x['final-recipient'])).toEqual(['rfc822; bob@example.org', 'rfc822; carol@example.org']);
    expect(new RunFacts(r.trace).dsns()).toHaveLength(1);
  });
});
