import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/index';
import { checkZone, dkimTxtLine, expectedDkimKeys, replaceDkimKey } from './record-checks';

const run = await simulate({ until: 10 });
if (!run.ok) throw new Error('no world');
const world = run.view;
const zoneText = (z: string) => world.zones.find((x) => x.zone === z)!.text;
const expected = expectedDkimKeys(world.hosts);

describe('record checkers for the DNS editor', () => {
  it('reads which domains the mail servers sign, with their selectors', () => {
    expect(expected).toEqual(expect.arrayContaining([{ host: 'smtp.example.com', domain: 'example.com', selector: 's2026' }]));
    expect(expected.map((e) => e.domain)).toContain('example.org');
  });

  it('passes the default example.com zone: SPF with its lookups counted through the include, DKIM key, DMARC policy', () => {
    const { parse, checks } = checkZone('example.com', zoneText('example.com'), world.zones, expected);
    expect(parse.errors).toEqual([]);
    const spf = checks.find((c) => c.kind === 'spf' && c.name === 'example.com')!;
    expect(spf.ok).toBe(true);
    expect(spf.findings).toContainEqual({ severity: 'info', code: 'spf.lookups', params: { n: 1, max: 10 } });
    const dkim = checks.find((c) => c.kind === 'dkim')!;
    expect(dkim).toMatchObject({ name: 's2026._domainkey.example.com', ok: true, publicKey: expect.stringMatching(/^MIIB/) });
    const dmarc = checks.find((c) => c.kind === 'dmarc')!;
    expect(dmarc.ok).toBe(true);
    expect(dmarc.findings.some((f) => f.note?.en.includes('p=reject'))).toBe(true);
    expect(checks.every((c) => c.ok)).toBe(true);
  });

  it('finds a broken SPF record, a missing DKIM key and a DMARC record without a policy', () => {
    const text = zoneText('example.com')
      .replace('include:_spf.example.net', 'include:_spf.example.net ip4:300.1.1.1')
      .replace(/^s2026\._domainkey.*$/m, '')
      .replace('v=DMARC1; p=reject;', 'v=DMARC1;');
    const { checks } = checkZone('example.com', text, world.zones, expected);
    const spf = checks.find((c) => c.kind === 'spf' && c.name === 'example.com')!;
    expect(spf.ok).toBe(false);
    expect(spf.findings[0]).toMatchObject({ severity: 'error', note: { en: expect.stringContaining('300.1.1.1') } });
    expect(checks.find((c) => c.kind === 'dkim')).toMatchObject({ ok: false, findings: [{ severity: 'error', code: 'dkim.missing', params: { name: 's2026._domainkey.example.com' } }] });
    expect(checks.find((c) => c.kind === 'dmarc')?.findings[0].severity).toBe('warning');
  });

  it('counts lookups over 10 as an error, and notices two SPF records at one name', () => {
    const many = Array.from({ length: 11 }, (_, i) => `a:h${i}.example.com`).join(' ');
    const text = `$ORIGIN example.com.\n@ IN TXT "v=spf1 ${many} -all"\n@ IN TXT "v=spf1 -all"\n`;
    const { checks } = checkZone('example.com', text, [], []);
    expect(checks.find((c) => c.value.startsWith('v=spf1 a:'))?.findings).toContainEqual(expect.objectContaining({ severity: 'error', note: expect.objectContaining({ en: expect.stringContaining('11 DNS lookups') }) }));
    expect(checks).toContainEqual(expect.objectContaining({ kind: 'spf', ok: false, findings: [expect.objectContaining({ code: 'multiple' })] }));
  });

  it('reports a revoked or unreadable DKIM key', () => {
    const text = '$ORIGIN example.org.\nold._domainkey IN TXT "v=DKIM1; p="\nbad._domainkey IN TXT "p=abc; p=def"\n';
    const { checks } = checkZone('example.org', text, [], []);
    expect(checks.find((c) => c.name === 'old._domainkey.example.org')).toMatchObject({ ok: false, findings: [{ code: 'dkim.revoked' }] });
    expect(checks.find((c) => c.name === 'bad._domainkey.example.org')).toMatchObject({ ok: false, findings: [{ severity: 'error', note: expect.anything() }] });
  });

  it('locates zone syntax errors with line and column', () => {
    const { parse } = checkZone('example.com', '$ORIGIN example.com.\nmx IN MX mail.example.com.\n', [], []);
    expect(parse.errors[0]).toMatchObject({ line: 2, column: expect.any(Number) });
  });

  it('writes and replaces a DKIM key record that parses back to the same value', () => {
    const value = `v=DKIM1; k=rsa; p=${'A'.repeat(400)}`;
    const text = replaceDkimKey(zoneText('example.com'), 's2026', value);
    expect(text.match(/s2026\._domainkey/g)).toHaveLength(1);
    const { parse, checks } = checkZone('example.com', text, world.zones, expected);
    expect(parse.errors).toEqual([]);
    expect(checks.find((c) => c.kind === 'dkim')?.value).toBe(value);
    expect(dkimTxtLine('s1', 'v=DKIM1; p=x')).toBe('s1._domainkey IN TXT ( "v=DKIM1; p=x" )');
  });
});
