import { describe, expect, it } from 'vitest';
import { runWithFaults, type FaultRun } from './fault-runs';

const RELAY = 'relay.example.net';
const BOB = 'bob@example.org';

/** The relay's attempts for one message: [virtual ms, host]. */
const attempts = (r: FaultRun, msg: string) => r.facts.queue(RELAY, msg, 'queue.attempt').map((e) => [e.t, e.target] as const);
/** The relay's deferrals at the end of a pass (those with a later retry). */
const retries = (r: FaultRun, msg: string) => r.facts.queue(RELAY, msg, 'queue.defer').filter((e) => e.nextRetry !== e.t).map((e) => e.nextRetry);
const bobFate = (r: FaultRun) => r.facts.fates(r.facts.msgId('Hello Bob'), BOB);

describe('faults of servers and of the network on the way to the MX (the relay keeps trying)', () => {
  it.each([
    // [fault(s), what mx1 answered, delivered through]
    [['busy@mx1.example.org'], /^421 4\.3\.2 mx1\.example\.org /, 'mx2.example.org'],
    [['local-error@mx1.example.org'], /^451 4\.3\.0 Error: queue file write error$/, 'mx2.example.org'],
    [['greylist@mx1.example.org'], /^451 4\.7\.1 Greylisting in action/, 'mx2.example.org'],
  ])('%s: mx1 answers with a temporary error, the relay tries mx2 at once', async (faults, reply, via) => {
    const r = await runWithFaults(faults);
    const msg = r.facts.msgId('Hello Bob');
    expect(r.facts.replies('mx1.example.org').some((l) => reply.test(l.line))).toBe(true);
    const defer = r.facts.queue(RELAY, msg, 'queue.defer')[0];
    expect(defer).toMatchObject({ target: 'mx1.example.org', rcpts: [BOB], nextRetry: defer.t });
    expect(r.facts.queue(RELAY, msg, 'queue.sent')[0]).toMatchObject({ target: via, code: 250 });
    expect(bobFate(r)).toEqual([expect.objectContaining({ fate: 'delivered', folder: 'INBOX' })]);
  });

  it('busy closes the connection right after its 421 (RFC 5321 §3.8)', async () => {
    const r = await runWithFaults(['busy@mx1.example.org']);
    const conn = r.facts.replies('mx1.example.org')[0].conn;
    const after = r.trace.filter((e) => 'conn' in e && e.conn === conn).map((e) => e.type);
    expect(after).toContain('net.close');
    expect(r.facts.commands(RELAY, 'mx1.example.org').filter((c) => c.conn === conn).map((c) => c.line)).not.toContain('EHLO relay.example.net');
  });

  it('busy at a stage (on=MAIL) answers 421 there; count=1 strikes once and switches off', async () => {
    const r = await runWithFaults(['busy@mx1.example.org:on=MAIL,count=1']);
    const lines = r.facts.replies('mx1.example.org').map((l) => l.line);
    expect(lines.filter((l) => l.startsWith('421'))).toHaveLength(1);
    expect(lines.indexOf(lines.find((l) => l.startsWith('421'))!)).toBeGreaterThan(lines.findIndex((l) => l.startsWith('220 ')));
    expect(r.facts.of('fault.clear').map((e) => e.kind)).toEqual(['busy']);
    // Carol's mail, the next session, finds mx1 healthy again.
    expect(r.facts.queue(RELAY, r.facts.msgId('Hello Carol'), 'queue.sent')[0].target).toBe('mx1.example.org');
  });

  it('busy on the 2nd attempt strikes only the relay\'s second connection to mx1', async () => {
    const r = await runWithFaults(['busy@mx1.example.org:attempt=2']);
    const greetings = r.facts.replies('mx1.example.org').filter((l) => /^(220 mx1|421 4\.3\.2 mx1)/.test(l.line)).map((l) => l.line.slice(0, 3));
    expect(greetings).toEqual(['220', '421']);
    expect(bobFate(r)[0].fate).toBe('delivered');
  });

  it('local-error at DATA (on=DATA) answers the DATA command with 451', async () => {
    const r = await runWithFaults(['local-error@mx1.example.org:on=DATA,count=1']);
    const defer = r.facts.queue(RELAY, r.facts.msgId('Hello Bob'), 'queue.defer')[0];
    expect(defer.reason).toMatch(/said: 451 4\.3\.0 .*\(in reply to DATA command\)$/);
  });

  it('greylisting on both MX: 451 4.7.1 on the first pass, accepted on the retry 10 minutes later', async () => {
    const r = await runWithFaults(['greylist@mx1.example.org', 'greylist@mx2.example.org']);
    const msg = r.facts.msgId('Hello Bob');
    expect(retries(r, msg)).toEqual([600_000]);
    expect(r.facts.queue(RELAY, msg, 'queue.sent')[0]).toMatchObject({ t: expect.any(Number), target: 'mx1.example.org' });
    expect(r.facts.queue(RELAY, msg, 'queue.sent')[0].t).toBeGreaterThan(600_000);
    expect(bobFate(r)[0].fate).toBe('delivered');
  });

  it('greylisting with delay=1h keeps deferring early retries until the triplet has waited an hour', async () => {
    const r = await runWithFaults(['greylist@mx1.example.org:delay=1h', 'greylist@mx2.example.org:delay=1h']);
    const msg = r.facts.msgId('Hello Bob');
    const sent = r.facts.queue(RELAY, msg, 'queue.sent')[0];
    expect(sent.t).toBeGreaterThan(3_600_000);
    expect(retries(r, msg).length).toBeGreaterThanOrEqual(3);
  });

  it('down: connecting times out after 30 s, mx2 takes the mail', async () => {
    const r = await runWithFaults(['down@mx1.example.org']);
    const msg = r.facts.msgId('Hello Bob');
    const timeout = r.facts.of('net.timeout').find((e) => e.to === 'mx1.example.org')!;
    expect(timeout.reason).toBe('host-down');
    const defer = r.facts.queue(RELAY, msg, 'queue.defer')[0];
    expect(defer.reason).toBe('connect to mx1.example.org[192.0.2.131]:25: Connection timed out');
    expect(defer.enhanced).toBe('4.4.1');
    expect(defer.t - attempts(r, msg)[0][0]).toBe(30_000);
    expect(r.facts.queue(RELAY, msg, 'queue.sent')[0].target).toBe('mx2.example.org');
  });

  it('port-closed: the connection is refused at once (a reset), mx2 takes the mail', async () => {
    const r = await runWithFaults(['port-closed@mx1.example.org']);
    const msg = r.facts.msgId('Hello Bob');
    expect(r.facts.of('net.refuse').some((e) => e.from === 'mx1.example.org')).toBe(true);
    const defer = r.facts.queue(RELAY, msg, 'queue.defer')[0];
    expect(defer.reason).toBe('connect to mx1.example.org[192.0.2.131]:25: Connection refused');
    expect(defer.t - attempts(r, msg)[0][0]).toBeLessThan(100);
  });

  it('partition of mx1\'s link for an hour: connections time out, everything goes through mx2', async () => {
    const r = await runWithFaults(['partition@mx1.example.org<->internet:for=1h']);
    for (const subject of ['Hello Bob', 'Hello Carol']) {
      const msg = r.facts.msgId(subject);
      expect(r.facts.queue(RELAY, msg, 'queue.sent')[0].target).toBe('mx2.example.org');
    }
    expect(r.facts.of('net.drop').some((e) => e.reason === 'no-route')).toBe(true);
  });

  it('link-loss: lost packets are sent again in order (TCP), mail still arrives exactly once', async () => {
    const r = await runWithFaults(['link-loss@mx1.example.org<->internet:for=1h,loss=0.5']);
    expect(r.facts.of('net.drop').filter((e) => e.reason === 'loss').length).toBeGreaterThan(0);
    for (const subject of ['Hello Bob', 'Hello Carol']) {
      const fates = r.facts.fates(r.facts.msgId(subject));
      expect(fates.map((f) => f.fate)).toEqual(['delivered']);
    }
  });

  it('a faulty MX certificate does not stop MTA-to-MTA mail: opportunistic TLS does not verify (RFC 7435)', async () => {
    for (const fault of ['cert-expired@mx1.example.org', 'cert-mismatch@mx1.example.org']) {
      const r = await runWithFaults([fault]);
      const tls = r.facts.of('tls.established').find((e) => e.client === RELAY && e.server === 'mx1.example.org')!;
      expect(tls.reason).toMatch(/^untrusted: cert-/);
      expect(r.facts.queue(RELAY, r.facts.msgId('Hello Bob'), 'queue.sent')[0].target).toBe('mx1.example.org');
    }
  });
});

describe('a reply lost after the data (the message may be delivered twice)', () => {
  it('a partition at end-of-data: mx1 keeps the mail, the relay never hears 250, tries mx2: two copies, and the trace says why', async () => {
    const r = await runWithFaults(['partition@mx1.example.org<->internet:on=end-of-data,count=1,for=10m']);
    const msg = r.facts.msgId('Hello Bob');
    const lost = r.facts.queue(RELAY, msg, 'queue.defer').find((e) => /message may be sent more than once/.test(e.reason ?? ''));
    expect(lost).toMatchObject({ target: 'mx1.example.org', enhanced: '4.4.2', rcpts: [BOB] });
    expect(lost!.reason).toBe('lost connection with mx1.example.org[192.0.2.131] while sending end of data -- message may be sent more than once');
    const fates = bobFate(r);
    expect(fates.map((f) => f.fate)).toEqual(['delivered', 'delivered']);
    expect(fates[0].reason).toBeUndefined();
    expect(fates[1].reason).toMatch(/^delivered again: the sender did not get the reply after the data \(relay\.example\.net: lost connection/);
    const bob = r.view.mailboxes.find((b) => b.address === BOB)!;
    expect(bob.folders.find((f) => f.name === 'INBOX')!.messages.filter((m) => m.raw.includes('Subject: Hello Bob'))).toHaveLength(2);
  });

  it('mx1 crashing at end-of-data (down on=end-of-data): the relay waits for the reply (600 s), then delivers again via mx2', async () => {
    const r = await runWithFaults(['down@mx1.example.org:on=end-of-data,for=30m']);
    const msg = r.facts.msgId('Hello Bob');
    const lost = r.facts.queue(RELAY, msg, 'queue.defer').find((e) => /timed out while sending end of data/.test(e.reason ?? ''))!;
    const dataSent = r.facts.of('smtp.data').find((e) => e.from === RELAY && e.to === 'mx1.example.org' && e.msg === msg)!;
    expect(lost.t - dataSent.t).toBe(600_000);
    expect(bobFate(r).map((f) => f.fate)).toEqual(['delivered', 'delivered']);
  });
});

describe('a reply lost after the data at submission', () => {
  it('the mail program sees an error, but the server had the message: it is delivered once, not refused', async () => {
    const r = await runWithFaults(['partition@alice-pc<->isp-gw:on=end-of-data,for=10m']);
    const msg = r.facts.msgId('Hello Bob');
    const [error] = r.facts.errors(msg);
    expect(error.reason).toMatch(/\(the server had already accepted the message\)$/);
    expect(error.to).toBeUndefined();
    expect(bobFate(r)).toEqual([expect.objectContaining({ fate: 'delivered' })]);
    // Carol's mail finds the link cut and is refused in front of alice.
    expect(r.facts.fates(r.facts.msgId('Hello Carol'))[0].fate).toBe('rejected');
  });
});

describe('the mail program\'s connection settings (faults stand for a student\'s mistakes)', () => {
  const outbox = (r: FaultRun) => r.view.accounts.find((a) => a.address === 'alice@example.com')!.outbox;

  it('block-port-25 + wrong-port=25: the ISP drops the SYN, the program times out, nothing is queued', async () => {
    const r = await runWithFaults(['wrong-port@alice@example.com', 'block-port-25@alice-pc']);
    const msg = r.facts.msgId('Hello Bob');
    expect(r.facts.of('net.drop').find((e) => e.from === 'alice-pc')!.reason).toBe('the provider of alice-pc blocks outbound port 25');
    expect(r.facts.of('net.timeout').find((e) => e.from === 'alice-pc')!.port).toBe(25);
    expect(bobFate(r)).toEqual([expect.objectContaining({ fate: 'rejected' })]);
    expect(outbox(r).find((i) => i.msg === msg)!.error).toMatch(/did not answer on port 25\. .*block this port/);
    expect(r.facts.of('queue.enqueue').some((e) => e.msg === msg)).toBe(false);
  });

  it('block-port-25 on the provider\'s router (isp-gw) blocks its home customers, not submission on 587', async () => {
    const blocked = await runWithFaults(['wrong-port@alice@example.com', 'block-port-25@isp-gw']);
    expect(blocked.facts.of('net.drop').find((e) => e.from === 'alice-pc')!.reason).toBe('isp-gw blocks outbound port 25 from its customers');
    const fine = await runWithFaults(['block-port-25@isp-gw']);
    expect(bobFate(fine)[0].fate).toBe('delivered');
  });

  it('wrong-port=25 without a block: port 25 of smtp.example.com is its MX; no AUTH there, so relaying is refused (554 5.7.1)', async () => {
    const r = await runWithFaults(['wrong-port@alice@example.com']);
    const msg = r.facts.msgId('Hello Bob');
    const session = r.facts.commands('alice-pc', 'smtp.example.com').filter((c) => c.port === 25).map((c) => c.line.split(' ')[0]);
    expect(session).not.toContain('AUTH');
    expect(r.facts.replies('smtp.example.com').some((l) => l.port === 25 && l.line === '554 5.7.1 <bob@example.org>: Relay access denied')).toBe(true);
    expect(bobFate(r)).toEqual([expect.objectContaining({ fate: 'rejected', code: 554, enhanced: '5.7.1' })]);
    expect(outbox(r).find((i) => i.msg === msg)!.error).toMatch(/^The outgoing server smtp\.example\.com refused to pass the message on to the recipient <bob@example\.org>\. Usually this means you are not logged in/);
    expect(r.facts.of('queue.enqueue').some((e) => e.msg === msg)).toBe(false);
  });

  it('wrong-port to a port without a service: refused at once', async () => {
    const r = await runWithFaults(['wrong-port@alice@example.com:port=2525']);
    expect(outbox(r)[0].error).toMatch(/on port 2525 was refused/);
    expect(bobFate(r)[0].fate).toBe('rejected');
  });

  it('wrong-tls-mode (swap): TLS to 587 fails the handshake with "wrong version number"', async () => {
    const r = await runWithFaults(['wrong-tls-mode@alice@example.com']);
    expect(r.facts.of('tls.failed').find((e) => e.client === 'alice-pc' && e.port === 587)!.reason).toBe('wrong-version-number');
    expect(outbox(r)[0].error).toMatch(/No secure connection to smtp\.example\.com \(port 587\) could be set up \(wrong version number/);
    expect(bobFate(r)[0].fate).toBe('rejected');
  });

  it('plaintext to 465 hangs: no greeting ever comes, the program gives up after its 60 s timeout', async () => {
    const r = await runWithFaults(['wrong-port@alice@example.com:port=465', 'wrong-tls-mode@alice@example.com:security=starttls']);
    const msg = r.facts.msgId('Hello Bob');
    const accepted = r.facts.of('net.accept').find((e) => e.from === 'smtp.example.com' && e.port === 465)!;
    const error = r.facts.errors(msg)[0];
    expect(error.t - accepted.arrive).toBe(60_000);
    expect(r.facts.replies('smtp.example.com').filter((l) => l.port === 465)).toEqual([]);
    expect(outbox(r)[0].error).toMatch(/did not answer on port 465/);
  });

  it.each([
    ['cert-expired@smtp.example.com', /the server's certificate has expired/],
    ['cert-mismatch@smtp.example.com', /the certificate was issued for another name/],
  ])('%s: the mail program refuses the certificate and does not send', async (fault, detail) => {
    const r = await runWithFaults([fault]);
    const msg = r.facts.msgId('Hello Bob');
    expect(r.facts.of('tls.failed').some((e) => e.client === 'alice-pc' && e.port === 587)).toBe(true);
    expect(outbox(r).find((i) => i.msg === msg)!.error).toMatch(detail);
    expect(bobFate(r)[0].fate).toBe('rejected');
    expect(r.facts.commands('alice-pc', 'smtp.example.com').some((c) => c.line.startsWith('AUTH'))).toBe(false);
  });
});
