import { describe, it, expect } from 'vitest';
import { lookupFromRecords } from '../protocol/dns-lookup';
import type { DnsRecord } from '../protocol/dns-record';
import { checkDnsbl, dnsblQueryName, relayedClientIps } from './dnsbl';

const LIST: DnsRecord[] = [
  { name: '*.113.0.203.dnsbl.example.net', ttl: 3600, type: 'A', data: { address: '127.0.0.11' } },
  { name: '*.113.0.203.dnsbl.example.net', ttl: 3600, type: 'TXT', data: { strings: ['Dynamic range'] } },
  { name: '66.100.51.198.dnsbl.example.net', ttl: 3600, type: 'A', data: { address: '192.0.2.1' } },
];

describe('dnsblQueryName (RFC 5782 §2.1, §2.4)', () => {
  it.each([
    ['203.0.113.10', 'dnsbl.example.net', '10.113.0.203.dnsbl.example.net'],
    ['192.0.2.25', 'DNSBL.example.net.', '25.2.0.192.dnsbl.example.net'],
    ['2001:db8::1', 'bl.example', `1.${'0.'.repeat(23)}8.b.d.0.1.0.0.2.bl.example`],
    ['not-an-ip', 'bl.example', undefined],
  ])('%s in %s → %s', (ip, zone, name) => {
    expect(dnsblQueryName(ip, zone)).toBe(name);
  });
});

describe('checkDnsbl', () => {
  const lookup = lookupFromRecords(LIST, { '1.2.0.192.dnsbl.example.net': 'SERVFAIL' });

  it('finds a listing through a wildcard and fetches its TXT reason', () => {
    const r = checkDnsbl(lookup, ['203.0.113.10'], ['dnsbl.example.net']);
    expect(r.listings).toEqual([{ zone: 'dnsbl.example.net', ip: '203.0.113.10', code: '127.0.0.11', text: 'Dynamic range' }]);
    expect(r.steps[0].note.en).toMatch(/is listed in dnsbl\.example\.net/);
  });

  it('treats NXDOMAIN, answers outside 127.0.0.0/8 and failures as not listed', () => {
    const r = checkDnsbl(lookup, ['198.51.100.25', '198.51.100.66', '192.0.2.1'], ['dnsbl.example.net']);
    expect(r.listings).toEqual([]);
    expect(r.steps.map((s) => s.note.en)).toEqual([
      expect.stringMatching(/NXDOMAIN: 198\.51\.100\.25 is not listed/),
      expect.stringMatching(/NOERROR: 198\.51\.100\.66 is not listed/),
      expect.stringMatching(/SERVFAIL: no answer, so 192\.0\.2\.1 counts as not listed/),
    ]);
  });
});

describe('relayedClientIps', () => {
  const received = (from: string, ip: string, by: string, proto: string) =>
    `Received: from ${from} (${from} [${ip}])\r\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\r\n\tby ${by} (Postfix) with ${proto} id ABC\r\n\tfor <bob@example.org>; Fri, 27 Nov 2026 09:00:01 +0000`;

  it('reads the earlier hops, newest first, down to the authenticated submission', () => {
    const raw = [
      received('smtp.example.com', '192.0.2.25', 'relay.example.net', 'ESMTPS'),
      received('alice-pc', '203.0.113.10', 'smtp.example.com', 'ESMTPSA'),
      'Subject: hi', '', 'body', '',
    ].join('\r\n');
    expect(relayedClientIps(raw)).toEqual(['192.0.2.25']);
  });

  it('counts an unauthenticated hop from a home address (mail relayed for a home server)', () => {
    const raw = [received('relay.example.net', '198.51.100.25', 'mx.example.org', 'ESMTP'), received('home', '203.0.113.77', 'relay.example.net', 'SMTP'), '', ''].join('\r\n');
    expect(relayedClientIps(raw)).toEqual(['198.51.100.25', '203.0.113.77']);
  });

  it('reads IPv6 addresses and ignores Received fields it cannot read', () => {
    const raw = ['Received: by localhost; Fri, 27 Nov 2026 09:00:01 +0000', received('a', 'IPv6:2001:db8::7', 'b', 'ESMTPS'), '', ''].join('\r\n');
    expect(relayedClientIps(raw)).toEqual(['2001:db8::7']);
  });
});
