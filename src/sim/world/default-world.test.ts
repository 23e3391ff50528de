import { describe, it, expect } from 'vitest';
import { simulate } from './simulate';
import { harness } from './harness';
import { getHeaders } from '../protocol/message';
import type { TraceEvent } from '../kernel/trace';

const lines = (trace: TraceEvent[], filter: (e: TraceEvent & { line?: string }) => boolean) =>
  trace.filter((e) => 'line' in e && filter(e as TraceEvent & { line?: string })).map((e) => (e as { line: string }).line);

describe('the default world', () => {
  it('delivers alice’s two mails into bob’s and carol’s INBOX', async () => {
    const r = await simulate();
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const fates = r.trace.filter((e) => e.type === 'message.fate');
    expect(fates).toEqual([
      expect.objectContaining({ id: 'm1', to: 'bob@example.org', fate: 'delivered', mailbox: 'bob@example.org', folder: 'INBOX' }),
      expect.objectContaining({ id: 'm2', to: 'carol@example.org', fate: 'delivered', mailbox: 'carol@example.org', folder: 'INBOX' }),
    ]);
  });

  it('speaks real submission: EHLO, STARTTLS, EHLO again, AUTH, MAIL, RCPT, DATA, QUIT', async () => {
    const r = await simulate();
    if (!r.ok) throw new Error('run failed');
    const sub = r.trace.filter((e) => 'port' in e && e.port === 587 && 'line' in e);
    const commands = sub.filter((e) => (e as { dir?: string }).dir === 'C').map((e) => (e as { line: string }).line.split(' ')[0]);
    expect(commands.slice(0, 9)).toEqual(['EHLO', 'STARTTLS', 'EHLO', 'AUTH', 'MAIL', 'RCPT', 'DATA', expect.any(String), 'QUIT']);
    const replies = lines(sub, (e) => (e as { dir?: string }).dir === 'S');
    expect(replies).toContain('220 2.0.0 Ready to start TLS');
    expect(replies).toContain('235 2.7.0 Authentication successful');
    expect(replies.some((l) => /^250 2\.0\.0 Ok: queued as [0-9A-F]+$/.test(l))).toBe(true);
    // AUTH is only offered after STARTTLS (smtpd_tls_auth_only).
    const ehloReplies = replies.filter((l) => l.startsWith('250-') || l.startsWith('250 '));
    expect(ehloReplies).toContain('250-AUTH PLAIN LOGIN');
  });

  it('relays through relay.example.net to the MX with the best preference', async () => {
    const r = await simulate();
    if (!r.ok) throw new Error('run failed');
    const connects = r.trace.filter((e) => e.type === 'net.connect' && e.port === 25).map((e) => `${(e as { from: string }).from}>${(e as { to: string }).to}`);
    expect(connects).toContain('smtp.example.com>relay.example.net');
    expect(connects).toContain('relay.example.net>mx1.example.org');
    expect(connects).not.toContain('relay.example.net>mx2.example.org');
    const mxQuery = r.trace.find((e) => e.type === 'dns.query' && e.qtype === 'MX' && e.name === 'example.org');
    expect(mxQuery).toBeDefined();
  });

  it('adds one Received header per hop, newest first', async () => {
    const r = await simulate();
    if (!r.ok) throw new Error('run failed');
    const bob = r.view.mailboxes.find((b) => b.address === 'bob@example.org')!;
    const raw = bob.folders.find((f) => f.name === 'INBOX')!.messages[0].raw;
    const received = getHeaders(raw, 'Received');
    expect(received).toHaveLength(3);
    expect(received[0]).toMatch(/^from relay\.example\.net .*by mx1\.example\.org/s);
    expect(received[1]).toMatch(/^from smtp\.example\.com .*by relay\.example\.net/s);
    expect(received[2]).toMatch(/^from alice-pc .*by smtp\.example\.com .*with ESMTPSA/s);
  });

  it('is deterministic: two runs give byte-identical traces', async () => {
    const a = await simulate();
    const b = await simulate();
    if (!a.ok || !b.ok) throw new Error('run failed');
    expect(a.world.trace.toJsonLines()).toBe(b.world.trace.toJsonLines());
    const c = await simulate({ seed: 99 });
    if (!c.ok) throw new Error('run failed');
    expect(c.trace.filter((e) => e.type === 'message.fate').map((e) => (e as { fate: string }).fate)).toEqual(['delivered', 'delivered']);
  });

  it('drives through the chainable harness', async () => {
    await harness()
      .advance('10m')
      .expectEvent({ type: 'mail.store', mailbox: 'bob@example.org', folder: 'INBOX' }, 'bob’s delivery')
      .send({ from: 'alice@example.com', to: ['carol@example.org', 'bob@example.org'], subject: 'Both', body: 'Hi both\r\n' })
      .advance('10m')
      .expectFate('m3', 'carol@example.org', 'delivered')
      .expectFate('m3', 'bob@example.org', 'delivered');
  });
});
