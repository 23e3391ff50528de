import { describe, expect, it } from 'vitest';
import { answersOf, isVoid, lookupFromRecords } from './dns-lookup';
import type { DnsRecord } from './dns-record';

const records: DnsRecord[] = [
  { name: 'example.org', ttl: 300, type: 'A', data: { address: '192.0.2.1' } },
  { name: 'example.org', ttl: 300, type: 'MX', data: { preference: 10, exchange: 'mx1.example.org' } },
  { name: 'mx1.example.org', ttl: 300, type: 'A', data: { address: '192.0.2.25' } },
  { name: 'www.example.org', ttl: 300, type: 'CNAME', data: { target: 'example.org' } },
  { name: 'alias.example.org', ttl: 300, type: 'CNAME', data: { target: 'www.example.org' } },
  { name: 'dangling.example.org', ttl: 300, type: 'CNAME', data: { target: 'gone.example.net' } },
  { name: 'loop1.example.org', ttl: 300, type: 'CNAME', data: { target: 'loop2.example.org' } },
  { name: 'loop2.example.org', ttl: 300, type: 'CNAME', data: { target: 'loop1.example.org' } },
  { name: 'a.b.deep.example.org', ttl: 300, type: 'TXT', data: { strings: ['deep'] } },
  { name: '*.dnsbl.example.net', ttl: 300, type: 'A', data: { address: '127.0.0.2' } },
  { name: 'listed.dnsbl.example.net', ttl: 300, type: 'TXT', data: { strings: ['explicit'] } },
];
const lookup = lookupFromRecords(records, { 'broken.example.org': 'SERVFAIL', 'slow.example.org': 'TIMEOUT' });

describe('lookupFromRecords', () => {
  it.each([
    ['example.org', 'A', 'NOERROR', ['192.0.2.1']],
    ['EXAMPLE.org.', 'A', 'NOERROR', ['192.0.2.1']],
    ['example.org', 'AAAA', 'NOERROR', []],
    ['nothing.example.org', 'A', 'NXDOMAIN', []],
    ['b.deep.example.org', 'TXT', 'NOERROR', []],
    ['deep.example.org', 'A', 'NOERROR', []],
    ['x.a.b.deep.example.org', 'A', 'NXDOMAIN', []],
    ['broken.example.org', 'A', 'SERVFAIL', []],
    ['slow.example.org', 'MX', 'TIMEOUT', []],
    ['2.0.2.192.dnsbl.example.net', 'A', 'NOERROR', ['127.0.0.2']],
    ['2.0.2.192.dnsbl.example.net', 'TXT', 'NOERROR', []],
    ['listed.dnsbl.example.net', 'A', 'NOERROR', []],
  ] as const)('%s %s → %s', (name, type, rcode, addresses) => {
    const r = lookup(name, type);
    expect(r.rcode).toBe(rcode);
    expect(answersOf(r, type).map((x) => ('address' in x.data ? x.data.address : ''))).toEqual(addresses);
  });

  it('follows CNAMEs and puts the chain first in the answer', () => {
    const r = lookup('alias.example.org', 'A');
    expect(r.rcode).toBe('NOERROR');
    expect(r.records.map((x) => x.type)).toEqual(['CNAME', 'CNAME', 'A']);
    expect(answersOf(r, 'A')[0].data.address).toBe('192.0.2.1');
  });

  it('answers a CNAME query with the CNAME itself', () => {
    const r = lookup('www.example.org', 'CNAME');
    expect(r.records).toHaveLength(1);
    expect(r.records[0].type).toBe('CNAME');
  });

  it('reports NXDOMAIN at the end of a dangling CNAME and SERVFAIL for a loop', () => {
    expect(lookup('dangling.example.org', 'A').rcode).toBe('NXDOMAIN');
    expect(lookup('loop1.example.org', 'A').rcode).toBe('SERVFAIL');
  });

  it('names wildcard answers after the question', () => {
    expect(lookup('9.9.9.9.dnsbl.example.net', 'A').records[0].name).toBe('9.9.9.9.dnsbl.example.net');
  });

  it('tells void answers (RFC 7208 §4.6.4)', () => {
    expect(isVoid(lookup('nothing.example.org', 'A'), 'A')).toBe(true);
    expect(isVoid(lookup('example.org', 'AAAA'), 'AAAA')).toBe(true);
    expect(isVoid(lookup('www.example.org', 'A'), 'A')).toBe(false);
    expect(isVoid(lookup('broken.example.org', 'A'), 'A')).toBe(false);
  });
});
