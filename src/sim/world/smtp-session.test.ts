import { describe, it, expect } from 'vitest';
import { prepareWorld } from './simulate';
import { ConsoleSession } from './console-session';
import { encodePlain } from '../protocol/sasl';

/** Types lines one by one into a hand-made session and returns the server's lines after each. */
async function converse(to: string, port: number, script: (string | 'TLS')[], from = to.startsWith('mx') ? 'mallory-pc' : 'alice-pc') {
  const prepared = prepareWorld({});
  if (!prepared.ok) throw new Error('no world');
  const world = prepared.world;
  const session = new ConsoleSession(world, from, to, port);
  await world.run(world.scheduler.now() + 2000);
  const answers: string[][] = [session.screen.filter((l) => l.dir === 'S').map((l) => l.text)];
  for (const line of script) {
    const before = session.screen.length;
    if (line === 'TLS') session.startTls();
    else session.type(line);
    await world.run(world.scheduler.now() + 2000);
    answers.push(session.screen.slice(before).filter((l) => l.dir === 'S').map((l) => l.text));
  }
  return { answers, world, session };
}

const alicePlain = encodePlain({ authcid: 'alice@example.com', password: 'alice-secret' });

describe('the SMTP server answers like Postfix (shared/REAL-REPLIES.md)', () => {
  it.each([
    ['MX greeting and EHLO', 'mx1.example.org', 25, ['EHLO test'], ['250-mx1.example.org', '250-PIPELINING', '250-SIZE 10240000', '250-VRFY', '250-ETRN', '250-STARTTLS', '250-ENHANCEDSTATUSCODES', '250-8BITMIME', '250-DSN', '250 SMTPUTF8']],
    ['EHLO without a domain', 'mx1.example.org', 25, ['EHLO'], ['501 Syntax: EHLO hostname']],
    ['RCPT before MAIL', 'mx1.example.org', 25, ['EHLO t', 'RCPT TO:<bob@example.org>'], ['503 5.5.1 Error: need MAIL command']],
    ['DATA before MAIL', 'mx1.example.org', 25, ['EHLO t', 'DATA'], ['503 5.5.1 Error: need RCPT command']],
    ['unknown command', 'mx1.example.org', 25, ['FROBNICATE'], ['500 5.5.2 Error: command not recognized']],
    ['unknown local user', 'mx1.example.org', 25, ['EHLO t', 'MAIL FROM:<x@example.net>', 'RCPT TO:<nosuchuser@example.org>'], ['550 5.1.1 <nosuchuser@example.org>: Recipient address rejected: User unknown in virtual mailbox table']],
    ['relaying for a stranger', 'mx1.example.org', 25, ['EHLO t', 'MAIL FROM:<x@example.net>', 'RCPT TO:<someone@example.net>'], ['554 5.7.1 <someone@example.net>: Relay access denied']],
    ['AUTH on the MX', 'mx1.example.org', 25, ['EHLO t', 'AUTH PLAIN'], ['503 5.5.1 Error: authentication not enabled']],
    ['lowercase verbs', 'mx1.example.org', 25, ['ehlo t', 'mail from:<a@example.net>', 'rSeT', 'nOoP'], ['250 2.0.0 Ok']],
    ['null sender', 'mx1.example.org', 25, ['EHLO t', 'MAIL FROM:<>', 'RCPT TO:<bob@example.org>'], ['250 2.1.5 Ok']],
    ['declared size too large', 'mx1.example.org', 25, ['EHLO t', 'MAIL FROM:<a@example.net> SIZE=10240001'], ['552 5.3.4 Message size exceeds fixed limit']],
    ['unknown MAIL parameter', 'mx1.example.org', 25, ['EHLO t', 'MAIL FROM:<a@example.net> FROBNICATE=1'], ['555 5.5.4 Unsupported option: FROBNICATE=1']],
    ['AUTH before STARTTLS on submission', 'smtp.example.com', 587, ['EHLO t', `AUTH PLAIN ${alicePlain}`], ['530 5.7.0 Must issue a STARTTLS command first']],
    ['MAIL before STARTTLS on submission', 'smtp.example.com', 587, ['EHLO t', 'MAIL FROM:<alice@example.com>'], ['530 5.7.0 Must issue a STARTTLS command first']],
    ['STARTTLS', 'smtp.example.com', 587, ['EHLO t', 'STARTTLS'], ['220 2.0.0 Ready to start TLS']],
  ])('%s', async (_name, to, port, script, last) => {
    const { answers } = await converse(to, port, script);
    expect(answers.at(-1)).toEqual(last);
  });

  it('greets like Postfix', async () => {
    const { answers } = await converse('mx1.example.org', 25, []);
    expect(answers[0]).toEqual(['220 mx1.example.org ESMTP Postfix']);
  });

  it('submission: TLS, then AUTH, sender rules, and a whole hand-typed mail gets delivered', async () => {
    const { answers, world } = await converse('smtp.example.com', 587, [
      'EHLO alice-pc', 'STARTTLS', 'TLS', 'EHLO alice-pc', 'MAIL FROM:<alice@example.com>', 'RCPT TO:<bob@example.org>', 'RSET',
      'AUTH LOGIN', 'YWxpY2VAZXhhbXBsZS5jb20=', 'YWxpY2Utc2VjcmV0', 'AUTH PLAIN',
      'MAIL FROM:<mallory@example.com>', 'RCPT TO:<bob@example.org>', 'RSET',
      'MAIL FROM:<alice@example.com>', 'RCPT TO:<bob@example.org>', 'DATA',
      'From: alice@example.com\r\nTo: bob@example.org\r\nSubject: typed by hand\r\n\r\n..a line that starts with a dot\r\n.', 'QUIT',
    ]);
    expect(answers[4]).toContain('250-AUTH PLAIN LOGIN');
    expect(answers[6]).toEqual(['553 5.7.1 <alice@example.com>: Sender address rejected: not logged in']);
    expect(answers[8]).toEqual(['334 VXNlcm5hbWU6']);
    expect(answers[9]).toEqual(['334 UGFzc3dvcmQ6']);
    expect(answers[10]).toEqual(['235 2.7.0 Authentication successful']);
    expect(answers[11]).toEqual(['503 5.5.1 Error: already authenticated']);
    expect(answers[13]).toEqual(['553 5.7.1 <mallory@example.com>: Sender address rejected: not owned by user alice@example.com']);
    expect(answers[18]?.[0]).toMatch(/^250 2\.0\.0 Ok: queued as [0-9A-F]+$/);
    await world.run(world.scheduler.now() + 600_000);
    const bob = world.view().mailboxes.find((b) => b.address === 'bob@example.org')!;
    const typed = bob.folders[0].messages.find((m) => m.subject === 'typed by hand');
    expect(typed?.raw).toContain('\r\n.a line that starts with a dot\r\n');
    expect(world.trace.events.some((e) => e.type === 'console.input' && e.what === 'DATA')).toBe(true);
  });
});

describe('console sessions as interventions', () => {
  it('replay identically: a hand-typed session is part of the deterministic run', async () => {
    const { simulate } = await import('./simulate');
    const interventions = [
      { at: 10_000, action: { do: 'console-open' as const, session: 's1', from: 'mallory-pc', to: 'mx1.example.org', port: 25 } },
      { at: 12_000, action: { do: 'console-type' as const, session: 's1', line: 'HELO mallory' } },
      { at: 13_000, action: { do: 'console-type' as const, session: 's1', line: 'QUIT' } },
    ];
    const a = await simulate({ interventions });
    const b = await simulate({ interventions });
    if (!a.ok || !b.ok) throw new Error('run failed');
    expect(a.world.trace.toJsonLines()).toBe(b.world.trace.toJsonLines());
    const open = a.trace.find((e) => e.type === 'console.input' && e.session === 's1');
    const conn = (open as { conn: string }).conn;
    const replies = a.trace.filter((e) => e.type === 'smtp.reply' && e.conn === conn).map((e) => (e as { line: string }).line);
    expect(replies).toEqual(['220 mx1.example.org ESMTP Postfix', '250 mx1.example.org', '221 2.0.0 Bye']);
  });
});
