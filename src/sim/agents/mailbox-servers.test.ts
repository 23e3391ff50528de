import { describe, expect, it } from 'vitest';
import { prepareWorld } from '../world/simulate';
import type { World } from '../world/world';
import type { Endpoint } from '../kernel/connection';

/** A hand-typed session, like the console: lines go out at given virtual times, replies come back stamped. */
async function session(port: number, script: { at: number; line?: string; tls?: boolean }[], until = 30_000) {
  const prepared = prepareWorld({});
  if (!prepared.ok) throw new Error('world did not build');
  const world: World = prepared.world;
  const got: { t: number; line: string }[] = [];
  const state: { ep?: Endpoint; closedAt?: number; tls?: string } = {};
  const start = 500;
  world.scheduler.at(start, () => world.transport.connect('mallory-pc', 'mail.example.org', port, (o) => {
    if (o.kind !== 'accepted') throw new Error(o.kind);
    state.ep = o.client;
    o.client.onLine = (line) => got.push({ t: world.scheduler.now() - start, line });
    o.client.onClose = () => (state.closedAt = world.scheduler.now() - start);
    if (port === 995 || port === 993) o.client.conn.clientStartTls('mail.example.org', (r) => (state.tls = r.ok ? 'ok' : r.reason));
  }));
  for (const s of script) {
    world.scheduler.at(start + s.at, () => {
      if (s.tls) state.ep?.conn.clientStartTls('mail.example.org', (r) => (state.tls = r.ok ? 'ok' : r.reason));
      else if (s.line !== undefined) state.ep?.send(s.line);
    });
  }
  await world.run(start + until);
  return { got, lines: got.map((g) => g.line), ...state };
}

describe('pop3ServerMachine over a simulated connection', () => {
  it('greets, upgrades with STLS, answers pipelined commands in order and deletes at QUIT', async () => {
    const r = await session(110, [
      { at: 200, line: 'CAPA' },
      { at: 400, line: 'STLS' },
      { at: 600, tls: true },
      { at: 1000, line: 'USER carol@example.org' },
      { at: 1000, line: 'PASS carol-secret' },
      { at: 1000, line: 'STAT' },
      { at: 1200, line: 'QUIT' },
    ]);
    expect(r.lines[0]).toBe('+OK Dovecot (Debian) ready.');
    expect(r.lines[1]).toContain('\r\nSTLS\r\n');
    expect(r.lines.slice(2)).toEqual(['+OK Begin TLS negotiation now.', '+OK', '+OK Logged in.', '+OK 0 0', '+OK Logging out.']);
    expect(r.tls).toBe('ok');
    expect(r.closedAt).toBeDefined();
  });

  it('holds a failed login for the 2 s failure delay, and the lines after it wait', async () => {
    const r = await session(995, [{ at: 300, line: 'USER carol@example.org' }, { at: 300, line: 'PASS nope' }, { at: 300, line: 'NOOP' }]);
    const fail = r.got.find((g) => g.line.startsWith('-ERR [AUTH]'))!;
    const ok = r.got.find((g) => g.line === '+OK')!;
    expect(fail.t - ok.t).toBeGreaterThanOrEqual(2000);
    expect(r.lines.at(-1)).toBe('-ERR Unknown command.');
  });

  it('hangs up on a client that says nothing for 3 minutes before login', async () => {
    const r = await session(110, [], 200_000);
    expect(r.lines).toEqual(['+OK Dovecot (Debian) ready.', '-ERR Disconnected for inactivity.']);
    expect(r.closedAt).toBeGreaterThan(180_000);
  });
});

describe('imapServerMachine over a simulated connection', () => {
  it('STARTTLS on 143, then LOGIN, SELECT, IDLE that reports new mail, DONE and LOGOUT', async () => {
    const r = await session(143, [
      { at: 200, line: 'a1 STARTTLS' },
      { at: 400, tls: true },
      { at: 800, line: 'a2 LOGIN bob@example.org "bob-secret"' },
      { at: 1000, line: 'a3 SELECT INBOX' },
      { at: 1200, line: 'a4 IDLE' },
      { at: 45_000, line: 'DONE' },
      { at: 45_500, line: 'a5 LOGOUT' },
    ], 60_000);
    expect(r.tls).toBe('ok');
    expect(r.lines).toContain('a1 OK Begin TLS negotiation now.');
    expect(r.lines).toContain('* 0 EXISTS');
    expect(r.lines).toContain('+ idling');
    // Alice's mail to bob arrives at about 2.4 s; the idle check at 30 s reports it.
    const exists = r.got.find((g) => g.line === '* 1 EXISTS')!;
    expect(exists.t).toBeGreaterThan(30_000);
    expect(exists.t).toBeLessThan(32_000);
    expect(r.lines.slice(-3)).toEqual(['a4 OK Idle completed (0.001 + 0.000 secs).', '* BYE Logging out', 'a5 OK Logout completed.']);
    expect(r.closedAt).toBeDefined();
  });

  it('answers a synchronizing literal with "+ OK" and reads the login from it', async () => {
    const r = await session(993, [{ at: 300, line: 'a1 LOGIN {15}' }, { at: 400, line: 'bob@example.org {10}' }, { at: 500, line: 'bob-secret' }]);
    expect(r.lines.slice(1, 3)).toEqual(['+ OK', '+ OK']);
    expect(r.lines[4]).toMatch(/^a1 OK \[CAPABILITY [^\]]+\] Logged in$/);
  });
});
