import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dottedIp, formatIPv6, ipInCidr, isIPv4, isIPv6, normalizeIp, parseIPv4, parseIPv6, parseIp, reverseName, unmapIPv4 } from './ip';

describe('parseIPv4', () => {
  it.each([
    ['192.0.2.1', [192, 0, 2, 1]],
    ['0.0.0.0', [0, 0, 0, 0]],
    ['255.255.255.255', [255, 255, 255, 255]],
    ['203.0.113.10', [203, 0, 113, 10]],
  ])('reads %s', (text, bytes) => {
    expect(parseIPv4(text)).toEqual(bytes);
    expect(isIPv4(text)).toBe(true);
  });

  it.each(['192.0.2', '192.0.2.1.5', '192.0.2.256', '192.0.02.1', '192.0.2.-1', ' 192.0.2.1', '192.0.2.1 ', 'a.b.c.d', '', '1..2.3', '2001:db8::1'])(
    'refuses %j',
    (text) => {
      expect(parseIPv4(text)).toBeUndefined();
      expect(isIPv4(text)).toBe(false);
    },
  );
});

describe('parseIPv6 and canonical form (RFC 4291 §2.2, RFC 5952)', () => {
  it.each([
    ['2001:db8::1', '2001:db8::1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['::ffff:c000:0201', '::ffff:192.0.2.1'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ['2001:db8::cb01', '2001:db8::cb01'],
  ])('reads %s and prints %s', (text, canonical) => {
    expect(isIPv6(text)).toBe(true);
    expect(normalizeIp(text)).toBe(canonical);
  });

  it.each(['2001:db8:::1', ':1', '1:', '1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8::', 'g::1', '::ffff:192.0.2.256', '::192.0.2.1:1', '2001:db8::1%eth0', '[2001:db8::1]', '', ':'])(
    'refuses %j',
    (text) => {
      expect(parseIPv6(text)).toBeUndefined();
      expect(isIPv6(text)).toBe(false);
    },
  );

  it('prints every address so that it parses back to the same bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 16, maxLength: 16 }), (bytes) => {
        const text = formatIPv6(bytes) as string;
        expect(parseIPv6(text)).toEqual(bytes);
        expect(normalizeIp(text)).toBe(text);
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      parseIp(s);
      reverseName(s);
      ipInCidr(s, s, 8);
    }));
  });
});

describe('ipInCidr', () => {
  it.each([
    ['192.0.2.7', '192.0.2.0', 24, true],
    ['192.0.3.7', '192.0.2.0', 24, false],
    ['192.0.2.7', '192.0.2.7', 32, true],
    ['192.0.2.8', '192.0.2.7', 32, false],
    ['198.51.100.1', '0.0.0.0', 0, true],
    ['192.0.2.130', '192.0.2.128', 25, true],
    ['192.0.2.127', '192.0.2.128', 25, false],
    ['192.0.2.7', '192.0.2.99', 24, true],
    ['2001:db8::1', '2001:db8::', 32, true],
    ['2001:db9::1', '2001:db8::', 32, false],
    ['2001:db8:c1::25', '2001:db8:c1::', 48, true],
    ['2001:db8::1', '2001:db8::1', 128, true],
    ['2001:db8::1', '::', 0, true],
    ['192.0.2.1', '2001:db8::', 0, false],
    ['2001:db8::1', '192.0.2.0', 0, false],
  ] as const)('%s in %s/%i is %s', (ip, net, prefix, expected) => {
    expect(ipInCidr(ip, net, prefix)).toBe(expected);
  });

  it.each([
    ['192.0.2.1', '192.0.2.0', 33],
    ['192.0.2.1', '192.0.2.0', -1],
    ['2001:db8::1', '2001:db8::', 129],
    ['192.0.2.1', '192.0.2.0', 1.5],
    ['nonsense', '192.0.2.0', 24],
  ] as const)('gives undefined for %s in %s/%s', (ip, net, prefix) => {
    expect(ipInCidr(ip, net, prefix)).toBeUndefined();
  });
});

describe('reverseName', () => {
  it.each([
    ['192.0.2.10', '10.2.0.192.in-addr.arpa'],
    ['203.0.113.1', '1.113.0.203.in-addr.arpa'],
    ['2001:db8::cb01', '1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa'],
  ])('%s → %s', (ip, name) => {
    expect(reverseName(ip)).toBe(name);
  });

  it('gives undefined for bad input', () => {
    expect(reverseName('192.0.2')).toBeUndefined();
  });
});

describe('dottedIp and unmapIPv4', () => {
  it('prints IPv4 dotted and IPv6 as dotted nibbles (RFC 7208 §7.3)', () => {
    expect(dottedIp(parseIp('192.0.2.3')!)).toBe('192.0.2.3');
    expect(dottedIp(parseIp('2001:db8::cb01')!)).toBe('2.0.0.1.0.d.b.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.c.b.0.1');
  });

  it('turns an IPv4-mapped address into IPv4 and leaves others alone', () => {
    expect(unmapIPv4(parseIp('::ffff:192.0.2.1')!)).toEqual({ version: 4, bytes: [192, 0, 2, 1] });
    expect(unmapIPv4(parseIp('2001:db8::1')!).version).toBe(6);
  });
});
