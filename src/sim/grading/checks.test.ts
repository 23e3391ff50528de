import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../kernel/trace';
import type { Check } from '../scenario/schema-checks';
import type { WorldView } from '../world/view-model';
import { checkTopics, evaluateCheck, type CheckContext } from './checks';
import { messageIdsOf } from './scope';

/** A small journey: alice → bob delivered (with a 421 on the way), alice → carol bounced, a console command. */
const TRACE = [
  { t: 0, type: 'world.start', what: 'test' },
  { t: 1000, type: 'mail.submit', host: 'alice-pc', msg: 'm1', from: 'alice@example.com', to: ['bob@example.org'], subject: 'Hello Bob' },
  { t: 1010, type: 'smtp.reply', dir: 'S', line: '235 2.7.0 Authentication successful', code: 235, enhanced: '2.7.0', from: 'smtp.example.com', to: 'alice-pc', proto: 'smtp', conn: 'c1', port: 587, route: [], arrive: 1020 },
  { t: 1500, type: 'queue.enqueue', host: 'relay.example.net', msg: 'm1', rcpts: ['bob@example.org'], target: 'Q1' },
  { t: 1600, type: 'smtp.reply', dir: 'S', line: '421 4.3.2 mx1.example.org Service not available', code: 421, enhanced: '4.3.2', from: 'mx1.example.org', to: 'relay.example.net', proto: 'smtp', conn: 'c3', port: 25, route: [], arrive: 1610 },
  { t: 1700, type: 'queue.defer', host: 'relay.example.net', msg: 'm1', rcpts: ['bob@example.org'], code: 421, enhanced: '4.3.2', reason: 'busy', nextRetry: 300000 },
  { t: 2000, type: 'mail.submit', host: 'alice-pc', msg: 'm2', from: 'alice@example.com', to: ['carol@example.org'], subject: 'Hello Carol' },
  { t: 2500, type: 'queue.bounce', host: 'relay.example.net', msg: 'm2', rcpts: ['carol@example.org'], code: 550, enhanced: '5.1.1', reason: 'User unknown' },
  { t: 3000, type: 'console.input', what: 'command', detail: 'dig MX example.org', host: 'alice-pc' },
  { t: 300100, type: 'auth.spf', host: 'mx1.example.org', msg: 'm1', result: 'pass', domain: 'example.com' },
  { t: 300100, type: 'auth.dkim', host: 'mx1.example.org', msg: 'm1', result: 'pass', domain: 'example.com' },
  { t: 300100, type: 'auth.dmarc', host: 'mx1.example.org', msg: 'm1', result: 'pass', domain: 'example.com' },
  { t: 300200, type: 'mail.store', host: 'mail.example.org', via: 'mx1.example.org', msg: 'm1', mailbox: 'bob@example.org', folder: 'INBOX' },
  { t: 300201, type: 'mail.store', host: 'mail.example.org', msg: 'm1', mailbox: 'bob@example.org', folder: 'INBOX' },
] as unknown as TraceEvent[];

const ZONE_COM = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns.example.com. hostmaster.example.com. 1 7200 900 1209600 300
@ IN NS ns.example.com.
@ IN MX 10 smtp.example.com.
@ IN TXT "v=spf1 ip4:192.0.2.25 include:_spf.example.net -all"
smtp IN A 192.0.2.25
ns IN A 192.0.2.53
_dmarc IN TXT "v=DMARC1; p=reject"
s1._domainkey IN TXT "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"
old._domainkey IN TXT "v=DKIM1; p="
`;
const ZONE_ORG = `$ORIGIN example.org.
@ 3600 IN MX 10 mx1.example.org.
@ 3600 IN MX 20 gone.example.org.
@ 3600 IN TXT "v=spf1 mx -all"
@ 3600 IN TXT "v=spf1 a -all"
mx1 3600 IN A 192.0.2.131
_dmarc 3600 IN TXT "v=DMARC1; p=sometimes"
`;
const ZONE_NET = `$ORIGIN example.net.
_spf 3600 IN TXT "v=spf1 ip4:198.51.100.25 -all"
`;

const STORED_RAW = 'Authentication-Results: mx2.example.org; spf=softfail smtp.mailfrom=example.com; dkim=none; dmarc=fail header.from=example.com\r\nFrom: alice@example.com\r\nSubject: Old\r\n\r\nhi\r\n';

const VIEW = {
  t: 300201,
  epoch: 0,
  title: 'test',
  hosts: [],
  links: [],
  queues: [],
  mailboxes: [
    { address: 'dave@example.org', host: 'mail.example.org', folders: [{ name: 'Junk', messages: [{ uid: 1, msg: 'm9', from: 'alice@example.com', subject: 'Old', date: '', size: 1, flags: [], raw: STORED_RAW }] }] },
  ],
  zones: [
    { zone: 'example.com', server: 'ns.example.com', text: ZONE_COM },
    { zone: 'example.org', server: 'ns.example.org', text: ZONE_ORG },
    { zone: 'example.net', server: 'ns.example.net', text: ZONE_NET },
  ],
  accounts: [
    { address: 'alice@example.com', outgoing: { server: 'smtp.example.com', port: 587, security: 'starttls', user: 'alice@example.com', password: 'x' }, outbox: [], downloaded: [] },
  ],
  faults: [],
} as unknown as WorldView;

const ctx = (over: Partial<CheckContext> = {}): CheckContext => ({ trace: TRACE, view: VIEW, now: Infinity, ...over });

const TABLE: [string, Check, boolean, RegExp?][] = [
  // fate, while the run is still going (no message.fate yet)
  ['delivered to bob', { fate: 'delivered', to: 'bob@example.org' }, true, /m1 to bob@example.org: delivered \(INBOX\)/],
  ['delivered to bob, INBOX (any case)', { fate: 'delivered', to: 'Bob@Example.org', folder: 'inbox' }, true],
  ['delivered to bob, Junk', { fate: 'delivered', to: 'bob@example.org', folder: 'Junk' }, false, /wanted mail to bob@example.org delivered to Junk/],
  ['delivered from alice', { fate: 'delivered', from: 'alice@example.com' }, true],
  ['delivered from mallory', { fate: 'delivered', from: 'mallory@example.net' }, false, /no mail from mallory/],
  ['bounced to carol', { fate: 'bounced', to: 'carol@example.org' }, true, /550 5.1.1/],
  ['carol not delivered', { fate: 'delivered', to: 'carol@example.org' }, false, /bounced/],
  ['by trace id', { fate: 'delivered', message: 'm1' }, true],
  ['by author id', { fate: 'bounced', message: 'to-carol' }, true],
  // reply
  ['421 at mx1', { reply: { code: 421, at: 'mx1.example.org' } }, true, /421 4.3.2/],
  ['421 from mx1 to the relay', { reply: { code: 421, enhanced: '4.3.2', at: 'mx1.example.org', from: 'relay.example.net' } }, true],
  ['421 at mx2', { reply: { code: 421, at: 'mx2.example.org' } }, false, /no reply 421 from mx2.example.org/],
  ['reply text', { reply: { text: 'authentication SUCCESSFUL' } }, true],
  ['535 nowhere', { reply: { code: 535 } }, false],
  // auth: trace events and stored Authentication-Results
  ['dmarc pass for bob', { auth: { dmarc: 'pass', to: 'bob@example.org' } }, true, /spf=pass dkim=pass dmarc=pass/],
  ['spf pass + dmarc pass at mx1', { auth: { spf: 'pass', dmarc: 'pass', at: 'mx1.example.org' } }, true],
  ['spf fail for bob', { auth: { spf: 'fail', to: 'bob@example.org' } }, false, /the checks found/],
  ['header: softfail for dave', { auth: { spf: 'softfail', dmarc: 'fail', to: 'dave@example.org' } }, true, /mx2.example.org m9/],
  ['nothing for carol', { auth: { dmarc: 'pass', to: 'carol@example.org' } }, false, /no receiving server/],
  // records
  ['SPF present', { record: { zone: 'example.com', name: '@', type: 'TXT', contains: 'v=spf1' } }, true],
  ['SPF valid (include followed)', { record: { zone: 'example.com', name: '@', type: 'TXT', contains: 'v=spf1', valid: true } }, true, /valid SPF record/],
  ['two SPF records are not valid', { record: { zone: 'example.org', name: '@', type: 'TXT', valid: true } }, false, /2 SPF records/],
  ['two SPF records: valid false holds', { record: { zone: 'example.org', name: '@', type: 'TXT', valid: false } }, true],
  ['DMARC valid', { record: { zone: 'example.com', name: '_dmarc', type: 'TXT', valid: true } }, true, /valid DMARC record/],
  ['DMARC bad policy', { record: { zone: 'example.org', name: '_dmarc', type: 'TXT', valid: true } }, false, /not valid/],
  ['DKIM key valid', { record: { zone: 'example.com', name: 's1._domainkey', type: 'TXT', valid: true } }, true],
  ['DKIM key revoked', { record: { zone: 'example.com', name: 'old._domainkey', type: 'TXT', valid: true } }, false, /revoked/],
  ['absolute owner name', { record: { zone: 'example.com', name: '_dmarc.example.com.', type: 'TXT' } }, true],
  ['owner name with the zone', { record: { zone: 'example.com', name: '_dmarc.example.com', type: 'TXT' } }, true],
  ['MX to a host without address', { record: { zone: 'example.org', name: '@', type: 'MX', contains: 'gone', valid: true } }, false, /no address record/],
  ['MX to mx1 valid', { record: { zone: 'example.org', name: '@', type: 'MX', contains: 'mx1', valid: true } }, true],
  ['no such record', { record: { zone: 'example.com', name: 'www', type: 'A' } }, false, /has no www.example.com A record/],
  ['no such zone', { record: { zone: 'example.test', name: '@', type: 'A' } }, false, /no zone/],
  // accounts
  ['port 587', { account: { address: 'alice@example.com', setting: 'outgoing.port', equals: 587 } }, true],
  ['port as text', { account: { address: 'ALICE@example.com', setting: 'outgoing.port', equals: '587' } }, true],
  ['security', { account: { address: 'alice@example.com', setting: 'outgoing.security', equals: 'tls' } }, false, /is starttls, expected tls/],
  ['unknown setting', { account: { address: 'alice@example.com', setting: 'outgoing.prot', equals: 1 } }, false, /no setting/],
  ['unknown account', { account: { address: 'zoe@example.com', setting: 'outgoing.port', equals: 1 } }, false, /no account/],
  // console
  ['console text', { console: { command: 'dig mx' } }, true, /dig MX example.org/],
  ['console regex', { console: { command: '/^dig\\s+MX\\s+example\\.org$/' } }, true],
  ['console on another host', { console: { command: 'dig', host: 'bob-phone' } }, false],
  // generic events
  ['event type', { event: { type: 'queue.defer' } }, true],
  ['event fields', { event: { type: 'queue.defer', host: 'relay.example.net', code: 421 } }, true],
  ['event list field', { event: { type: 'queue.bounce', rcpts: 'carol@example.org' } }, true],
  ['event regex field', { event: { type: 'smtp.reply', line: '/^421 /' } }, true],
  ['event wildcard', { event: { type: 'auth.*', result: 'pass' } }, true],
  ['event no match', { event: { type: 'queue.defer', code: 451 } }, false],
  // combinations
  ['all', { all: [{ reply: { code: 421 } }, { fate: 'delivered', to: 'bob@example.org' }] }, true],
  ['all with one failing', { all: [{ reply: { code: 421 } }, { reply: { code: 535 } }] }, false, /no reply 535/],
  ['any', { any: [{ reply: { code: 535 } }, { reply: { code: 421 } }] }, true],
  ['any none', { any: [{ reply: { code: 535 } }, { reply: { code: 534 } }] }, false, /none holds/],
  ['not', { not: { fate: 'bounced', to: 'bob@example.org' } }, true],
  ['not failing', { not: { reply: { code: 421 } } }, false, /should not be so/],
];

describe('evaluateCheck', () => {
  const sends = [
    { id: 'to-bob', at: 1000, from: 'alice@example.com', to: ['bob@example.org'], subject: 'Hello Bob' },
    { id: 'to-carol', at: 2000, from: 'alice@example.com', to: ['carol@example.org'], subject: 'Hello Carol' },
  ];
  it.each(TABLE)('%s', (_name, check, pass, detail) => {
    const r = evaluateCheck(check, { ...ctx(), consoleInputs: [], sends });
    expect(r.pass, r.detail.en).toBe(pass);
    expect(r.detail.en.length).toBeGreaterThan(0);
    expect(r.detail.de.length).toBeGreaterThan(0);
    if (detail) expect(r.detail.en).toMatch(detail);
  });

  it('ignores events after now', () => {
    expect(evaluateCheck({ fate: 'delivered', to: 'bob@example.org' }, ctx({ now: 200_000 })).pass).toBe(false);
    expect(evaluateCheck({ fate: 'queued', to: 'bob@example.org' }, ctx({ now: 200_000 })).pass).toBe(true);
    expect(evaluateCheck({ reply: { code: 421 } }, ctx({ now: 1599 })).pass).toBe(false);
  });

  it('prefers message.fate once the run has ended', () => {
    const ended = [...TRACE, { t: 400000, type: 'message.fate', id: 'm1', from: 'alice@example.com', to: 'bob@example.org', fate: 'delivered', mailbox: 'bob@example.org', folder: 'Junk' }] as TraceEvent[];
    expect(evaluateCheck({ fate: 'delivered', to: 'bob@example.org', folder: 'Junk' }, ctx({ trace: ended })).pass).toBe(true);
    expect(evaluateCheck({ fate: 'delivered', to: 'bob@example.org', folder: 'INBOX' }, ctx({ trace: ended })).pass).toBe(false);
  });

  it('reads console inputs kept outside the trace', () => {
    const c: Check = { console: { command: 'openssl s_client', host: 'bob-phone' } };
    expect(evaluateCheck(c, ctx()).pass).toBe(false);
    expect(evaluateCheck(c, ctx({ consoleInputs: [{ command: 'openssl s_client -connect mail.example.org:993', host: 'bob-phone', t: 10 }] })).pass).toBe(true);
    expect(evaluateCheck(c, ctx({ now: 5, consoleInputs: [{ command: 'openssl s_client', host: 'bob-phone', t: 10 }] })).pass).toBe(false);
  });

  it('never throws on bad input', () => {
    const bad = [null, 42, {}, { fate: 'delivered' }, { record: { zone: 'x' } }, { all: [null] }, { event: {} }] as unknown as Check[];
    for (const c of bad) {
      const r = evaluateCheck(c, ctx());
      expect(typeof r.pass).toBe('boolean');
      expect(r.detail.en).toBeTruthy();
    }
    expect(evaluateCheck({ reply: { code: 421 } }, { trace: undefined, view: undefined, now: NaN } as unknown as CheckContext).pass).toBe(false);
  });
});

describe('checkTopics', () => {
  it('names the event types after which a check may change', () => {
    const reply = checkTopics({ reply: { code: 421 } });
    expect(reply('smtp.reply')).toBe(true);
    expect(reply('dns.answer')).toBe(false);
    const mixed = checkTopics({ any: [{ fate: 'delivered' }, { not: { event: { type: 'auth.*' } } }] });
    expect(mixed('mail.store')).toBe(true);
    expect(mixed('auth.dmarc')).toBe(true);
    expect(mixed('tls.step')).toBe(false);
  });
});

describe('messageIdsOf', () => {
  it('pairs the scenario mail with the trace in sending order', () => {
    const ids = messageIdsOf(
      [
        { id: 'b', at: 5000, from: 'alice@example.com', to: ['bob@example.org'], subject: 'Hello Bob' },
        { id: 'a', at: 0, from: 'alice@example.com', to: ['bob@example.org'], subject: 'Hello Bob' },
        { id: 'c', from: 'alice@example.com', to: ['carol@example.org'], subject: 'Hello Carol' },
      ],
      [...TRACE, { t: 6000, type: 'mail.submit', host: 'alice-pc', msg: 'm3', from: 'alice@example.com', to: ['bob@example.org'], subject: 'Hello Bob' } as TraceEvent],
    );
    expect(Object.fromEntries(ids)).toEqual({ a: 'm1', b: 'm3', c: 'm2' });
  });
});
