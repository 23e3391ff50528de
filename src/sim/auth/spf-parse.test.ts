import { describe, expect, it } from 'vitest';
import { isSpfRecord, parseSpfRecord, selectSpfRecord, type SpfMechanism } from './spf-parse';

const mechanisms = (text: string) => {
  const r = parseSpfRecord(text);
  if ('error' in r) throw new Error(r.error.message.en);
  return r.record.mechanisms.map((m: SpfMechanism) => ({ q: m.qualifier, n: m.name, d: m.domainSpec, c4: m.cidr4, c6: m.cidr6 }));
};

describe('record selection (RFC 7208 §4.5)', () => {
  it.each([
    ['v=spf1', true], ['v=spf1 -all', true], ['V=SPF1 -all', true], ['v=spf10 -all', false], ['v=spf1-all', false], [' v=spf1 -all', false], ['spf1 -all', false], ['v=DMARC1; p=none', false],
  ])('%j is an SPF record: %s', (text, yes) => {
    expect(isSpfRecord(text)).toBe(yes);
  });

  it('picks exactly one record', () => {
    expect(selectSpfRecord(['hello', 'v=spf1 -all'])).toEqual({ record: 'v=spf1 -all', multiple: false });
    expect(selectSpfRecord(['hello'])).toEqual({ multiple: false });
    expect(selectSpfRecord(['v=spf1 -all', 'v=spf1 +all'])).toEqual({ multiple: true });
  });
});

describe('parseSpfRecord', () => {
  it.each([
    ['all', { q: '+', n: 'all', d: undefined, c4: 32, c6: 128 }],
    ['-all', { q: '-', n: 'all', d: undefined, c4: 32, c6: 128 }],
    ['~include:_spf.example.net', { q: '~', n: 'include', d: '_spf.example.net', c4: 32, c6: 128 }],
    ['a', { q: '+', n: 'a', d: undefined, c4: 32, c6: 128 }],
    ['a/24', { q: '+', n: 'a', d: undefined, c4: 24, c6: 128 }],
    ['a//64', { q: '+', n: 'a', d: undefined, c4: 32, c6: 64 }],
    ['a/24//64', { q: '+', n: 'a', d: undefined, c4: 24, c6: 64 }],
    ['a:example.org/24//64', { q: '+', n: 'a', d: 'example.org', c4: 24, c6: 64 }],
    ['?mx:%{d}/27', { q: '?', n: 'mx', d: '%{d}', c4: 27, c6: 128 }],
    ['mx:example.org.', { q: '+', n: 'mx', d: 'example.org.', c4: 32, c6: 128 }],
    ['ptr', { q: '+', n: 'ptr', d: undefined, c4: 32, c6: 128 }],
    ['ptr:example.org', { q: '+', n: 'ptr', d: 'example.org', c4: 32, c6: 128 }],
    ['ip4:192.0.2.0/24', { q: '+', n: 'ip4', d: undefined, c4: 24, c6: 128 }],
    ['ip6:2001:db8::/32', { q: '+', n: 'ip6', d: undefined, c4: 32, c6: 32 }],
    ['exists:%{i}.%{l1r+-}._spf.%{d}', { q: '+', n: 'exists', d: '%{i}.%{l1r+-}._spf.%{d}', c4: 32, c6: 128 }],
    ['-exists:%{ir}.dnsbl.example.net', { q: '-', n: 'exists', d: '%{ir}.dnsbl.example.net', c4: 32, c6: 128 }],
  ])('reads %s', (term, expected) => {
    expect(mechanisms(`v=spf1 ${term}`)).toEqual([expected]);
  });

  it('keeps modifiers apart from mechanisms', () => {
    const r = parseSpfRecord('v=spf1 mx redirect=_spf.example.net exp=explain.%{d} foo.bar=baz-%{d}');
    expect('record' in r).toBe(true);
    if (!('record' in r)) return;
    expect(r.record.terms.map((t) => t.kind)).toEqual(['mechanism', 'modifier', 'modifier', 'modifier']);
    expect(r.record.redirect?.value).toBe('_spf.example.net');
    expect(r.record.exp?.value).toBe('explain.%{d}');
  });

  it.each([
    'v=spf1 moo', 'v=spf1 ip4', 'v=spf1 ip4:', 'v=spf1 ip4:192.0.2.0/024', 'v=spf1 ip6:2001:db8::/129', 'v=spf1 a/', 'v=spf1 a:', 'v=spf1 a:example.org/', 'v=spf1 a:example.org/33',
    'v=spf1 a//129', 'v=spf1 ptr/24', 'v=spf1 include:example.org/24', 'v=spf1 exists:', 'v=spf1 all/0', 'v=spf1 redirect=', 'v=spf1 mx:example.org:25', 'v=spf1 a:example.org,',
    'v=spf1 ip4:192.0.2.1 ip4:192.0.2.n', 'v=spf1 ~~all', 'v=spf1 9=a', 'hello',
  ])('refuses %j with a message in both languages', (text) => {
    const r = parseSpfRecord(text);
    expect('error' in r).toBe(true);
    if ('error' in r) {
      expect(r.error.message.en).toBeTruthy();
      expect(r.error.message.de).toBeTruthy();
    }
  });
});
