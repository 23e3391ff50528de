import { describe, it, expect } from 'vitest';
import { parseAuthResults, type AuthResultEntry } from '../auth/auth-results';
import { getHeaders } from '../protocol/message';
import type { AuthEvent, MessageFate, TraceEvent } from '../kernel/trace';
import { simulate, prepareWorld, applyIntervention } from './simulate';
import { directSend } from './direct-send';
import type { World } from './world';
import type { WorldView } from './view-model';

/**
 * The delivered copies of a mailbox — still on the server, or fetched by the person's program
 * (a POP3 program deletes what it fetched) — with their first Authentication-Results parsed.
 */
function stored(view: WorldView, address: string, folder = 'INBOX') {
  const box = view.mailboxes.find((b) => b.address === address);
  const onServer = box?.folders.find((f) => f.name === folder)?.messages ?? [];
  const fetched = folder === 'INBOX' ? (view.accounts.find((a) => a.address === address)?.downloaded ?? []) : [];
  const copies = [...onServer, ...fetched.filter((d) => !onServer.some((m) => m.msg === d.msg))];
  return copies.map((m) => {
    const fields = getHeaders(m.raw, 'Authentication-Results');
    const parsed = fields.length ? parseAuthResults(fields[0]) : undefined;
    if (parsed && !parsed.ok) throw new Error(`unreadable Authentication-Results: ${fields[0]}`);
    const byMethod: Record<string, AuthResultEntry> = Object.fromEntries((parsed?.results ?? []).map((r) => [r.method, r]));
    return { msg: m.msg, raw: m.raw, fields, authserv: parsed?.authservId, byMethod };
  });
}

const authEvents = (trace: readonly TraceEvent[], msg: string) => trace.filter((e): e is AuthEvent => e.type.startsWith('auth.') && (e as AuthEvent).msg === msg);

async function runWorld(setup: (w: World) => void, until = 900_000): Promise<World> {
  const prepared = prepareWorld({});
  if (!prepared.ok) throw new Error('world did not build');
  setup(prepared.world);
  await prepared.world.run(until);
  prepared.world.finish();
  return prepared.world;
}

describe('the receiving MX’s checks in the default world', () => {
  it('stamps every delivered mail with spf=pass, dkim=pass, dmarc=pass', async () => {
    const r = await simulate();
    if (!r.ok) throw new Error('run failed');
    const mails = [...stored(r.view, 'bob@example.org'), ...stored(r.view, 'carol@example.org')];
    expect(mails).toHaveLength(2);
    for (const m of mails) {
      expect(m.authserv).toBe('mx1.example.org');
      expect(m.byMethod.spf).toMatchObject({ result: 'pass', props: { 'smtp.mailfrom': 'example.com' } });
      expect(m.byMethod.dkim).toMatchObject({ result: 'pass', props: { 'header.d': 'example.com', 'header.s': 's2026' } });
      expect(m.byMethod.dmarc).toMatchObject({ result: 'pass', props: { 'header.from': 'example.com' } });
      expect(getHeaders(m.raw, 'Received-SPF')[0]).toMatch(/^pass \(mx1\.example\.org: domain of alice@example\.com designates 198\.51\.100\.25 as permitted sender\)/);
      expect(getHeaders(m.raw, 'X-Spam-Status')[0]).toBe('No, score=0.0 required=5.0 tests=none');
      // RFC 8601 §4: Authentication-Results sits above the older fields, below the MX's Received.
      expect(m.raw.indexOf('Authentication-Results:')).toBeGreaterThan(m.raw.indexOf('Received:'));
      expect(m.raw.indexOf('Authentication-Results:')).toBeLessThan(m.raw.indexOf('Received-SPF:'));
    }
  });

  it('records one auth event per check and keeps the reasoning in the view', async () => {
    const r = await simulate();
    if (!r.ok) throw new Error('run failed');
    expect(authEvents(r.trace, 'm1').map((e) => [e.type, e.result, e.domain])).toEqual([
      ['auth.spf', 'pass', 'example.com'],
      ['auth.dkim', 'pass', 'example.com'],
      ['auth.dmarc', 'pass', 'example.com'],
      ['auth.spam', 'inbox', undefined],
    ]);
    const check = r.view.auth.find((a) => a.msg === 'm1')!;
    expect(check).toMatchObject({ host: 'mx1.example.org', client: { ip: '198.51.100.25', helo: 'relay.example.net', mailFrom: 'alice@example.com', fromDomain: 'example.com' } });
    expect(check.spf.steps.some((s) => s.term === 'include:_spf.example.net' && s.matched)).toBe(true);
    expect(check.dkim[0].steps.length).toBeGreaterThan(3);
    expect(check.dmarc.steps.at(-1)?.note.en).toMatch(/DMARC pass/);
    expect(check.spam).toMatchObject({ score: 0, action: 'inbox' });
    expect(check.verdict).toMatchObject({ folder: 'INBOX' });
    // Plain data: it survives the trip to the page unchanged.
    expect(JSON.parse(JSON.stringify(r.view.auth))).toEqual(r.view.auth);
  });

  it('checks mail from example.org to example.com too (mail.example.org is in example.org’s SPF)', async () => {
    const world = await runWorld((w) => w.send(0, { from: 'bob@example.org', to: ['alice@example.com'], subject: 'Re: Hello', body: 'Hi Alice\r\n' }));
    const [m] = stored(world.view(), 'alice@example.com');
    expect(m.authserv).toBe('smtp.example.com');
    expect([m.byMethod.spf.result, m.byMethod.dkim.result, m.byMethod.dmarc.result]).toEqual(['pass', 'pass', 'pass']);
    expect(m.byMethod.dkim.props['header.d']).toBe('example.org');
  });

  it('lets a bounce through: the null sender is checked by its HELO name', async () => {
    const world = await runWorld((w) => w.send(0, { from: 'alice@example.com', to: ['nobody@example.org'], subject: 'Lost', body: 'x\r\n' }));
    const [dsn] = stored(world.view(), 'alice@example.com');
    expect(dsn.byMethod.spf).toMatchObject({ result: 'pass', props: { 'smtp.helo': 'relay.example.net' } });
    expect(dsn.byMethod.dmarc.result).toBe('none');
  });

  it('removes a forged Authentication-Results that claims to come from this MX (RFC 8601 §5)', async () => {
    const world = await runWorld((w) => w.scheduler.at(0, () => directSend(w, {
      host: 'mallory-pc', to: ['bob@example.org'], mailFrom: 'mallory@example.net', from: 'Mallory <mallory@example.net>', subject: 'Trust me', body: 'x\r\n',
      headers: [['Authentication-Results', 'mx1.example.org; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com']],
    })));
    const [m] = stored(world.view(), 'bob@example.org');
    expect(m.fields).toHaveLength(1);
    expect([m.byMethod.spf.result, m.byMethod.dkim.result, m.byMethod.dmarc.result]).toEqual(['none', 'none', 'none']);
  });

  it('refuses an SPF failure without DMARC only when the MX is set to (550 5.7.23)', async () => {
    const spoof = (w: World) => w.scheduler.at(0, () => directSend(w, { host: 'mallory-pc', to: ['bob@example.org'], mailFrom: 'postmaster@relay.example.net', from: 'postmaster@relay.example.net', subject: 'Hi', body: 'x\r\n' }));
    const lenient = await runWorld(spoof);
    expect(stored(lenient.view(), 'bob@example.org')[0].byMethod.spf.result).toBe('fail');
    const strict = await runWorld((w) => {
      for (const mx of ['mx1.example.org', 'mx2.example.org']) w.mailHosts.get(mx)!.plan.inbound = { spfFailReject: true };
      spoof(w);
    });
    const fate = strict.trace.events.find((e): e is MessageFate => e.type === 'message.fate' && e.from === 'postmaster@relay.example.net');
    expect(fate).toMatchObject({ fate: 'rejected', code: 550, enhanced: '5.7.23' });
  });

  it('samples with pct= from the seeded source: pct=0 softens reject to quarantine', async () => {
    const world = await runWorld((w) => {
      w.scheduler.at(0, () => applyIntervention(w, { do: 'set-zone', zone: 'example.com', text: w.dns.zoneText('example.com').replace('p=reject;', 'p=reject; pct=0;') }));
      w.scheduler.at(10, () => directSend(w, { host: 'mallory-pc', to: ['bob@example.org'], mailFrom: 'alice@example.com', from: 'alice@example.com', subject: 'Hi', body: 'x\r\n' }));
    });
    const [m] = stored(world.view(), 'bob@example.org', 'Junk');
    expect(m.byMethod.dmarc).toMatchObject({ result: 'fail', comments: ['p=reject dis=quarantine'] });
  });

  it('is deterministic, auth records included', async () => {
    const a = await simulate();
    const b = await simulate();
    if (!a.ok || !b.ok) throw new Error('run failed');
    expect(a.world.trace.toJsonLines()).toBe(b.world.trace.toJsonLines());
    expect(JSON.stringify(a.view.auth)).toBe(JSON.stringify(b.view.auth));
  });
});
