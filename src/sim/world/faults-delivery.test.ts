import { describe, expect, it } from 'vitest';
import { simulate } from './simulate';
import { runWithFaults, RunFacts, type FaultRun } from './fault-runs';

const BOB = 'bob@example.org';
const outbox = (r: FaultRun) => r.view.accounts.find((a) => a.address === 'alice@example.com')!.outbox;

describe('refused at submission: the mail program shows the server\'s reply, nothing is queued', () => {
  it.each([
    // [fault, the MSA's reply, the stage's command, what the program says]
    ['auth-fail@alice@example.com', '535 5.7.8 Error: authentication failed: (reason unavailable)', 'AUTH', /^Logging in to the outgoing server \(SMTP\) smtp\.example\.com failed\. Check the user name and password\./],
    ['app-password-required@alice@example.com', '534 5.7.9 Application-specific password required', 'AUTH', /this account needs an app password/],
    ['sender-not-allowed@alice@example.com', '553 5.7.1 <info@example.com>: Sender address rejected: not owned by user alice@example.com', 'RCPT', /did not accept the sender address <info@example\.com>/],
    ['sender-not-allowed@alice@example.com:sender=boss@example.com', '553 5.7.1 <boss@example.com>: Sender address rejected: not owned by user alice@example.com', 'RCPT', /sender address <boss@example\.com>/],
    ['too-large@smtp.example.com:limit=200', '552 5.3.4 Message size exceeds fixed limit', 'MAIL', /larger than the outgoing server smtp\.example\.com allows/],
  ])('%s → %s', async (fault, reply, command, shown) => {
    const r = await runWithFaults([fault]);
    const msg = r.facts.msgId('Hello Bob');
    const replies = r.facts.replies('smtp.example.com').filter((l) => l.port === 587);
    const hit = replies.find((l) => l.line === reply);
    expect(hit, replies.map((l) => l.line).join('\n')).toBeDefined();
    // The reply answers the command the fault is about.
    const commands = r.facts.commands('alice-pc', 'smtp.example.com').filter((c) => c.conn === hit!.conn && c.t < hit!.t);
    expect(commands[commands.length - 1].line.startsWith(command)).toBe(true);
    const [code, enhanced] = reply.split(' ');
    expect(r.facts.fates(msg, BOB)).toEqual([expect.objectContaining({ fate: 'rejected', code: Number(code), enhanced })]);
    const item = outbox(r).find((i) => i.msg === msg)!;
    expect(item.state).toBe('failed');
    expect(item.error).toMatch(shown);
    expect(item.error).toContain(reply);
    expect(r.facts.of('queue.enqueue').some((e) => e.msg === msg)).toBe(false);
  });

  it('too-large: EHLO announces the lowered SIZE and the client declares its size at MAIL FROM (RFC 1870)', async () => {
    const r = await runWithFaults(['too-large@smtp.example.com:limit=200']);
    expect(r.facts.replies('smtp.example.com').some((l) => l.line === '250-SIZE 200')).toBe(true);
    expect(r.facts.commands('alice-pc', 'smtp.example.com').some((c) => /^MAIL FROM:<alice@example\.com> SIZE=\d+$/.test(c.line))).toBe(true);
  });

  it('sender-not-allowed: the program also writes the wrong address into From:', async () => {
    const r = await runWithFaults(['sender-not-allowed@alice@example.com']);
    expect(r.facts.commands('alice-pc', 'smtp.example.com').some((c) => c.line === 'MAIL FROM:<info@example.com>' || c.line.startsWith('MAIL FROM:<info@example.com> '))).toBe(true);
  });

  it('auth-fail on the first attempt only: the first mail is refused, the second goes through', async () => {
    const r = await runWithFaults(['auth-fail@alice@example.com:attempt=1']);
    expect(r.facts.fates(r.facts.msgId('Hello Bob'))[0].fate).toBe('rejected');
    expect(r.facts.fates(r.facts.msgId('Hello Carol'))[0].fate).toBe('delivered');
  });

  it('app-password-required: a program that uses its app password is let in', async () => {
    const r = await simulate({
      scenarioText: `title: App password
until: 1h
accounts:
  - address: alice@example.com
    appPassword: abcd-efgh-ijkl
    requireAppPassword: true
    outgoing: { server: smtp.example.com, port: 587, security: starttls, password: abcd-efgh-ijkl }
send:
  - { at: 1s, from: alice@example.com, to: bob@example.org, subject: With app password }
`,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const facts = new RunFacts(r.trace);
    expect(facts.fates(facts.msgId('With app password'))[0].fate).toBe('delivered');
  });
});

describe('refused by a server on the way: the relay bounces, alice gets a DSN', () => {
  const RELAY = 'relay.example.net';

  it.each([
    // [fault, the refusing server, its reply, who bounces, does Carol's mail get through]
    ['unknown-user@bob@example.org', 'mx1.example.org', '550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table', RELAY, true],
    ['mailbox-full@bob@example.org', 'mx1.example.org', '552 5.2.2 <bob@example.org> Quota exceeded (mailbox for user is full)', RELAY, true],
    ['too-large@mx1.example.org:limit=600', 'mx1.example.org', '552 5.3.4 Message size exceeds fixed limit', RELAY, false],
    ['relay-denied@relay.example.net', RELAY, '554 5.7.1 <bob@example.org>: Relay access denied', 'smtp.example.com', false],
  ])('%s: %s answers %s, %s bounces', async (fault, server, reply, bouncer, carolGetsHers) => {
    const r = await runWithFaults([fault]);
    const msg = r.facts.msgId('Hello Bob');
    expect(r.facts.replies(server).some((l) => l.line === reply)).toBe(true);
    const [code, enhanced] = reply.split(' ');
    expect(r.facts.fates(msg, BOB)).toEqual([expect.objectContaining({ fate: 'bounced', code: Number(code), enhanced })]);
    expect(r.facts.queue(bouncer, msg, 'queue.bounce')[0].reason).toContain(`said: ${reply}`);
    const [dsn] = r.facts.dsns(bouncer);
    expect(r.facts.fates(dsn.msg)).toEqual([expect.objectContaining({ fate: 'delivered', to: 'alice@example.com', folder: 'INBOX' })]);
    // A fault on bob's address leaves Carol's mail alone.
    expect(r.facts.fates(r.facts.msgId('Hello Carol'))[0].fate).toBe(carolGetsHers ? 'delivered' : 'bounced');
  });

  it('mailbox-full with permanent=false: 452 4.2.2 defers; the mail arrives once the mailbox has room', async () => {
    const r = await runWithFaults(['mailbox-full@bob@example.org:permanent=false,for=30m']);
    const msg = r.facts.msgId('Hello Bob');
    const defers = r.facts.queue(RELAY, msg, 'queue.defer');
    expect(defers[0]).toMatchObject({ code: 452, enhanced: '4.2.2' });
    expect(defers.filter((e) => e.nextRetry !== e.t).map((e) => e.nextRetry)).toEqual([600_000, 1_200_000, 2_400_000]);
    expect(r.facts.fates(msg, BOB)).toEqual([expect.objectContaining({ fate: 'delivered' })]);
    expect(r.facts.dsns()).toEqual([]);
  });

  it('relay-denied counts strikes: count=1 refuses once; the next message is relayed again', async () => {
    const r = await runWithFaults(['relay-denied@relay.example.net:count=1']);
    expect(r.facts.fates(r.facts.msgId('Hello Bob'))[0].fate).toBe('bounced');
    expect(r.facts.fates(r.facts.msgId('Hello Carol'))[0].fate).toBe('delivered');
  });
});
