import { describe, expect, it } from 'vitest';
import { checkFaultTarget, FAULT_KINDS, FAULTS, faultDef, parseFaultArg, parseLinkName } from './faults';
import { ACTION_KINDS } from './schema-timeline';

const REQUIRED_KINDS = [
  'busy', 'local-error', 'greylist', 'down', 'port-closed', 'link-loss', 'partition', 'block-port-25', 'wrong-port', 'wrong-tls-mode',
  'cert-expired', 'cert-mismatch', 'auth-fail', 'app-password-required', 'sender-not-allowed', 'too-large', 'mailbox-full', 'unknown-user',
  'relay-denied', 'dns-nxdomain', 'dns-servfail', 'dns-timeout', 'mx-missing', 'mx-wrong-host', 'null-mx', 'spf-wrong-ip', 'spf-missing-sender',
  'spf-too-many-lookups', 'dkim-key-missing', 'body-modified', 'dmarc-reject', 'dmarc-quarantine', 'dnsbl-listed', 'spam-content',
];

describe('the fault catalogue', () => {
  it('has every kind the design asks for, each once', () => {
    expect(new Set(FAULT_KINDS).size).toBe(FAULT_KINDS.length);
    for (const kind of REQUIRED_KINDS) expect(FAULT_KINDS).toContain(kind);
  });

  it.each(FAULTS.map((f) => [f.kind, f] as const))('%s is explained in both languages and its defaults fit its parameters', (_kind, f) => {
    for (const text of [f.title, f.effect, f.teaches]) {
      expect(text.en.length).toBeGreaterThan(5);
      expect(text.de.length).toBeGreaterThan(5);
    }
    expect(f.effect.de).not.toBe(f.effect.en);
    expect(f.teaches.de).not.toBe(f.teaches.en);
    for (const p of f.params) {
      expect(p.description.en && p.description.de).toBeTruthy();
      const expected = { duration: 'number', integer: 'number', number: 'number', boolean: 'boolean', string: 'string', enum: 'string' }[p.type];
      expect(typeof p.default).toBe(expected);
      if (p.type === 'enum') expect(p.values).toContain(p.default);
      if (p.min !== undefined) expect(p.default as number).toBeGreaterThanOrEqual(p.min);
      if (p.max !== undefined) expect(p.default as number).toBeLessThanOrEqual(p.max);
    }
    for (const reply of f.replies) expect(reply).toMatch(/^[45]\d\d [45]\.\d{1,3}\.\d{1,3}$/);
  });

  it('knows the actions that can switch faults on and off', () => {
    expect(ACTION_KINDS).toEqual(['inject-fault', 'clear-fault', 'set-dns', 'set-account', 'send', 'pause', 'flush-queue']);
  });

  it('looks kinds up', () => {
    expect(faultDef('greylist')?.targetKind).toBe('host');
    expect(faultDef('nope')).toBeUndefined();
  });

  it.each([
    ['a<->b', ['a', 'b']],
    ['relay.example.net~mx1.example.org', ['relay.example.net', 'mx1.example.org']],
    ['a', undefined],
    ['a<->', undefined],
  ] as const)('parseLinkName(%s)', (text, ends) => {
    expect(parseLinkName(text)).toEqual(ends);
  });
});

describe('parseFaultArg', () => {
  it.each([
    ['busy@mx1.example.org:for=20m', { kind: 'busy', target: 'mx1.example.org', from: 0, for: 1_200_000, params: {} }],
    ['busy@mx1.example.org:for=20m,count=2', { kind: 'busy', target: 'mx1.example.org', from: 0, for: 1_200_000, count: 2, params: {} }],
    ['down@mx1.example.org:for=6d', { kind: 'down', target: 'mx1.example.org', from: 0, for: 518_400_000, params: {} }],
    ['unknown-user@bob@example.org', { kind: 'unknown-user', target: 'bob@example.org', from: 0, params: {} }],
    ['mailbox-full@bob@example.org:permanent=false', { kind: 'mailbox-full', target: 'bob@example.org', from: 0, params: { permanent: false } }],
    ['greylist@mx2.example.org', { kind: 'greylist', target: 'mx2.example.org', from: 0, params: { attempts: 1, delay: 300_000 } }],
    ['greylist@mx2.example.org:attempts=2,delay=10m,from=5m', { kind: 'greylist', target: 'mx2.example.org', from: 300_000, params: { attempts: 2, delay: 600_000 } }],
    ['local-error@mx1.example.org:on=DATA,attempt=2', { kind: 'local-error', target: 'mx1.example.org', on: { event: 'DATA', attempt: 2 }, params: {} }],
    ['link-loss@relay.example.net<->mx1.example.org:loss=0.5', { kind: 'link-loss', target: 'relay.example.net<->mx1.example.org', from: 0, params: { loss: 0.5 } }],
    ['wrong-tls-mode@alice@example.com:security=tls', { kind: 'wrong-tls-mode', target: 'alice@example.com', from: 0, params: { security: 'tls' } }],
    ['busy@mx1.example.org:id=b1', { id: 'b1', kind: 'busy', target: 'mx1.example.org', from: 0, params: {} }],
  ])('%s', (arg, fault) => {
    expect(parseFaultArg(arg)).toEqual({ ok: true, fault });
  });

  it.each([
    ['bussy@mx1.example.org', "unknown fault kind 'bussy' — did you mean 'busy'? Known kinds: busy, local-error"],
    ['nothing-like-it@x', "unknown fault kind 'nothing-like-it'. Known kinds: busy"],
    ['busy', 'expected KIND@TARGET'],
    ['@mx1.example.org', 'expected KIND@TARGET'],
    ['busy@', 'names no target'],
    ['busy@mx1.example.org:for', "'for' is not key=value"],
    ['busy@mx1.example.org:for=20x', "for: '20x' is not a duration"],
    ['busy@mx1.example.org:for=1m,for=2m', 'given twice'],
    ['busy@mx1.example.org:count=0', 'count: must be at least 1'],
    ['busy@mx1.example.org:from=1m,on=DATA', "give either 'from'"],
    ['busy@mx1.example.org:on=DATAA', "unknown SMTP stage 'DATAA' — did you mean 'DATA'?"],
    ['greylist@mx2.example.org:atempts=2', "unknown field 'atempts' for a 'greylist' fault — did you mean 'attempts'?"],
    ['greylist@mx2.example.org:attempts=two', 'attempts: expected a whole number'],
    ['link-loss@mx1.example.org', "a 'link-loss' fault targets a link"],
    ['unknown-user@bob', "a 'unknown-user' fault targets a mail address"],
    ['wrong-tls-mode@alice@example.com:security=ssl', "'ssl' is not allowed. Allowed: swap, none, starttls, tls"],
  ])('%s is an error: %s', (arg, text) => {
    const r = parseFaultArg(arg);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.en).toContain(text);
      expect(r.error.de).not.toBe('');
    }
  });
});

describe('checkFaultTarget', () => {
  const known = {
    hosts: ['alice-pc', 'smtp.example.com', 'mx1.example.org', 'mx2.example.org'],
    links: ['alice-pc<->smtp.example.com', 'smtp.example.com<->mx1.example.org'],
    accounts: ['alice@example.com', 'bob@example.org'],
    zones: ['example.com', 'example.org'],
  };
  it.each([
    ['busy', 'mx1.example.org', null],
    ['busy', 'MX1.example.org.', null],
    ['busy', 'mx3.example.org', "there is no host 'mx3.example.org' — did you mean 'mx1.example.org'? Known: alice-pc, smtp.example.com"],
    ['block-port-25', 'alice-pc', null],
    ['partition', 'mx1.example.org<->smtp.example.com', null],
    ['partition', 'alice-pc<->mx1.example.org', "there is no link 'alice-pc<->mx1.example.org'"],
    ['unknown-user', 'bob@example.org', null],
    ['auth-fail', 'eve@example.com', "there is no account 'eve@example.com'"],
    ['null-mx', 'example.org', null],
    ['null-mx', 'example.net', "there is no zone 'example.net'"],
    ['dns-timeout', 'mx1.example.org', null],
    ['dns-nxdomain', 'www.example.net', "there is no zone holding the name 'www.example.net'"],
  ] as const)('%s@%s', (kind, target, text) => {
    const r = checkFaultTarget({ kind, target }, known);
    if (text === null) expect(r).toBeNull();
    else {
      expect(r?.en).toContain(text);
      expect(r?.de).toContain(target);
    }
  });
});
