import { describe, expect, it } from 'vitest';
import { checkSpfRecord } from './spf-check';
import { parseZone } from '../protocol/zone-file';
import { lookupFromRecords } from '../protocol/dns-lookup';

const zone = parseZone(`$TTL 300
_spf.example.net TXT "v=spf1 include:a.example.net include:b.example.net -all"
a.example.net TXT "v=spf1 a mx ptr ip4:198.51.100.0/24 -all"
b.example.net TXT "v=spf1 exists:%{i}.b.example.net -all"
loop.example.net TXT "v=spf1 include:loop2.example.net -all"
loop2.example.net TXT "v=spf1 include:loop.example.net -all"
bad.example.net TXT "v=spf1 ip4:192.0.2.999 -all"
none.example.net A 198.51.100.1
two.example.net TXT "v=spf1 -all"
two.example.net TXT "v=spf1 +all"
`, '');
const lookup = lookupFromRecords(zone.records, { 'down.example.net': 'SERVFAIL' });

describe('checkSpfRecord', () => {
  it('accepts a good record and counts its lookups', () => {
    expect(checkSpfRecord('v=spf1 mx a:mail.example.org ip4:192.0.2.0/24 -all')).toEqual({ ok: true, errors: [], warnings: [], lookupCount: 2 });
  });

  it('counts through include and redirect when it can look them up (RFC 7208 §4.6.4)', () => {
    const r = checkSpfRecord('v=spf1 include:_spf.example.net redirect=b.example.net', lookup);
    // include _spf (1) + include a (1) + a, mx, ptr (3) + include b (1) + exists (1) + redirect (1) + exists (1)
    expect(r.lookupCount).toBe(9);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.en).join('\n')).toContain('ptr mechanism');
  });

  it('reports more than 10 lookups as an error', () => {
    const r = checkSpfRecord(`v=spf1 ${Array.from({ length: 11 }, (_, k) => `a:h${k}.example.org`).join(' ')} -all`);
    expect(r.ok).toBe(false);
    expect(r.lookupCount).toBe(11);
    expect(r.errors[0].en).toContain('11 DNS lookups');
  });

  it.each([
    ['v=spf1 ip4:192.0.2.300 -all', 'is not an IPv4 address'],
    ['spf1 -all', 'must start with v=spf1'],
    ['v=spf1 include:none.example.net -all', 'has no SPF record'],
    ['v=spf1 include:two.example.net -all', 'more than one SPF record'],
    ['v=spf1 include:bad.example.net -all', 'bad.example.net: ip4:192.0.2.999'],
    ['v=spf1 include:loop.example.net -all', 'a loop'],
    ['v=spf1 redirect=none.example.net', 'has no SPF record'],
  ])('finds the error in %s', (text, phrase) => {
    const r = checkSpfRecord(text, lookup, 'example.org');
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.en).join('\n')).toContain(phrase);
    expect(r.errors.every((e) => e.de.length > 0)).toBe(true);
  });

  it.each([
    ['v=spf1 +all', "'+all'"],
    ['v=spf1 mx', "neither 'all' nor redirect="],
    ['v=spf1 -all mx', "comes after 'all'"],
    ['v=spf1 redirect=_spf.example.net -all', 'is ignored'],
    ['v=spf1 foo=bar -all', 'unknown and ignored'],
    ['v=spf1 include:%{d2}.example.net -all', 'uses macros'],
    ['v=spf1 include:down.example.net -all', 'could not be fetched'],
    [`v=spf1 ${'ip4:192.0.2.1 '.repeat(40)}-all`, 'under 450 bytes'],
  ])('warns about %s', (text, phrase) => {
    const r = checkSpfRecord(text, lookup);
    expect(r.warnings.map((e) => e.en).join('\n')).toContain(phrase);
  });
});
