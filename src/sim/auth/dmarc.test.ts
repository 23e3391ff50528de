import { describe, expect, it } from 'vitest';
import type { TxtAnswer } from './dkim-verify';
import { checkDmarcRecord, evaluateDmarc, isAligned, organizationalDomain, parseDmarcRecord, type DmarcInput } from './dmarc';

function dns(zone: Record<string, string[] | TxtAnswer['rcode']>, asked: string[] = []): (name: string) => TxtAnswer {
  return (name) => {
    asked.push(name);
    const entry = zone[name];
    if (entry === undefined) return { rcode: 'NXDOMAIN', txt: [] };
    return typeof entry === 'string' ? { rcode: entry, txt: [] } : { rcode: 'NOERROR', txt: entry };
  };
}

const FAILING = { spf: { result: 'fail', domain: 'attacker.example.net' }, dkim: [] };

function run(fromDomain: string, zone: Record<string, string[] | TxtAnswer['rcode']>, rest: Partial<DmarcInput> = {}) {
  const outcome = evaluateDmarc({ fromDomain, ...FAILING, lookupTxt: dns(zone), ...rest });
  for (const step of outcome.steps) {
    expect(step.note.en).not.toBe('');
    expect(step.note.de).not.toBe('');
  }
  return outcome;
}

describe('parseDmarcRecord (RFC 7489 §6.3, §6.4)', () => {
  it('reads every tag', () => {
    const r = parseDmarcRecord('v=DMARC1; p=reject; sp=quarantine; adkim=s; aspf=r; pct=50; rua=mailto:a@example.com,mailto:b@example.net!10m; ruf=mailto:f@example.com; fo=1:d; ri=3600');
    expect(r).toMatchObject({
      ok: true, policy: 'reject', subdomainPolicy: 'quarantine', adkim: 's', aspf: 'r', pct: 50,
      rua: ['mailto:a@example.com', 'mailto:b@example.net!10m'], ruf: ['mailto:f@example.com'], fo: ['1', 'd'], ri: 3600,
      policyAssumed: false, warnings: [],
    });
  });
  it('fills in the defaults', () => {
    expect(parseDmarcRecord('v=DMARC1; p=none')).toMatchObject({ ok: true, adkim: 'r', aspf: 'r', pct: 100, rua: [], fo: ['0'], ri: 86400 });
  });
  it.each([
    ['p=none; v=DMARC1', 'start with v=DMARC1'],
    ['v=dmarc1; p=none', 'start with v=DMARC1'],
    ['v=DMARC2; p=none', 'start with v=DMARC1'],
    ['v=DMARC1', 'p= is missing'],
    ['v=DMARC1; p=block', 'p=block'],
    ['v=DMARC1; p=reject; sp=maybe', 'sp=maybe'],
    ['v=DMARC1; p=none; p=reject', 'twice'],
  ])('rejects %j', (txt, words) => {
    const r = parseDmarcRecord(txt);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.note.en).toContain(words);
  });
  it('assumes p=none when p= is bad but rua= is valid (RFC 7489 §6.6.3)', () => {
    expect(parseDmarcRecord('v=DMARC1; rua=mailto:d@example.com')).toMatchObject({ ok: true, policy: 'none', policyAssumed: true });
    expect(parseDmarcRecord('v=DMARC1; p=reject; sp=maybe; rua=mailto:d@example.com')).toMatchObject({ ok: true, policy: 'none', policyAssumed: true });
  });
  it('falls back to defaults for bad optional values, with warnings', () => {
    const r = parseDmarcRecord('v=DMARC1; p=quarantine; adkim=x; pct=150; rua=not-a-uri; fo=7; foo=bar');
    expect(r).toMatchObject({ ok: true, adkim: 'r', pct: 100, rua: [], fo: [] });
    const text = r.ok ? r.warnings.map((w) => w.en).join('\n') : '';
    for (const word of ['adkim=x', 'pct=150', 'not-a-uri', 'fo=7', 'foo=']) expect(text).toContain(word);
  });
});

describe('checkDmarcRecord', () => {
  it('explains a good record in both languages', () => {
    const c = checkDmarcRecord('v=DMARC1; p=reject; sp=none; pct=20; rua=mailto:d@example.com');
    expect(c.ok).toBe(true);
    const text = c.issues.map((i) => i.note.en).join('\n');
    expect(text).toContain('reject failing mail');
    expect(text).toContain('sp=none');
    expect(text).toContain('pct=20');
    expect(text).toContain('mailto:d@example.com');
    expect(c.issues.every((i) => i.note.de !== '')).toBe(true);
  });
  it('warns when no reports are asked for', () => {
    expect(checkDmarcRecord('v=DMARC1; p=none').issues.some((i) => i.severity === 'warning' && i.note.en.includes('rua'))).toBe(true);
  });
  it('reports an unusable record as an error', () => {
    expect(checkDmarcRecord('v=spf1 -all')).toMatchObject({ ok: false, issues: [{ severity: 'error' }] });
  });
});

describe('organisational domain and alignment (RFC 7489 §3.1, §3.2)', () => {
  it.each([
    ['example.com', 'example.com'],
    ['Mail.Example.COM.', 'example.com'],
    ['a.b.example.co.uk', 'example.co.uk'],
    ['foo.github.io', 'github.io'],
    ['localhost', 'localhost'],
  ])('%s → %s', (domain, org) => {
    expect(organizationalDomain(domain)).toBe(org);
  });

  // RFC 7489 Appendix B.1.1 (SPF) and B.1.2 (DKIM): the same pairs apply to both identifiers.
  it.each([
    ['example.com', 'example.com', true, true],
    ['child.example.com', 'example.com', true, false],
    ['example.com', 'child.example.com', true, false],
    ['example.net', 'example.com', false, false],
    ['EXAMPLE.com', 'example.com.', true, true],
    ['', 'example.com', false, false],
  ])('%s vs From %s: relaxed %s, strict %s', (authenticated, from, relaxed, strict) => {
    expect(isAligned(authenticated, from, 'r')).toBe(relaxed);
    expect(isAligned(authenticated, from, 's')).toBe(strict);
  });
});

describe('evaluateDmarc', () => {
  const B31 = { '_dmarc.example.com': ['v=DMARC1; p=reject; aspf=r; rua=mailto:dmarc-feedback@example.com'] };

  it('B.3.1: aligned SPF pass → pass, nothing to do', () => {
    const o = run('example.com', B31, { spf: { result: 'pass', domain: 'example.com' } });
    expect(o).toMatchObject({ result: 'pass', policy: 'reject', disposition: 'none', policyDomain: 'example.com', spfAligned: true, dkimAligned: false });
  });
  it('B.3.1: nothing aligned → fail, reject', () => {
    expect(run('example.com', B31)).toMatchObject({ result: 'fail', policy: 'reject', disposition: 'reject' });
  });
  it('B.1.3: SPF passes for another domain but aligned DKIM passes → pass', () => {
    const o = run('example.com', B31, { spf: { result: 'pass', domain: 'example.net' }, dkim: [{ result: 'pass', domain: 'example.com' }] });
    expect(o).toMatchObject({ result: 'pass', spfAligned: false, dkimAligned: true });
  });
  it('a failed or unaligned DKIM result does not count', () => {
    const o = run('example.com', B31, { dkim: [{ result: 'fail', domain: 'example.com' }, { result: 'pass', domain: 'example.net' }] });
    expect(o).toMatchObject({ result: 'fail', dkimAligned: false });
  });
  it('strict adkim: a subdomain signature does not align', () => {
    const zone = { '_dmarc.example.com': ['v=DMARC1; p=quarantine; adkim=s'] };
    expect(run('example.com', zone, { dkim: [{ result: 'pass', domain: 'mail.example.com' }] })).toMatchObject({ result: 'fail', disposition: 'quarantine' });
    expect(run('example.com', { '_dmarc.example.com': ['v=DMARC1; p=quarantine'] }, { dkim: [{ result: 'pass', domain: 'mail.example.com' }] }).result).toBe('pass');
  });
  it('strict aspf: a subdomain MAIL FROM does not align', () => {
    const spf = { result: 'pass', domain: 'bounces.example.com' };
    expect(run('example.com', { '_dmarc.example.com': ['v=DMARC1; p=reject; aspf=s'] }, { spf }).result).toBe('fail');
    expect(run('example.com', { '_dmarc.example.com': ['v=DMARC1; p=reject'] }, { spf }).result).toBe('pass');
  });
  it('B.2.1: p=none only monitors', () => {
    expect(run('example.com', { '_dmarc.example.com': ['v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com'] })).toMatchObject({ result: 'fail', policy: 'none', disposition: 'none' });
  });

  describe('subdomains and the organisational domain (RFC 7489 §6.6.3)', () => {
    const ORG = { '_dmarc.example.com': ['v=DMARC1; p=reject; sp=quarantine'] };
    it('falls back to the organisational domain and applies sp=', () => {
      const asked: string[] = [];
      const o = evaluateDmarc({ fromDomain: 'news.example.com', ...FAILING, lookupTxt: dns(ORG, asked) });
      expect(asked).toEqual(['_dmarc.news.example.com', '_dmarc.example.com']);
      expect(o).toMatchObject({ result: 'fail', policy: 'quarantine', disposition: 'quarantine', policyDomain: 'example.com' });
    });
    it('applies p= to subdomains when there is no sp=', () => {
      expect(run('news.example.com', { '_dmarc.example.com': ['v=DMARC1; p=reject'] })).toMatchObject({ policy: 'reject', disposition: 'reject' });
    });
    it('a record at the subdomain itself wins, with its p=', () => {
      const zone = { ...ORG, '_dmarc.news.example.com': ['v=DMARC1; p=none'] };
      expect(run('news.example.com', zone)).toMatchObject({ result: 'fail', policy: 'none', policyDomain: 'news.example.com' });
    });
    it('the organisational domain itself gets p=, not sp=', () => {
      expect(run('example.com', ORG)).toMatchObject({ policy: 'reject' });
    });
    it('uses the public suffix list for multi-label suffixes', () => {
      const asked: string[] = [];
      evaluateDmarc({ fromDomain: 'a.b.example.co.uk', ...FAILING, lookupTxt: dns({}, asked) });
      expect(asked).toEqual(['_dmarc.a.b.example.co.uk', '_dmarc.example.co.uk']);
    });
    it('relaxed alignment between sibling subdomains', () => {
      const o = run('news.example.com', ORG, { dkim: [{ result: 'pass', domain: 'mail.example.com' }] });
      expect(o).toMatchObject({ result: 'pass', dkimAligned: true });
    });
  });

  describe('pct= sampling (RFC 7489 §6.6.4)', () => {
    // Appendix B.2.4: a test subdomain quarantines a quarter of its failing mail.
    const B24 = { '_dmarc.test.example.com': ['v=DMARC1; p=quarantine; rua=mailto:dmarc-feedback@example.com,mailto:tld-test@thirdparty.example.net!10m; pct=25'] };
    it.each([
      [0, 'quarantine'],
      [24, 'quarantine'],
      [25, 'none'],
      [99, 'none'],
    ])('B.2.4, roll %i → %s', (pctRoll, disposition) => {
      expect(run('test.example.com', B24, { pctRoll })).toMatchObject({ result: 'fail', policy: 'quarantine', disposition });
    });
    it('an unselected reject becomes quarantine', () => {
      expect(run('example.com', { '_dmarc.example.com': ['v=DMARC1; p=reject; pct=10'] }, { pctRoll: 50 })).toMatchObject({ policy: 'reject', disposition: 'quarantine' });
    });
    it('pct=0 never applies the policy, a missing roll counts as 0', () => {
      expect(run('example.com', { '_dmarc.example.com': ['v=DMARC1; p=reject; pct=0'] })).toMatchObject({ disposition: 'quarantine' });
      expect(run('example.com', { '_dmarc.example.com': ['v=DMARC1; p=reject; pct=1'] })).toMatchObject({ disposition: 'reject' });
    });
  });

  describe('no policy and errors', () => {
    it('no record anywhere → none', () => {
      expect(run('example.com', {})).toMatchObject({ result: 'none', disposition: 'none' });
    });
    it('TXT records that are not DMARC are ignored', () => {
      expect(run('example.com', { '_dmarc.example.com': ['v=spf1 -all', 'hello'] }).result).toBe('none');
    });
    it.each(['SERVFAIL', 'TIMEOUT'] as const)('%s → temperror', (rcode) => {
      expect(run('example.com', { '_dmarc.example.com': rcode })).toMatchObject({ result: 'temperror', disposition: 'none' });
    });
    it('a DNS failure at the subdomain stops before the fallback', () => {
      expect(run('news.example.com', { '_dmarc.news.example.com': 'SERVFAIL', '_dmarc.example.com': ['v=DMARC1; p=reject'] }).result).toBe('temperror');
    });
    it('a broken record → permerror', () => {
      expect(run('example.com', { '_dmarc.example.com': ['v=DMARC1; p=block'] })).toMatchObject({ result: 'permerror', disposition: 'none' });
    });
    it.each(['', 'localhost', 'not a domain'])('From domain %j → permerror without a lookup', (fromDomain) => {
      const asked: string[] = [];
      expect(evaluateDmarc({ fromDomain, ...FAILING, lookupTxt: dns({}, asked) })).toMatchObject({ result: 'permerror', disposition: 'none' });
      expect(asked).toEqual([]);
    });
    it('two records → permerror', () => {
      expect(run('example.com', { '_dmarc.example.com': ['v=DMARC1; p=none', 'v=DMARC1; p=reject'] }).result).toBe('permerror');
    });
  });
});
