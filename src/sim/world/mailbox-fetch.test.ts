import { describe, expect, it } from 'vitest';
import type { ProtoLine, TraceEvent } from '../kernel/trace';
import { simulate } from './simulate';
import { World } from './world';
import { defaultWorldPlan, DEFAULT_SENDS, type WorldPlan } from './default-world';

const lines = (trace: TraceEvent[], proto: 'pop3' | 'imap') =>
  trace.filter((e): e is ProtoLine => e.type === `${proto}.command` || e.type === `${proto}.reply`);

async function runPlan(plan: WorldPlan, sends = DEFAULT_SENDS, until = 6 * 86_400_000): Promise<World> {
  const world = new World(plan);
  world.start();
  for (const s of sends) world.send(s.at, { from: s.from, to: s.to, subject: s.subject, body: s.body });
  await world.run(until);
  world.finish();
  return world;
}

describe('the mail programs fetch what arrived (default world)', () => {
  it('bob reads over IMAP (kept on the server, \\Seen), carol over POP3 (downloaded and deleted)', async () => {
    const r = await simulate();
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const imap = lines(r.trace, 'imap').filter((e) => (e.dir === 'C' ? e.from : e.to) === 'bob-phone');
    const pop3 = lines(r.trace, 'pop3').filter((e) => (e.dir === 'C' ? e.from : e.to) === 'carol-pc');
    expect(imap.map((e) => e.line)).toEqual(expect.arrayContaining([
      'a1 LOGIN "bob@example.org" "bob-secret"', 'a2 SELECT INBOX', 'a3 UID FETCH 1:* (FLAGS BODY[])', 'a3 OK Fetch completed (0.001 + 0.000 secs).',
    ]));
    expect(imap.some((e) => e.line.startsWith('* 1 FETCH (UID 1 FLAGS (\\Seen) BODY[] {'))).toBe(true);
    expect(pop3.map((e) => e.line)).toEqual(expect.arrayContaining([
      '+OK Dovecot (Debian) ready.', 'USER carol@example.org', '+OK Logged in.', 'RETR 1', 'DELE 1', '+OK Marked to be deleted.', 'QUIT', '+OK Logging out, messages deleted.',
    ]));
    expect(pop3.every((e) => e.tls && e.port === 995)).toBe(true);
    expect(imap.every((e) => e.tls && e.port === 993)).toBe(true);

    const fetches = r.trace.filter((e) => e.type === 'mail.fetch');
    expect(fetches).toEqual([
      expect.objectContaining({ host: 'carol-pc', msg: 'm2', mailbox: 'carol@example.org', reason: 'POP3, deleted from the server' }),
      expect.objectContaining({ host: 'bob-phone', msg: 'm1', mailbox: 'bob@example.org', reason: 'IMAP, kept on the server' }),
    ]);
    const box = (a: string) => r.view.mailboxes.find((b) => b.address === a)!.folders.find((f) => f.name === 'INBOX')!.messages;
    expect(box('bob@example.org').map((m) => [m.msg, m.flags])).toEqual([['m1', ['\\Seen']]]);
    expect(box('carol@example.org')).toEqual([]);
    const account = (a: string) => r.view.accounts.find((x) => x.address === a)!;
    expect(account('bob@example.org').downloaded.map((m) => [m.msg, m.subject])).toEqual([['m1', 'Hello Bob']]);
    expect(account('carol@example.org').downloaded.map((m) => [m.msg, m.subject])).toEqual([['m2', 'Hello Carol']]);
    expect(account('carol@example.org').downloaded[0].raw).toMatch(/^Received: from relay\.example\.net/m);
  });

  it('checks right after start and then every minute, and rests once nothing new comes, so the run ends', async () => {
    const r = await simulate();
    if (!r.ok) throw new Error('run failed');
    const checks = r.trace.filter((e) => e.type === 'net.connect' && (e.port === 993 || e.port === 995)).map((e) => `${e.t} ${(e as { from: string }).from}`);
    expect(checks.sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b))).toEqual(['0 alice-pc', '0 bob-phone', '0 carol-pc', '60000 bob-phone', '60000 carol-pc', '120000 bob-phone', '120000 carol-pc']);
    expect(r.horizon).toBeLessThan(10 * 60_000);
    // The second IMAP check sees UIDNEXT unchanged and fetches nothing again.
    expect(lines(r.trace, 'imap').filter((e) => e.line.includes('UID FETCH'))).toHaveLength(1);
  });
});

describe('mail programs with other incoming settings', () => {
  it('uses STARTTLS on 143 and STLS on 110, leaves POP3 mail on the server and downloads each message once', async () => {
    const plan = defaultWorldPlan();
    const bob = plan.accounts.find((a) => a.address === 'bob@example.org')!;
    bob.incoming = { ...bob.incoming!, port: 143, security: 'starttls' };
    const carol = plan.accounts.find((a) => a.address === 'carol@example.org')!;
    carol.incoming = { ...carol.incoming!, port: 110, security: 'starttls', keepOnServer: true };
    const later = { ...DEFAULT_SENDS[1], at: 5 * 60_000, subject: 'Second for Carol' };
    const world = await runPlan(plan, [...DEFAULT_SENDS, later]);
    const trace = world.trace.events;
    const pop3 = lines(trace, 'pop3').map((e) => e.line);
    expect(pop3).toEqual(expect.arrayContaining(['STLS', '+OK Begin TLS negotiation now.', 'UIDL']));
    expect(pop3).not.toContain('DELE 1');
    expect(lines(trace, 'imap').map((e) => e.line)).toEqual(expect.arrayContaining(['a1 STARTTLS', 'a1 OK Begin TLS negotiation now.']));
    expect(lines(trace, 'pop3').find((e) => e.line.startsWith('USER'))!.tls).toBe(true);
    const carolFetches = trace.filter((e) => e.type === 'mail.fetch' && e.host === 'carol-pc').map((e) => (e as { msg: string }).msg);
    expect(carolFetches).toEqual(['m2', 'm3']);
    const inbox = world.view().mailboxes.find((b) => b.address === 'carol@example.org')!.folders.find((f) => f.name === 'INBOX')!;
    expect(inbox.messages.map((m) => [m.msg, m.flags])).toEqual([['m2', ['\\Seen']], ['m3', ['\\Seen']]]);
    // Woken by the delivery at about 5:03, carol checks at her next regular time, 6:00.
    const m3 = trace.find((e) => e.type === 'mail.fetch' && (e as { msg: string }).msg === 'm3')!;
    expect(m3.t).toBeGreaterThan(6 * 60_000);
    expect(m3.t).toBeLessThan(6 * 60_000 + 2000);
  });

  it('shows a login failure the way a mail program does, then rests', async () => {
    const plan = defaultWorldPlan();
    const bob = plan.accounts.find((a) => a.address === 'bob@example.org')!;
    bob.incoming = { ...bob.incoming!, password: 'typo' };
    const world = await runPlan(plan);
    const errors = world.trace.events.filter((e) => e.type === 'mail.error' && e.host === 'bob-phone').map((e) => (e as { reason: string }).reason);
    expect(errors[0]).toBe('Login to mail.example.org as "bob@example.org" failed. The server said: a1 NO [AUTHENTICATIONFAILED] Authentication failed.');
    expect(world.scheduler.now()).toBeLessThan(10 * 60_000);
    expect(world.programs.programFor('bob@example.org')!.errors.length).toBe(errors.length);
  });

  it('after a failed check, waits for the world to change (a fault clears) and then fetches at its next regular time', async () => {
    const world = new World(defaultWorldPlan());
    world.start();
    world.injectFault({ kind: 'port-closed', target: 'mail.example.org', from: 0, for: 5 * 60_000, params: { port: 993 } });
    for (const s of DEFAULT_SENDS) world.send(s.at, { from: s.from, to: s.to, subject: s.subject, body: s.body });
    await world.run(6 * 86_400_000);
    const errors = world.trace.events.filter((e) => e.type === 'mail.error' && e.host === 'bob-phone');
    expect(errors.map((e) => e.t)).toEqual([expect.any(Number), expect.any(Number)]);
    const fetched = world.trace.events.find((e) => e.type === 'mail.fetch' && e.host === 'bob-phone')!;
    expect(fetched).toMatchObject({ msg: 'm1' });
    expect(fetched.t).toBeGreaterThan(6 * 60_000);
    expect(fetched.t).toBeLessThan(6 * 60_000 + 2000);
  });

  it('reports a refused connection when nothing listens on the incoming port', async () => {
    const plan = defaultWorldPlan();
    const carol = plan.accounts.find((a) => a.address === 'carol@example.org')!;
    carol.incoming = { ...carol.incoming!, port: 996 };
    const world = await runPlan(plan, []);
    const error = world.trace.events.find((e) => e.type === 'mail.error' && e.host === 'carol-pc');
    expect(error).toMatchObject({ reason: 'Could not connect to mail.example.org:996 (POP3): the connection was refused. Check the server name and port.' });
  });
});
