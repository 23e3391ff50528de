import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_TTL, parseTtl, parseZone, printZone } from './zone-file';
import { recordText, type DnsRecord } from './dns-record';

const texts = (zone: string, origin = 'example.org') => {
  const r = parseZone(zone, origin);
  expect(r.errors.map((e) => e.message.en)).toEqual([]);
  return r.records.map(recordText);
};

describe('parseTtl (BIND units)', () => {
  it.each([
    ['3600', 3600], ['0', 0], ['1h', 3600], ['1H', 3600], ['30m', 1800], ['1d', 86400], ['1w', 604800], ['1h30m', 5400], ['2w1d', 1296000], ['2147483647', 2147483647],
  ])('%s = %i', (text, seconds) => {
    expect(parseTtl(text)).toBe(seconds);
  });
  it.each(['1x', 'h', '-1', '1.5', '2147483648', '', '1h 30m'])('refuses %j', (text) => {
    expect(parseTtl(text)).toBeUndefined();
  });
});

describe('parseZone: RFC 1035 §5 syntax', () => {
  it.each<[string, string, string[]]>([
    ['@ and relative names', '@ 3600 IN A 192.0.2.1\nwww 3600 IN A 192.0.2.2', ['example.org. 3600 IN A 192.0.2.1', 'www.example.org. 3600 IN A 192.0.2.2']],
    ['absolute names', 'mail.example.org. 60 IN A 192.0.2.3', ['mail.example.org. 60 IN A 192.0.2.3']],
    ['$TTL default', '$TTL 1h\n@ IN A 192.0.2.1', ['example.org. 3600 IN A 192.0.2.1']],
    ['TTL and class in either order', '@ IN 300 A 192.0.2.1\n@ 300 IN A 192.0.2.2\n@ 300 A 192.0.2.3\n@ IN A 192.0.2.4', ['example.org. 300 IN A 192.0.2.1', 'example.org. 300 IN A 192.0.2.2', 'example.org. 300 IN A 192.0.2.3', 'example.org. 300 IN A 192.0.2.4']],
    ['omitted TTL repeats the last one without $TTL', '@ 600 IN A 192.0.2.1\nwww IN A 192.0.2.2', ['example.org. 600 IN A 192.0.2.1', 'www.example.org. 600 IN A 192.0.2.2']],
    ['default TTL when none is given', 'www IN A 192.0.2.2', [`www.example.org. ${DEFAULT_TTL} IN A 192.0.2.2`]],
    ['SOA minimum as the last resort', '@ IN SOA ns hostmaster 1 2 3 4 5\n@ IN A 192.0.2.1', ['example.org. 5 IN SOA ns.example.org. hostmaster.example.org. 1 2 3 4 5', 'example.org. 5 IN A 192.0.2.1']],
    ['omitted owner repeats the previous one', '$TTL 60\nmx1 IN A 192.0.2.25\n    IN AAAA 2001:DB8::25\n\t  IN TXT "x"', ['mx1.example.org. 60 IN A 192.0.2.25', 'mx1.example.org. 60 IN AAAA 2001:db8::25', 'mx1.example.org. 60 IN TXT "x"']],
    ['$ORIGIN changes relative names', '$TTL 60\n$ORIGIN sub.example.org.\nwww IN A 192.0.2.5\n$ORIGIN deeper\n@ IN A 192.0.2.6', ['www.sub.example.org. 60 IN A 192.0.2.5', 'deeper.sub.example.org. 60 IN A 192.0.2.6']],
    ['comments and blank lines', '; a zone\n\n@ 60 IN A 192.0.2.1 ; the apex\n   ; only a comment\n', ['example.org. 60 IN A 192.0.2.1']],
    ['names are lowercased', 'WWW 60 in a 192.0.2.1', ['www.example.org. 60 IN A 192.0.2.1']],
    ['MX with relative and absolute exchange', '$TTL 60\n@ MX 10 mx1\n@ MX 20 mx2.example.org.\n@ MX 0 .', ['example.org. 60 IN MX 10 mx1.example.org.', 'example.org. 60 IN MX 20 mx2.example.org.', 'example.org. 60 IN MX 0 .']],
    ['parentheses across lines', '@ 60 IN SOA ns.example.org. hostmaster.example.org. (\n    2024010101 ; serial\n    2h         ; refresh\n    15m 2w\n    5m )', ['example.org. 60 IN SOA ns.example.org. hostmaster.example.org. 2024010101 7200 900 1209600 300']],
    ['several TXT strings', '@ 60 IN TXT "v=spf1 ip4:192.0.2.0/24" " -all"', ['example.org. 60 IN TXT "v=spf1 ip4:192.0.2.0/24" " -all"']],
    ['TXT escapes', '@ 60 IN TXT "say \\"hi\\"" "semi;colon" "\\065\\066" "back\\\\slash"', ['example.org. 60 IN TXT "say \\"hi\\"" "semi;colon" "AB" "back\\\\slash"']],
    ['TXT over lines in parentheses', '@ 60 IN TXT ( "v=DKIM1; k=rsa; "\n  "p=MIIB" )', ['example.org. 60 IN TXT "v=DKIM1; k=rsa; " "p=MIIB"']],
    ['unquoted TXT word', '@ 60 IN TXT hello', ['example.org. 60 IN TXT "hello"']],
    ['CNAME and NS', '$TTL 60\nwww CNAME @\n@ NS ns.example.net.', ['www.example.org. 60 IN CNAME example.org.', 'example.org. 60 IN NS ns.example.net.']],
    ['wildcards and underscores', '$TTL 60\n* A 192.0.2.9\n_dmarc TXT "v=DMARC1; p=none"', ['*.example.org. 60 IN A 192.0.2.9', '_dmarc.example.org. 60 IN TXT "v=DMARC1; p=none"']],
    ['CRLF line ends', '@ 60 IN A 192.0.2.1\r\nwww 60 IN A 192.0.2.2\r\n', ['example.org. 60 IN A 192.0.2.1', 'www.example.org. 60 IN A 192.0.2.2']],
  ])('%s', (_title, zone, expected) => {
    expect(texts(zone)).toEqual(expected);
  });

  it('reads the PTR zone of a reverse range with its own origin', () => {
    expect(texts('$TTL 60\n1 PTR mail.example.org.', '2.0.192.in-addr.arpa')).toEqual(['1.2.0.192.in-addr.arpa. 60 IN PTR mail.example.org.']);
  });

  it('reads the zones of the default world unchanged', () => {
    const zone = [
      '$ORIGIN example.org.',
      '$TTL 3600',
      '@        IN SOA ns.example.org. hostmaster.example.org. 2026112701 7200 900 1209600 300',
      '@        IN NS  ns.example.org.',
      '@        IN MX  10 mx1.example.org.',
      '@        IN TXT "v=spf1 mx -all"',
      'mx1      IN A    192.0.2.131',
      'mx1      IN AAAA 2001:db8:c1::25',
      '*.113.0.203.dnsbl IN A   127.0.0.11',
      '',
    ].join('\n');
    const r = parseZone(zone, 'example.org');
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.records).toHaveLength(7);
  });
});

describe('parseZone: located errors in plain language', () => {
  it.each<[string, string, number, number, string]>([
    ['MX without preference', '$TTL 60\n@ IN A 192.0.2.1\n@ IN MX mx1.example.org.', 3, 9, "needs a preference number before the mail server's name"],
    ['MX without exchange', '@ 60 IN MX 10', 1, 14, "needs the mail server's name"],
    ['MX to an IP address', '@ 60 IN MX 10 192.0.2.1', 1, 15, 'not an IP address'],
    ['MX preference too big', '@ 60 IN MX 70000 mx1', 1, 12, 'between 0 and 65535'],
    ['bad IPv4', 'www 60 IN A 192.0.2.300', 1, 13, 'is not an IPv4 address'],
    ['IPv6 in an A record', 'www 60 IN A 2001:db8::1', 1, 13, 'AAAA record'],
    ['IPv4 in an AAAA record', 'www 60 IN AAAA 192.0.2.1', 1, 16, 'A record'],
    ['A without address', 'www 60 IN A', 1, 12, 'needs an IPv4 address'],
    ['two addresses in one A record', 'www 60 IN A 192.0.2.1 192.0.2.2', 1, 23, 'exactly one address'],
    ['unknown type', 'www 60 IN AX 192.0.2.1', 1, 11, "'AX' is not a record type"],
    ['unsupported type', '_sip._tcp 60 IN SRV 0 5 5060 sip', 1, 17, 'SRV records are not simulated'],
    ['indented owner', '@ 60 IN A 192.0.2.1\n  www 60 IN A 192.0.2.2', 2, 3, 'starts with a space'],
    ['indented first line', '  60 IN A 192.0.2.2', 1, 3, 'there is none'],
    ['bad TTL', 'www 1x IN A 192.0.2.1', 1, 5, "'1x' is not a TTL"],
    ['bad $TTL', '$TTL soon', 1, 6, "'soon' is not a TTL"],
    ['other class', 'www 60 CH A 192.0.2.1', 1, 8, 'class CH is not simulated'],
    ['missing type', 'www 60 IN', 1, 10, 'the record type is missing'],
    ['$INCLUDE', '$INCLUDE other.zone', 1, 1, '$INCLUDE is not available'],
    ['unknown directive', '$FOO bar', 1, 1, 'not a zone-file directive'],
    ['unclosed quote', '@ 60 IN TXT "v=spf1 -all', 1, 13, 'no closing quote'],
    ['unclosed parenthesis', '@ 60 IN SOA ns hostmaster (\n 1 2 3 4 5', 1, 27, "'(' is never closed"],
    ['stray parenthesis', '@ 60 IN A 192.0.2.1 )', 1, 21, "no matching '('"],
    ['bad \\DDD', '@ 60 IN TXT "\\300"', 1, 14, 'between \\000 and \\255'],
    ['long TXT string', `@ 60 IN TXT "${'a'.repeat(256)}"`, 1, 13, 'at most 255'],
    ['long unquoted TXT word', `@ 60 IN TXT ${'a'.repeat(300)}`, 1, 13, 'at most 255'],
    ['CNAME beside other data', '$TTL 60\nwww A 192.0.2.1\nwww CNAME @', 3, 1, 'a name with a CNAME can have no other data'],
    ['data beside a CNAME', '$TTL 60\nwww CNAME @\nwww MX 10 mx1', 3, 1, 'a name with a CNAME can have no other data'],
    ['two CNAMEs', '$TTL 60\nwww CNAME @\nwww CNAME mx1', 3, 1, 'only one other name'],
    ['bad name', 'bad_name! 60 IN A 192.0.2.1', 1, 1, 'not a valid name'],
    ['empty label', 'a..b 60 IN A 192.0.2.1', 1, 1, 'two dots in a row'],
    ['out of zone', 'www.example.net. 60 IN A 192.0.2.1', 1, 1, 'outside the zone example.org'],
    ['SOA too short', '@ 60 IN SOA ns hostmaster 1 2 3', 1, 32, 'needs 7 values'],
    ['SOA with @ in contact', '@ 60 IN SOA ns.example.org. admin@example.org. 1 2 3 4 5', 1, 29, 'with a dot instead of @'],
    ['SOA bad serial', '@ 60 IN SOA ns hostmaster x 2 3 4 5', 1, 27, 'the serial must be'],
    ['SOA away from apex', 'www 60 IN SOA ns hostmaster 1 2 3 4 5', 1, 1, 'top of the zone'],
    ['two SOAs', '@ 60 IN SOA ns hostmaster 1 2 3 4 5\n@ 60 IN SOA ns hostmaster 2 2 3 4 5', 2, 1, 'exactly one SOA'],
    ['quoted name', '"www" 60 IN A 192.0.2.1', 1, 1, 'without quotes'],
  ])('%s', (_title, zone, line, column, phrase) => {
    const r = parseZone(zone, 'example.org', 'example.org.zone');
    expect(r.errors.length).toBeGreaterThan(0);
    const e = r.errors[0];
    expect(e.message.en).toContain(phrase);
    expect([e.file, e.line, e.column]).toEqual(['example.org.zone', line, column]);
    expect(e.message.en.startsWith(`example.org.zone, line ${line}, column ${column}: `)).toBe(true);
    expect(e.message.de.startsWith(`example.org.zone, Zeile ${line}, Spalte ${column}: `)).toBe(true);
  });

  it('keeps the good records when some lines are bad', () => {
    const r = parseZone('$TTL 60\nwww A 192.0.2.1\nbad A 999.0.2.1\nmx1 A 192.0.2.25', 'example.org');
    expect(r.errors).toHaveLength(1);
    expect(r.records.map((x) => x.name)).toEqual(['www.example.org', 'mx1.example.org']);
  });

  it('warns about a forgotten trailing dot', () => {
    const r = parseZone('@ 60 IN MX 10 mx1.example.org', 'example.org');
    expect(r.errors).toEqual([]);
    expect(r.records[0]).toMatchObject({ data: { exchange: 'mx1.example.org.example.org' } });
    expect(r.warnings[0].message.en).toContain("Write 'mx1.example.org.'");
  });

  it('warns about unquoted TXT words, duplicates, differing TTLs and MX to a CNAME', () => {
    const r = parseZone('@ 60 IN TXT v=spf1 -all\n@ 60 IN A 192.0.2.1\n@ 60 IN A 192.0.2.1\n@ 90 IN A 192.0.2.2\nmail 60 IN CNAME mx\nmx 60 IN A 192.0.2.3\n@ 60 IN MX 10 mail', 'example.org');
    expect(r.errors).toEqual([]);
    const w = r.warnings.map((x) => x.message.en).join('\n');
    expect(w).toContain('"v=spf1-all"');
    expect(w).toContain('repeats the one on line 2');
    expect(w).toContain('different TTLs');
    expect(w).toContain('is a CNAME');
    expect(r.records.filter((x) => x.type === 'A' && x.name === 'example.org')).toHaveLength(2);
  });

  it('never throws, whatever the text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('example.org', '', 'Example.ORG.'), (text, origin) => {
      const r = parseZone(text, origin);
      expect(Array.isArray(r.records)).toBe(true);
    }), { numRuns: 500 });
    fc.assert(fc.property(fc.array(fc.constantFrom('@', 'www', ' ', '\t', 'IN', '60', 'A', 'MX', 'TXT', 'SOA', '(', ')', '"', '\\', ';', '\n', '192.0.2.1', '$TTL', '$ORIGIN', 'x.', '10'), { maxLength: 30 }), (parts) => {
      parseZone(parts.join(' '), 'example.org');
    }), { numRuns: 500 });
  });
});

const label = fc.stringMatching(/^[a-z0-9_][a-z0-9_-]{0,9}$/);
const inZone = (origin: string) => fc.array(label, { minLength: 0, maxLength: 3 }).map((ls) => [...ls, origin].filter(Boolean).join('.'));
const anyName = (origin: string) => fc.oneof(inZone(origin), fc.constantFrom('example.net', 'mx.example.com', ''));
const ipv4 = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }).map((b) => b.join('.'));
const txtString = fc.string({ unit: 'binary', maxLength: 60 }).filter((s) => !s.includes('\uFFFD'));
const ttl = fc.integer({ min: 0, max: 2147483647 });

function recordArb(origin: string): fc.Arbitrary<DnsRecord> {
  const owner = inZone(origin);
  return fc.oneof(
    fc.record({ name: owner, ttl, type: fc.constant('A' as const), data: fc.record({ address: ipv4 }) }),
    fc.record({ name: owner, ttl, type: fc.constant('AAAA' as const), data: fc.record({ address: fc.constantFrom('2001:db8::1', '2001:db8:c1::25', '::ffff:192.0.2.1', '2001:db8:1:2:3:4:5:6') }) }),
    fc.record({ name: owner, ttl, type: fc.constant('MX' as const), data: fc.record({ preference: fc.integer({ min: 0, max: 65535 }), exchange: anyName(origin) }) }),
    fc.record({ name: owner, ttl, type: fc.constant('TXT' as const), data: fc.record({ strings: fc.array(txtString, { minLength: 1, maxLength: 4 }) }) }),
    fc.record({ name: owner, ttl, type: fc.constant('NS' as const), data: fc.record({ target: anyName(origin) }) }),
    fc.record({ name: owner, ttl, type: fc.constant('PTR' as const), data: fc.record({ target: anyName(origin) }) }),
  ) as fc.Arbitrary<DnsRecord>;
}

describe('printZone', () => {
  it('prints names relative to the origin and splits long TXT values', () => {
    const records: DnsRecord[] = [
      { name: 'example.org', ttl: 3600, type: 'MX', data: { preference: 10, exchange: 'mx1.example.org' } },
      { name: 'example.org', ttl: 60, type: 'TXT', data: { strings: ['k'.repeat(300)] } },
      { name: 'mx1.example.org', ttl: 3600, type: 'A', data: { address: '192.0.2.25' } },
      { name: 'www.example.org', ttl: 3600, type: 'CNAME', data: { target: 'web.example.net' } },
    ];
    expect(printZone('example.org', records, 3600)).toBe([
      '$ORIGIN example.org.',
      '$TTL 3600',
      '@   IN MX 10 mx1',
      `    60 IN TXT "${'k'.repeat(255)}" "${'k'.repeat(45)}"`,
      'mx1 IN A 192.0.2.25',
      'www IN CNAME web.example.net.',
      '',
    ].join('\n'));
    const back = parseZone(printZone('example.org', records, 3600), 'example.org');
    expect(back.errors).toEqual([]);
    expect(back.records[1]).toMatchObject({ data: { strings: ['k'.repeat(255), 'k'.repeat(45)] } });
  });

  it.each(['example.org', 'sub.example.org', ''])('round-trips generated records in zone %j', (origin) => {
    fc.assert(
      fc.property(fc.uniqueArray(recordArb(origin), { maxLength: 12, selector: (r) => recordText({ ...r, ttl: 0 }) }), fc.option(ttl, { nil: undefined }), (records, defaultTtl) => {
        const text = printZone(origin, records, defaultTtl);
        const back = parseZone(text, origin);
        expect(back.errors).toEqual([]);
        expect(back.records).toEqual(records);
      }),
      { numRuns: 300 },
    );
  });
});
