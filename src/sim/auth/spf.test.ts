import { describe, expect, it } from 'vitest';
import { checkHelo, checkHost, spfIdentity, type SpfCheckInput, type SpfOutcome } from './spf';
import { parseZone } from '../protocol/zone-file';
import { lookupFromRecords, type DnsLookup, type LookupFailures } from '../protocol/dns-lookup';

/** zone reads zone-file text with absolute-looking names (origin = root) into a lookup. */
function zone(text: string, failures: LookupFailures = {}): DnsLookup {
  const parsed = parseZone(`$TTL 300\n${text}`, '');
  expect(parsed.errors.map((e) => e.message.en)).toEqual([]);
  return lookupFromRecords(parsed.records, failures);
}

const world = zone(`
example.org            MX   10 mail.example.org.
example.org            MX   20 backup.example.org.
example.org            A    192.0.2.20
mail.example.org       A    192.0.2.10
mail.example.org       AAAA 2001:db8::10
backup.example.org     A    192.0.2.11
10.2.0.192.in-addr.arpa.  PTR  mail.example.org.
66.100.51.198.in-addr.arpa. PTR mail.example.org.
10.allow.example.org   A    127.0.0.2
_spf.example.net       TXT  "v=spf1 ip4:198.51.100.0/24 -all"
neutral.example.net    TXT  "v=spf1 ?all"
broken.example.net     TXT  "v=spf1 ip4:198.51.100.300 -all"
empty.example.net      A    198.51.100.9
exp.example.org        TXT  "%{i} may not send mail for %{d}; see https://example.org/spf"
other-exp.example.net  TXT  "message from the redirect target"
twice.example.net      TXT  "v=spf1 -all"
twice.example.net      TXT  "v=spf1 +all"
split.example.net      TXT  "v=spf1 ip4:192.0.2.0/24" " -all"
mixed.example.net      TXT  "google-site-verification=abc" "" 
mixed.example.net      TXT  "v=spf1 a:mail.example.org -all"
wrongver.example.net   TXT  "v=spf10 +all"
many-mx.example.net    MX   1 m1.example.net.
many-mx.example.net    MX   2 m2.example.net.
many-mx.example.net    MX   3 m3.example.net.
many-mx.example.net    MX   4 m4.example.net.
many-mx.example.net    MX   5 m5.example.net.
many-mx.example.net    MX   6 m6.example.net.
many-mx.example.net    MX   7 m7.example.net.
many-mx.example.net    MX   8 m8.example.net.
many-mx.example.net    MX   9 m9.example.net.
many-mx.example.net    MX   10 m10.example.net.
many-mx.example.net    MX   11 m11.example.net.
`);

/** withRecord adds one SPF record at example.org to the shared world. */
function withRecord(record: string, extra: DnsLookup = () => ({ rcode: 'NXDOMAIN', records: [] })): DnsLookup {
  return (name, type) => {
    if (name === 'example.org' && type === 'TXT') return { rcode: 'NOERROR', records: [{ name, ttl: 300, type: 'TXT', data: { strings: [record] } }] };
    if (name.endsWith('.test.example')) return extra(name, type);
    return world(name, type);
  };
}

function check(record: string, ip: string, extra: Partial<SpfCheckInput> = {}): SpfOutcome {
  return checkHost({ ip, domain: 'example.org', sender: 'alice@example.org', helo: 'client.example.net', lookup: withRecord(record), receiver: 'mx.example.com', ...extra });
}

describe('checkHost: mechanisms (RFC 7208 §5)', () => {
  it.each<[string, string, string, string, string | undefined]>([
    ['all', 'v=spf1 -all', '192.0.2.99', 'fail', '-all'],
    ['+all', 'v=spf1 +all', '192.0.2.99', 'pass', '+all'],
    ['~all', 'v=spf1 ~all', '192.0.2.99', 'softfail', '~all'],
    ['?all', 'v=spf1 ?all', '192.0.2.99', 'neutral', '?all'],
    ['qualifier defaults to +', 'v=spf1 all', '192.0.2.99', 'pass', 'all'],
    ['no terms', 'v=spf1', '192.0.2.99', 'neutral', undefined],
    ['no match, no all', 'v=spf1 ip4:198.51.100.1', '192.0.2.99', 'neutral', undefined],
    ['ip4 host', 'v=spf1 ip4:192.0.2.99 -all', '192.0.2.99', 'pass', 'ip4:192.0.2.99'],
    ['ip4 network', 'v=spf1 ip4:192.0.2.0/24 -all', '192.0.2.200', 'pass', 'ip4:192.0.2.0/24'],
    ['ip4 outside', 'v=spf1 ip4:192.0.2.0/25 -all', '192.0.2.200', 'fail', '-all'],
    ['ip4 ignores IPv6 clients', 'v=spf1 ip4:0.0.0.0/0 -all', '2001:db8::1', 'fail', '-all'],
    ['ip6 network', 'v=spf1 ip6:2001:db8::/32 -all', '2001:db8:1::5', 'pass', 'ip6:2001:db8::/32'],
    ['ip6 ignores IPv4 clients', 'v=spf1 ip6:::/0 -all', '192.0.2.1', 'fail', '-all'],
    ['ip4 with mapped IPv6 client', 'v=spf1 ip4:192.0.2.10 -all', '::ffff:192.0.2.10', 'pass', 'ip4:192.0.2.10'],
    ['a of the domain', 'v=spf1 a -all', '192.0.2.20', 'pass', 'a'],
    ['a of another name', 'v=spf1 a:mail.example.org -all', '192.0.2.10', 'pass', 'a:mail.example.org'],
    ['a with IPv6 client', 'v=spf1 a:mail.example.org -all', '2001:db8::10', 'pass', 'a:mail.example.org'],
    ['a misses', 'v=spf1 a -all', '192.0.2.21', 'fail', '-all'],
    ['a/24', 'v=spf1 a/24 -all', '192.0.2.200', 'pass', 'a/24'],
    ['a//64 for IPv6', 'v=spf1 a:mail.example.org//64 -all', '2001:db8::abcd', 'pass', 'a:mail.example.org//64'],
    ['dual CIDR, IPv4 side', 'v=spf1 a:mail.example.org/24//64 -all', '192.0.2.77', 'pass', 'a:mail.example.org/24//64'],
    ['dual CIDR, IPv6 side', 'v=spf1 a:mail.example.org/24//64 -all', '2001:db8::77', 'pass', 'a:mail.example.org/24//64'],
    ['dual CIDR, IPv6 outside', 'v=spf1 a:mail.example.org/24//96 -all', '2001:db8:0:1::77', 'fail', '-all'],
    ['mx, first server', 'v=spf1 mx -all', '192.0.2.10', 'pass', 'mx'],
    ['mx, second server', 'v=spf1 mx -all', '192.0.2.11', 'pass', 'mx'],
    ['mx misses', 'v=spf1 mx -all', '192.0.2.12', 'fail', '-all'],
    ['mx/30', 'v=spf1 mx/30 -all', '192.0.2.9', 'pass', 'mx/30'],
    ['mx of another domain', 'v=spf1 mx:example.org ~all', '192.0.2.11', 'pass', 'mx:example.org'],
    ['mx over IPv6', 'v=spf1 mx -all', '2001:db8::10', 'pass', 'mx'],
    ['ptr', 'v=spf1 ptr -all', '192.0.2.10', 'pass', 'ptr'],
    ['ptr to another domain', 'v=spf1 ptr:example.net -all', '192.0.2.10', 'fail', '-all'],
    ['ptr not confirmed by A', 'v=spf1 ptr -all', '198.51.100.66', 'fail', '-all'],
    ['ptr without PTR record', 'v=spf1 ptr -all', '192.0.2.50', 'fail', '-all'],
    ['exists', 'v=spf1 exists:%{ir}.allow.example.org -all', '10.0.0.0', 'fail', '-all'],
    ['exists with macro', 'v=spf1 exists:%{i1}.allow.example.org -all', '192.0.2.10', 'pass', 'exists:%{i1}.allow.example.org'],
    ['exists misses', 'v=spf1 exists:%{i1}.allow.example.org -all', '192.0.2.11', 'fail', '-all'],
    ['include passes', 'v=spf1 include:_spf.example.net -all', '198.51.100.5', 'pass', 'include:_spf.example.net'],
    ['include fail does not match', 'v=spf1 include:_spf.example.net ~all', '192.0.2.99', 'softfail', '~all'],
    ['include neutral does not match', 'v=spf1 include:neutral.example.net -all', '192.0.2.99', 'fail', '-all'],
    ['first match wins', 'v=spf1 -ip4:192.0.2.10 mx -all', '192.0.2.10', 'fail', '-ip4:192.0.2.10'],
    ['mechanism names are case-insensitive', 'v=spf1 IP4:192.0.2.10 -ALL', '192.0.2.10', 'pass', 'IP4:192.0.2.10'],
    ['several spaces between terms', 'V=SPF1   ip4:192.0.2.10   -all  ', '192.0.2.10', 'pass', 'ip4:192.0.2.10'],
    ['unknown modifier ignored', 'v=spf1 foo=bar ip4:192.0.2.10 -all', '192.0.2.10', 'pass', 'ip4:192.0.2.10'],
    ['redirect', 'v=spf1 redirect=_spf.example.net', '198.51.100.5', 'pass', 'ip4:198.51.100.0/24'],
    ['redirect fail', 'v=spf1 redirect=_spf.example.net', '192.0.2.5', 'fail', '-all'],
    ['redirect after terms', 'v=spf1 ip4:192.0.2.5 redirect=_spf.example.net', '192.0.2.5', 'pass', 'ip4:192.0.2.5'],
    ['redirect ignored with all', 'v=spf1 redirect=_spf.example.net ?all', '198.51.100.5', 'neutral', '?all'],
    ['split TXT strings are joined', 'v=spf1 include:split.example.net -all', '192.0.2.5', 'pass', 'include:split.example.net'],
    ['SPF among other TXT records', 'v=spf1 include:mixed.example.net -all', '192.0.2.10', 'pass', 'include:mixed.example.net'],
  ])('%s: %s from %s → %s', (_title, record, ip, result, mechanism) => {
    const o = check(record, ip);
    expect(o.result).toBe(result);
    expect(o.mechanism).toBe(mechanism);
    expect(o.record).toBe(record);
  });
});

describe('checkHost: errors and record selection', () => {
  it.each<[string, string, string]>([
    ['bad ip4', 'v=spf1 ip4:192.0.2.300 -all', 'permerror'],
    ['bad ip6', 'v=spf1 ip6:2001:db8::zz -all', 'permerror'],
    ['ip4 prefix too long', 'v=spf1 ip4:192.0.2.0/33 -all', 'permerror'],
    ['ip4 with dual CIDR', 'v=spf1 ip4:192.0.2.0//64 -all', 'permerror'],
    ['a prefix too long', 'v=spf1 a/33 -all', 'permerror'],
    ['unknown mechanism', 'v=spf1 moo -all', 'permerror'],
    ['unknown mechanism after a match', 'v=spf1 +all moo', 'permerror'],
    ['all with a value', 'v=spf1 -all:foo', 'permerror'],
    ['bad qualifier', 'v=spf1 =a -all', 'permerror'],
    ['include without domain', 'v=spf1 include -all', 'permerror'],
    ['exists without domain', 'v=spf1 exists -all', 'permerror'],
    ['a with an IP address', 'v=spf1 a:192.0.2.1 -all', 'permerror'],
    ['single-label domain-spec', 'v=spf1 a:localhost -all', 'permerror'],
    ['bad macro', 'v=spf1 exists:%{x}.example.org -all', 'permerror'],
    ['bad percent', 'v=spf1 exists:100%.example.org -all', 'permerror'],
    ['c macro outside exp', 'v=spf1 exists:%{c}.example.org -all', 'permerror'],
    ['two redirects', 'v=spf1 redirect=_spf.example.net redirect=neutral.example.net', 'permerror'],
    ['two exps', 'v=spf1 exp=exp.example.org exp=exp.example.org -all', 'permerror'],
    ['empty exp', 'v=spf1 exp= -all', 'permerror'],
    ['bad unknown modifier value', 'v=spf1 foo=%{z} -all', 'permerror'],
    ['include of no record', 'v=spf1 include:empty.example.net -all', 'permerror'],
    ['include of NXDOMAIN', 'v=spf1 include:nowhere.example.net -all', 'permerror'],
    ['include of a broken record', 'v=spf1 include:broken.example.net -all', 'permerror'],
    ['include of two records', 'v=spf1 include:twice.example.net -all', 'permerror'],
    ['include of a v=spf10 record', 'v=spf1 include:wrongver.example.net -all', 'permerror'],
    ['redirect to no record', 'v=spf1 redirect=empty.example.net', 'permerror'],
    ['more than 10 MX names', 'v=spf1 mx:many-mx.example.net -all', 'permerror'],
  ])('%s: %s → %s', (_title, record, result) => {
    const o = check(record, '192.0.2.10');
    expect(o.result).toBe(result);
    expect(o.problem?.en).toBeTruthy();
    expect(o.steps.some((s) => s.kind === 'error' || s.kind === 'limit' || s.kind === 'result')).toBe(true);
  });

  it('gives none when there is no SPF record, the name does not exist or is malformed (RFC 7208 §4.3, §4.5)', () => {
    const base = { ip: '192.0.2.1', sender: 'a@example.net', helo: 'h.example.net', lookup: world };
    expect(checkHost({ ...base, domain: 'empty.example.net' }).result).toBe('none');
    expect(checkHost({ ...base, domain: 'nowhere.example.net' }).result).toBe('none');
    expect(checkHost({ ...base, domain: 'wrongver.example.net' }).result).toBe('none');
    expect(checkHost({ ...base, domain: 'localhost' }).result).toBe('none');
    expect(checkHost({ ...base, domain: `${'a'.repeat(64)}.example.net` }).result).toBe('none');
    expect(checkHost({ ...base, domain: 'a..example.net' }).result).toBe('none');
    expect(checkHost({ ...base, domain: 'twice.example.net' }).result).toBe('permerror');
  });

  it('turns DNS failures into temperror (RFC 7208 §4.4, §5)', () => {
    const failing = zone('example.org TXT "v=spf1 a:down.example.net include:slow.example.net -all"\ndown.example.net A 192.0.2.1', { 'down.example.net': 'SERVFAIL', 'slow.example.net': 'TIMEOUT', 'dead.example.net': 'SERVFAIL' });
    const base = { ip: '192.0.2.1', sender: 'a@example.org', helo: 'h.example.net', lookup: failing };
    expect(checkHost({ ...base, domain: 'example.org' }).result).toBe('temperror');
    expect(checkHost({ ...base, domain: 'dead.example.net' }).result).toBe('temperror');
    const included = zone('example.org TXT "v=spf1 include:slow.example.net -all"', { 'slow.example.net': 'TIMEOUT' });
    expect(checkHost({ ...base, domain: 'example.org', lookup: included }).result).toBe('temperror');
  });

  it('lets a ptr DNS error simply not match (RFC 7208 §5.5)', () => {
    const lookup = zone('example.org TXT "v=spf1 ptr ~all"', { '1.2.0.192.in-addr.arpa': 'SERVFAIL' });
    expect(checkHost({ ip: '192.0.2.1', domain: 'example.org', sender: 'a@example.org', helo: 'h.example.net', lookup }).result).toBe('softfail');
  });

  it('reports a bad client address as permerror without throwing', () => {
    expect(check('v=spf1 -all', 'not-an-ip').result).toBe('permerror');
  });
});

describe('checkHost: limits (RFC 7208 §4.6.4)', () => {
  const names = (n: number, prefix = 'a:mail.example.org') => Array.from({ length: n }, () => prefix).join(' ');

  it('allows 10 DNS-querying terms and refuses the 11th', () => {
    const ten = check(`v=spf1 ${names(10, 'a:backup.example.org')} -all`, '192.0.2.10');
    expect(ten.result).toBe('fail');
    expect(ten.lookups).toBe(10);
    const eleven = check(`v=spf1 ${names(11, 'a:backup.example.org')} -all`, '192.0.2.10');
    expect(eleven.result).toBe('permerror');
    expect(eleven.steps.some((s) => s.kind === 'limit')).toBe(true);
    expect(eleven.lookups).toBe(11);
  });

  it('stops at the first match before the limit is reached', () => {
    expect(check(`v=spf1 a:mail.example.org ${names(15)} -all`, '192.0.2.10').result).toBe('pass');
  });

  it('counts ip4, ip6, all and exp as free', () => {
    const o = check(`v=spf1 ${names(10, 'ip4:198.51.100.1')} ${names(10, 'a:backup.example.org')} ip6:2001:db8::/32 exp=exp.example.org -all`, '192.0.2.10');
    expect(o.result).toBe('fail');
    expect(o.lookups).toBe(10);
  });

  it('counts include, redirect and the terms of included records together', () => {
    const lookup = zone([
      'example.org TXT "v=spf1 include:one.example.net include:two.example.net redirect=three.example.net"',
      'one.example.net TXT "v=spf1 a:x1.example.net a:x2.example.net -all"',
      'two.example.net TXT "v=spf1 mx:x3.example.net exists:x4.example.net -all"',
      'three.example.net TXT "v=spf1 a:x5.example.net a:x6.example.net ptr -all"',
      'x1.example.net A 192.0.2.201', 'x2.example.net A 192.0.2.202', 'x3.example.net MX 10 x1.example.net.', 'x4.example.net TXT "no A here"',
      'x5.example.net A 192.0.2.205', 'x6.example.net A 192.0.2.206', '1.2.0.192.in-addr.arpa PTR x1.example.net.',
    ].join('\n'));
    const o = checkHost({ ip: '192.0.2.1', domain: 'example.org', sender: 'a@example.org', helo: 'h', lookup });
    // include ×2 + a ×2 + mx + exists + redirect + a ×2 + ptr = 10; exists at x4 is the only void lookup.
    expect(o.result).toBe('fail');
    expect(o.lookups).toBe(10);
    expect(o.voidLookups).toBe(1);
    expect(Math.max(...o.steps.map((s) => s.depth))).toBe(1);
  });

  it('allows two void lookups and refuses the third', () => {
    expect(check('v=spf1 a:no1.example.net a:no2.example.net -all', '192.0.2.10').result).toBe('fail');
    const o = check('v=spf1 a:no1.example.net a:no2.example.net a:no3.example.net -all', '192.0.2.10');
    expect(o.result).toBe('permerror');
    expect(o.voidLookups).toBe(3);
    expect(check('v=spf1 mx:empty.example.net exists:no.example.net a:nothing.example.net -all', '192.0.2.10').result).toBe('permerror');
  });
});

describe('checkHost: explanations (RFC 7208 §6.2)', () => {
  it('expands exp= on fail', () => {
    const o = check('v=spf1 mx -all exp=exp.example.org', '192.0.2.99');
    expect(o.result).toBe('fail');
    expect(o.explanation).toBe('192.0.2.99 may not send mail for example.org; see https://example.org/spf');
  });

  it('has no explanation for other results or without a usable TXT record', () => {
    expect(check('v=spf1 mx ~all exp=exp.example.org', '192.0.2.99').explanation).toBeUndefined();
    expect(check('v=spf1 -all exp=nowhere.example.net', '192.0.2.99')).toMatchObject({ result: 'fail' });
    expect(check('v=spf1 -all exp=nowhere.example.net', '192.0.2.99').explanation).toBeUndefined();
    expect(check('v=spf1 -all exp=twice.example.net', '192.0.2.99').explanation).toBeUndefined();
  });

  it('uses the redirect target\'s exp, not the original\'s', () => {
    const lookup = zone([
      'example.org TXT "v=spf1 exp=exp.example.org redirect=target.example.net"',
      'target.example.net TXT "v=spf1 -all exp=other-exp.example.net"',
      'exp.example.org TXT "original"',
      'other-exp.example.net TXT "from %{d}"',
    ].join('\n'));
    const o = checkHost({ ip: '192.0.2.1', domain: 'example.org', sender: 'a@example.org', helo: 'h', lookup });
    expect(o).toMatchObject({ result: 'fail', explanation: 'from target.example.net' });
  });

  it('ignores the exp of an included record', () => {
    const lookup = zone([
      'example.org TXT "v=spf1 include:inc.example.net -all"',
      'inc.example.net TXT "v=spf1 -all exp=exp.example.net"',
      'exp.example.net TXT "included explanation"',
    ].join('\n'));
    const o = checkHost({ ip: '192.0.2.1', domain: 'example.org', sender: 'a@example.org', helo: 'h', lookup });
    expect(o.result).toBe('fail');
    expect(o.explanation).toBeUndefined();
  });
});

describe('identities and macros during a check', () => {
  it('checks the HELO identity (RFC 7208 §2.3)', () => {
    const lookup = zone('mail.example.org TXT "v=spf1 a -all"\nmail.example.org A 192.0.2.10');
    expect(checkHelo({ ip: '192.0.2.10', helo: 'mail.example.org', lookup })).toMatchObject({ result: 'pass', identity: 'helo', domain: 'mail.example.org' });
    expect(checkHelo({ ip: '192.0.2.11', helo: 'mail.example.org', lookup }).result).toBe('fail');
  });

  it('uses postmaster@<helo> for an empty MAIL FROM (RFC 7208 §2.4)', () => {
    const lookup = zone('mail.example.org TXT "v=spf1 exists:%{l}.%{o}.ok.example.net -all"\npostmaster.mail.example.org.ok.example.net A 127.0.0.2');
    const o = checkHost({ ip: '192.0.2.10', domain: 'mail.example.org', sender: '', helo: 'mail.example.org', lookup });
    expect(o).toMatchObject({ result: 'pass', identity: 'helo' });
  });

  it('uses postmaster for a sender without local-part (RFC 7208 §4.3)', () => {
    const lookup = zone('example.org TXT "v=spf1 exists:%{l}.ok.example.net -all"\npostmaster.ok.example.net A 127.0.0.2');
    expect(checkHost({ ip: '192.0.2.10', domain: 'example.org', sender: '@example.org', helo: 'h', lookup }).result).toBe('pass');
  });

  it('expands %{p} with a validated name', () => {
    expect(check('v=spf1 exists:%{p}.ok.test.example -all', '192.0.2.10').steps.some((s) => s.query?.name === 'mail.example.org.ok.test.example')).toBe(true);
    expect(check('v=spf1 exists:%{p}.ok.test.example -all', '198.51.100.66').steps.some((s) => s.query?.name === 'unknown.ok.test.example')).toBe(true);
  });

  it('picks the identity for a MAIL FROM', () => {
    expect(spfIdentity('<alice@example.org>', 'h.example.net')).toEqual({ identity: 'mailfrom', domain: 'example.org', sender: 'alice@example.org' });
    expect(spfIdentity('<>', 'h.example.net')).toEqual({ identity: 'helo', domain: 'h.example.net', sender: 'postmaster@h.example.net' });
  });
});

describe('steps for the explainer', () => {
  it('records the record, each DNS query, each term and the result, in both languages', () => {
    const o = check('v=spf1 include:_spf.example.net mx -all', '192.0.2.11');
    expect(o.steps.map((s) => `${s.depth} ${s.kind}${s.matched === undefined ? '' : s.matched ? ' +' : ' -'}`)).toEqual([
      '0 dns', '0 record',
      '1 dns', '1 record', '1 term -', '1 term +', '1 result',
      '0 term -',
      '0 dns', '0 dns', '0 dns', '0 term +', '0 result',
    ]);
    for (const s of o.steps) {
      expect(s.note.en.length).toBeGreaterThan(5);
      expect(s.note.de.length).toBeGreaterThan(5);
    }
    expect(o.steps[2].query).toEqual({ name: '_spf.example.net', type: 'TXT', rcode: 'NOERROR', answers: ['"v=spf1 ip4:198.51.100.0/24 -all"'] });
    expect(o.steps[11].note.en).toContain('backup.example.org');
    expect(o).toMatchObject({ result: 'pass', mechanism: 'mx', lookups: 2, voidLookups: 0 });
  });
});
