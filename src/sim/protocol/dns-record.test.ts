import { describe, expect, it } from 'vitest';
import { absoluteName, isDnsType, nameProblem, normalizeName, octetLength, quoteTxt, recordDataText, recordText, sameRecord, splitTxt, txtValue, type DnsRecord } from './dns-record';

const records: [DnsRecord, string][] = [
  [{ name: 'example.org', ttl: 3600, type: 'A', data: { address: '192.0.2.1' } }, 'example.org. 3600 IN A 192.0.2.1'],
  [{ name: 'mx1.example.org', ttl: 300, type: 'AAAA', data: { address: '2001:db8::25' } }, 'mx1.example.org. 300 IN AAAA 2001:db8::25'],
  [{ name: 'example.org', ttl: 3600, type: 'MX', data: { preference: 10, exchange: 'mx1.example.org' } }, 'example.org. 3600 IN MX 10 mx1.example.org.'],
  [{ name: 'example.org', ttl: 3600, type: 'MX', data: { preference: 0, exchange: '' } }, 'example.org. 3600 IN MX 0 .'],
  [{ name: 'example.org', ttl: 60, type: 'TXT', data: { strings: ['v=spf1 mx -all'] } }, 'example.org. 60 IN TXT "v=spf1 mx -all"'],
  [{ name: 'example.org', ttl: 60, type: 'TXT', data: { strings: ['say "hi"\\', ''] } }, 'example.org. 60 IN TXT "say \\"hi\\"\\\\" ""'],
  [{ name: 'www.example.org', ttl: 60, type: 'CNAME', data: { target: 'example.org' } }, 'www.example.org. 60 IN CNAME example.org.'],
  [{ name: '1.2.0.192.in-addr.arpa', ttl: 60, type: 'PTR', data: { target: 'mail.example.org' } }, '1.2.0.192.in-addr.arpa. 60 IN PTR mail.example.org.'],
  [{ name: 'example.org', ttl: 60, type: 'NS', data: { target: 'ns.example.org' } }, 'example.org. 60 IN NS ns.example.org.'],
  [
    { name: 'example.org', ttl: 3600, type: 'SOA', data: { mname: 'ns.example.org', rname: 'hostmaster.example.org', serial: 2024010101, refresh: 7200, retry: 900, expire: 1209600, minimum: 300 } },
    'example.org. 3600 IN SOA ns.example.org. hostmaster.example.org. 2024010101 7200 900 1209600 300',
  ],
];

describe('recordText', () => {
  it.each(records)('prints %j', (record, text) => {
    expect(recordText(record)).toBe(text);
  });
});

describe('TXT values', () => {
  it('joins strings without a separator (RFC 7208 §3.3)', () => {
    const r: DnsRecord = { name: 'example.org', ttl: 1, type: 'TXT', data: { strings: ['v=spf1 ip4:192.0.2.0/24', ' -all'] } };
    expect(txtValue(r)).toBe('v=spf1 ip4:192.0.2.0/24 -all');
    expect(txtValue(records[0][0])).toBe('');
  });

  it('splits long values at 255 octets without breaking characters', () => {
    expect(splitTxt('a'.repeat(600)).map((s) => s.length)).toEqual([255, 255, 90]);
    expect(splitTxt('')).toEqual(['']);
    const umlauts = 'ä'.repeat(200); // 400 octets
    const parts = splitTxt(umlauts);
    expect(parts.map(octetLength)).toEqual([254, 146]);
    expect(parts.join('')).toBe(umlauts);
  });

  it('prints long strings as several quoted strings', () => {
    const r: DnsRecord = { name: 'k._domainkey.example.org', ttl: 1, type: 'TXT', data: { strings: ['x'.repeat(300)] } };
    expect(recordDataText(r)).toBe(`"${'x'.repeat(255)}" "${'x'.repeat(45)}"`);
  });

  it('escapes quotes, backslashes and control characters', () => {
    expect(quoteTxt('a"b\\c\td')).toBe('"a\\"b\\\\c\\009d"');
    expect(quoteTxt('grüße')).toBe('"grüße"');
  });
});

describe('names', () => {
  it.each([
    ['Example.ORG.', 'example.org'],
    ['example.org', 'example.org'],
    ['.', ''],
  ])('normalizeName(%j) = %j', (input, output) => {
    expect(normalizeName(input)).toBe(output);
  });

  it('prints absolute names with a dot', () => {
    expect(absoluteName('example.org')).toBe('example.org.');
    expect(absoluteName('')).toBe('.');
  });

  it.each(['example.org', '_dmarc.example.org', '*.example.org', 'mx-1.example.org', ''])('accepts %j', (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  it.each(['a..example.org', `${'a'.repeat(64)}.example.org`, `${'a.'.repeat(127)}org`, 'bad name.example.org', 'www.*.example.org', 'mail@example.org'])('refuses %j', (name) => {
    expect(nameProblem(name)?.en).toBeTruthy();
    expect(nameProblem(name)?.de).toBeTruthy();
  });

  it('knows the supported types', () => {
    expect(isDnsType('MX')).toBe(true);
    expect(isDnsType('mx')).toBe(false);
    expect(isDnsType('SRV')).toBe(false);
  });

  it('compares records without their TTL', () => {
    expect(sameRecord(records[0][0], { ...records[0][0], ttl: 5 } as DnsRecord)).toBe(true);
    expect(sameRecord(records[2][0], records[3][0])).toBe(false);
  });
});
