import { describe, expect, it } from 'vitest';
import { receivedSpfHeader, spfAuthResult } from './spf-header';
import type { SpfOutcome } from './spf';

const outcome = (o: Partial<SpfOutcome>): SpfOutcome => ({ result: 'pass', lookups: 0, voidLookups: 0, steps: [], identity: 'mailfrom', domain: 'example.org', ...o });
const ctx = { ip: '192.0.2.10', helo: 'mail.example.org', sender: 'alice@example.org', receiver: 'mx.example.com' };

describe('receivedSpfHeader (RFC 7208 §9.1)', () => {
  it.each<[Partial<SpfOutcome>, string]>([
    [{ result: 'pass', mechanism: 'mx' }, 'Received-SPF: pass (mx.example.com: domain of alice@example.org designates 192.0.2.10 as permitted sender) receiver=mx.example.com; client-ip=192.0.2.10; envelope-from="alice@example.org"; helo=mail.example.org; mechanism=mx; identity=mailfrom;'],
    [{ result: 'fail', mechanism: '-all' }, 'Received-SPF: fail (mx.example.com: domain of alice@example.org does not designate 192.0.2.10 as permitted sender) receiver=mx.example.com; client-ip=192.0.2.10; envelope-from="alice@example.org"; helo=mail.example.org; mechanism=-all; identity=mailfrom;'],
    [{ result: 'softfail', mechanism: '~all' }, 'Received-SPF: softfail (mx.example.com: domain of alice@example.org discourages use of 192.0.2.10 as permitted sender) receiver=mx.example.com; client-ip=192.0.2.10; envelope-from="alice@example.org"; helo=mail.example.org; mechanism=~all; identity=mailfrom;'],
    [{ result: 'neutral' }, 'Received-SPF: neutral (mx.example.com: 192.0.2.10 is neither permitted nor denied by domain of alice@example.org) receiver=mx.example.com; client-ip=192.0.2.10; envelope-from="alice@example.org"; helo=mail.example.org; identity=mailfrom;'],
    [{ result: 'none' }, 'Received-SPF: none (mx.example.com: domain of alice@example.org does not designate permitted sender hosts) receiver=mx.example.com; client-ip=192.0.2.10; envelope-from="alice@example.org"; helo=mail.example.org; identity=mailfrom;'],
    [{ result: 'permerror', problem: { en: 'ip4:192.0.2.300: bad "address"', de: 'x' } }, 'Received-SPF: permerror (mx.example.com: permanent error in processing during lookup of alice@example.org) receiver=mx.example.com; client-ip=192.0.2.10; envelope-from="alice@example.org"; helo=mail.example.org; problem="ip4:192.0.2.300: bad \\"address\\""; identity=mailfrom;'],
    [{ result: 'temperror' }, 'Received-SPF: temperror (mx.example.com: temporary error in processing during lookup of alice@example.org) receiver=mx.example.com; client-ip=192.0.2.10; envelope-from="alice@example.org"; helo=mail.example.org; identity=mailfrom;'],
  ])('writes %j', (o, header) => {
    expect(receivedSpfHeader(outcome(o), ctx)).toBe(header);
  });

  it('writes the HELO identity, IPv6 addresses and an empty envelope sender', () => {
    expect(receivedSpfHeader(outcome({ identity: 'helo', domain: 'mail.example.org' }), { ...ctx, ip: '2001:db8::10', sender: '' })).toBe(
      'Received-SPF: pass (mx.example.com: mail.example.org designates 2001:db8::10 as permitted sender) receiver=mx.example.com; client-ip="2001:db8::10"; envelope-from=""; helo=mail.example.org; identity=helo;',
    );
  });

  it('escapes parentheses in the comment', () => {
    expect(receivedSpfHeader(outcome({}), { ...ctx, receiver: 'mx (1)' })).toContain('(mx \\(1\\): domain');
  });
});

describe('spfAuthResult (RFC 8601 §2.7.2)', () => {
  it.each<[Partial<SpfOutcome>, string, string]>([
    [{ result: 'pass' }, 'alice@example.org', 'spf=pass smtp.mailfrom=example.org'],
    [{ result: 'fail' }, 'bob@sub.example.com', 'spf=fail smtp.mailfrom=sub.example.com'],
    [{ result: 'none', identity: 'helo' }, '', 'spf=none smtp.helo=mail.example.org'],
  ])('%j for %s → %s', (o, sender, text) => {
    expect(spfAuthResult(outcome(o), { sender, helo: 'mail.example.org' })).toBe(text);
  });
});
