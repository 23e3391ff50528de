/**
 * Differential test: our checkHost against pyspf (Debian python3-spf) on the same DNS data.
 * spf.pyspf-diff.py replaces pyspf's resolver with the records given here, so no real DNS is used.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkHost, spfIdentity } from './spf';
import { parseZone } from '../protocol/zone-file';
import { lookupFromRecords, type LookupFailures } from '../protocol/dns-lookup';
import type { DnsRecord } from '../protocol/dns-record';

const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import spf'], { encoding: 'utf8' });
const skipReason = probe.error ? `${PYTHON} not runnable: ${probe.error.message}` : probe.status !== 0 ? `${PYTHON} -c 'import spf' failed: ${probe.stderr.trim().split('\n').pop()}` : '';
if (skipReason) console.warn(`pyspf differential test skipped: ${skipReason}`);

const base = `
example.org            MX   10 mail.example.org.
example.org            MX   20 backup.example.org.
example.org            A    192.0.2.20
mail.example.org       A    192.0.2.10
mail.example.org       AAAA 2001:db8::10
backup.example.org     A    192.0.2.11
alias.example.org      CNAME mail.example.org.
10.2.0.192.in-addr.arpa.  PTR  mail.example.org.
66.100.51.198.in-addr.arpa. PTR mail.example.org.
10.2.0.192.allow.example.org A 127.0.0.2
_spf.example.net       TXT  "v=spf1 ip4:198.51.100.0/24 -all"
neutral.example.net    TXT  "v=spf1 ?all"
deep.example.net       TXT  "v=spf1 include:_spf.example.net ~all"
empty.example.net      A    198.51.100.9
exp.example.org        TXT  "%{i} may not send for %{d} (sender %{s})"
`;

interface Case {
  title: string;
  record?: string;
  ip: string;
  sender?: string;
  helo?: string;
  extra?: string;
  records?: DnsRecord[];
  failures?: LookupFailures;
  /** Compare the explanation too (only meaningful where exp= is used). */
  explanation?: boolean;
}

const tenA = Array.from({ length: 11 }, (_, k) => `a:h${k}.example.org`);
const manyMx = Array.from({ length: 11 }, (_, k) => `many.example.net MX ${k} m${k}.example.net.`).join('\n');

const cases: Case[] = [
  { title: '-all', record: 'v=spf1 -all', ip: '192.0.2.99' },
  { title: 'ip4 host', record: 'v=spf1 ip4:192.0.2.99 -all', ip: '192.0.2.99' },
  { title: 'ip4 network miss', record: 'v=spf1 ip4:192.0.2.0/25 ~all', ip: '192.0.2.200' },
  { title: 'ip6 network', record: 'v=spf1 ip6:2001:db8::/32 -all', ip: '2001:db8:1::5' },
  { title: 'ip4 for an IPv6 client', record: 'v=spf1 ip4:0.0.0.0/0 -all', ip: '2001:db8::5' },
  { title: 'IPv4-mapped client', record: 'v=spf1 ip4:192.0.2.10 -all', ip: '::ffff:192.0.2.10' },
  { title: 'a', record: 'v=spf1 a -all', ip: '192.0.2.20' },
  { title: 'a/24', record: 'v=spf1 a/24 -all', ip: '192.0.2.200' },
  { title: 'a//64 over IPv6', record: 'v=spf1 a:mail.example.org//64 -all', ip: '2001:db8::abcd' },
  { title: 'a through a CNAME', record: 'v=spf1 a:alias.example.org -all', ip: '192.0.2.10' },
  { title: 'mx second server', record: 'v=spf1 mx -all', ip: '192.0.2.11' },
  { title: 'mx miss', record: 'v=spf1 mx ?all', ip: '192.0.2.12' },
  { title: 'ptr', record: 'v=spf1 ptr -all', ip: '192.0.2.10' },
  { title: 'ptr not validated', record: 'v=spf1 ptr -all', ip: '198.51.100.66' },
  { title: 'exists with macros', record: 'v=spf1 exists:%{ir}.allow.%{d} -all', ip: '192.0.2.10' },
  { title: 'exists miss', record: 'v=spf1 exists:%{ir}.allow.%{d} -all', ip: '192.0.2.11' },
  { title: 'uppercase macro is URL-escaped', record: 'v=spf1 exists:%{L}.esc.example.org -all', ip: '192.0.2.1', sender: 'a+b@example.org', records: [{ name: 'a%2bb.esc.example.org', ttl: 300, type: 'A', data: { address: '127.0.0.2' } }] },
  { title: 'include pass', record: 'v=spf1 include:_spf.example.net -all', ip: '198.51.100.7' },
  { title: 'include neutral does not match', record: 'v=spf1 include:neutral.example.net -all', ip: '198.51.100.7' },
  { title: 'nested include', record: 'v=spf1 include:deep.example.net -all', ip: '198.51.100.7' },
  { title: 'include of no record', record: 'v=spf1 include:empty.example.net -all', ip: '192.0.2.10' },
  { title: 'include temperror', record: 'v=spf1 include:down.example.net -all', ip: '192.0.2.10', failures: { 'down.example.net': 'SERVFAIL' } },
  { title: 'a temperror', record: 'v=spf1 a:down.example.net -all', ip: '192.0.2.10', failures: { 'down.example.net': 'TIMEOUT' } },
  { title: 'top-level temperror', ip: '192.0.2.10', failures: { 'example.org': 'SERVFAIL' } },
  { title: 'redirect', record: 'v=spf1 redirect=_spf.example.net', ip: '198.51.100.7' },
  { title: 'redirect fail', record: 'v=spf1 redirect=_spf.example.net', ip: '192.0.2.7' },
  { title: 'redirect to no record', record: 'v=spf1 redirect=empty.example.net', ip: '192.0.2.7' },
  { title: 'redirect ignored with all', record: 'v=spf1 redirect=_spf.example.net ?all', ip: '198.51.100.7' },
  { title: 'no SPF record', ip: '192.0.2.7' },
  { title: 'two SPF records', record: 'v=spf1 -all', extra: 'example.org TXT "v=spf1 +all"', ip: '192.0.2.7' },
  { title: 'split strings', ip: '192.0.2.7', extra: 'example.org TXT "v=spf1 ip4:192.0.2.0/24" " -all"' },
  { title: 'bad ip4', record: 'v=spf1 ip4:192.0.2.300 -all', ip: '192.0.2.7' },
  { title: 'unknown mechanism', record: 'v=spf1 ip4:192.0.2.7 moo -all', ip: '192.0.2.7' },
  { title: 'bad macro', record: 'v=spf1 exists:%{x}.example.org -all', ip: '192.0.2.7' },
  { title: 'unknown modifier', record: 'v=spf1 foo=bar ip4:192.0.2.7 -all', ip: '192.0.2.7' },
  { title: 'two redirects', record: 'v=spf1 redirect=a.example.net redirect=b.example.net', ip: '192.0.2.7' },
  { title: 'ten lookups are fine', record: `v=spf1 ${tenA.slice(0, 10).join(' ')} -all`, ip: '192.0.2.7', extra: tenA.map((t) => `${t.slice(2)} A 192.0.2.250`).join('\n') },
  { title: 'eleven lookups', record: `v=spf1 ${tenA.join(' ')} -all`, ip: '192.0.2.7', extra: tenA.map((t) => `${t.slice(2)} A 192.0.2.250`).join('\n') },
  { title: 'two void lookups are fine', record: 'v=spf1 a:no1.example.org a:no2.example.org -all', ip: '192.0.2.7' },
  { title: 'three void lookups', record: 'v=spf1 a:no1.example.org a:no2.example.org a:no3.example.org -all', ip: '192.0.2.7' },
  { title: 'more than 10 MX names', record: 'v=spf1 mx:many.example.net -all', ip: '192.0.2.7', extra: manyMx },
  { title: 'exp on fail', record: 'v=spf1 mx -all exp=exp.example.org', ip: '192.0.2.99', explanation: true },
  { title: 'empty MAIL FROM uses HELO', ip: '192.0.2.10', sender: '', helo: 'mail.example.org', extra: 'mail.example.org TXT "v=spf1 a -all"' },
  { title: 'sender without local-part', record: 'v=spf1 exists:%{l}.lp.example.org -all', ip: '192.0.2.7', sender: '@example.org', extra: 'postmaster.lp.example.org A 127.0.0.2' },
];

function recordsOf(c: Case): DnsRecord[] {
  const text = [base, c.record ? `example.org TXT "${c.record}"` : '', c.extra ?? ''].join('\n');
  const parsed = parseZone(`$TTL 300\n${text}`, '');
  expect(parsed.errors.map((e) => e.message.en)).toEqual([]);
  return [...parsed.records, ...(c.records ?? [])];
}

// In CI (.ci/run installs python3-spf) a missing pyspf is a failure, not a skip.
describe.skipIf(skipReason !== '' && !process.env.CI)(`checkHost agrees with pyspf${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it(`on ${cases.length} cases`, () => {
    const input = cases.map((c, id) => ({ id, ip: c.ip, sender: c.sender ?? 'alice@example.org', helo: c.helo ?? 'client.example.net', receiver: 'mx.example.com', records: recordsOf(c), failures: c.failures ?? {} }));
    const script = fileURLToPath(new URL('./spf.pyspf-diff.py', import.meta.url));
    const run = spawnSync(PYTHON, [script], { input: JSON.stringify({ cases: input }), encoding: 'utf8', timeout: 60000 });
    expect(run.stderr).toBe('');
    const theirs = JSON.parse(run.stdout) as { id: number; result: string; explanation: string | null }[];
    const rows = cases.map((c, id) => {
      const who = spfIdentity(input[id].sender, input[id].helo);
      const ours = checkHost({ ip: c.ip, domain: who.domain, sender: input[id].sender, helo: input[id].helo, receiver: 'mx.example.com', lookup: lookupFromRecords(input[id].records, c.failures ?? {}) });
      const py = theirs[id];
      return {
        title: c.title,
        ours: c.explanation ? `${ours.result} / ${ours.explanation}` : ours.result,
        pyspf: c.explanation ? `${py.result} / ${py.explanation}` : py.result,
      };
    });
    expect(rows.filter((r) => r.ours !== r.pyspf)).toEqual([]);
    expect(rows.length).toBeGreaterThanOrEqual(20);
  });
});
