import { describe, expect, it } from 'vitest';
import { formatAuthResults, parseAuthResults } from './auth-results';
import type { DkimResult } from './dkim-verify';

const pass: DkimResult = { result: 'pass', domain: 'example.com', selector: 's2026', headerB: 'AbCdEf12', steps: [] };

describe('formatAuthResults (RFC 8601 §2.2)', () => {
  it('writes spf, dkim and dmarc in order', () => {
    const value = formatAuthResults('mx1.example.org', {
      spf: { result: 'pass', mailfrom: 'example.com' },
      dkim: [pass],
      dmarc: { result: 'pass', fromDomain: 'example.com' },
    });
    expect(value).toBe('mx1.example.org; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com header.s=s2026 header.b=AbCdEf12; dmarc=pass header.from=example.com');
  });

  it('writes dkim=none without signatures, reasons for failures, policy comments and helo', () => {
    expect(formatAuthResults('mx1.example.org', { dkim: [] })).toBe('mx1.example.org; dkim=none');
    const value = formatAuthResults('mx1.example.org', {
      spf: { result: 'none', helo: 'smtp.example.com' },
      dkim: [{ ...pass, result: 'fail', reason: 'body-hash-mismatch', headerB: 'Ab/cd+1=' }, { result: 'permerror', reason: 'no-key', domain: 'example.net', selector: 'sel' }],
      dmarc: { result: 'fail', fromDomain: 'example.com', policy: 'reject', disposition: 'quarantine' },
    });
    expect(value).toBe(
      'mx1.example.org; spf=none smtp.helo=smtp.example.com; ' +
        'dkim=fail reason="body hash did not verify" header.d=example.com header.s=s2026 header.b="Ab/cd+1="; ' +
        'dkim=permerror reason="no key for signature" header.d=example.net header.s=sel; ' +
        'dmarc=fail (p=reject dis=quarantine) header.from=example.com',
    );
  });

  it('keeps an address as mailfrom unquoted and quotes odd values', () => {
    expect(formatAuthResults('mx "1"', { spf: { result: 'pass', mailfrom: 'bounce+x=y@example.com' }, dkim: [] })).toBe(
      '"mx \\"1\\""; spf=pass smtp.mailfrom=bounce+x=y@example.com; dkim=none',
    );
  });
});

describe('parseAuthResults', () => {
  it('reads back what formatAuthResults writes', () => {
    const value = formatAuthResults('mx1.example.org', {
      spf: { result: 'softfail', mailfrom: 'alice@example.com' },
      dkim: [{ ...pass, result: 'fail', reason: 'signature-mismatch', headerB: 'Ab/cd+1=' }],
      dmarc: { result: 'fail', fromDomain: 'example.com', policy: 'quarantine' },
    });
    expect(parseAuthResults(value)).toEqual({
      ok: true,
      authservId: 'mx1.example.org',
      results: [
        { method: 'spf', result: 'softfail', props: { 'smtp.mailfrom': 'alice@example.com' }, comments: [] },
        { method: 'dkim', result: 'fail', reason: 'signature did not verify', props: { 'header.d': 'example.com', 'header.s': 's2026', 'header.b': 'Ab/cd+1=' }, comments: [] },
        { method: 'dmarc', result: 'fail', props: { 'header.from': 'example.com' }, comments: ['p=quarantine'] },
      ],
    });
  });

  it('reads real-world values: versions, comments, folding, unquoted base64, case', () => {
    const value = 'mx.google.com 1;\r\n       DKIM=pass (2048-bit key) header.i=@example.com header.s=s1 header.b=Xy/z+9Ab;\r\n       spf/1=pass (google.com: domain of a@example.com designates 192.0.2.1 as permitted sender) smtp.mailfrom=a@example.com;\r\n       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.com';
    const r = parseAuthResults(value);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.authservId).toBe('mx.google.com');
    expect(r.results.map((x) => [x.method, x.version, x.result])).toEqual([['dkim', undefined, 'pass'], ['spf', '1', 'pass'], ['dmarc', undefined, 'pass']]);
    expect(r.results[0].props).toEqual({ 'header.i': '@example.com', 'header.s': 's1', 'header.b': 'Xy/z+9Ab' });
    expect(r.results[0].comments).toEqual(['2048-bit key']);
    expect(r.results[2].comments).toEqual(['p=NONE sp=NONE dis=NONE']);
  });

  it('reads "none" and a semicolon inside a quoted reason', () => {
    expect(parseAuthResults('mx1.example.org; none')).toEqual({ ok: true, authservId: 'mx1.example.org', results: [] });
    const r = parseAuthResults('mx1.example.org; dkim=fail reason="a; b (c)" header.d=example.com');
    expect(r.ok && r.results[0]).toMatchObject({ reason: 'a; b (c)', props: { 'header.d': 'example.com' } });
  });

  it.each([
    ['', 'authserv-id'],
    ['mx1; dkim', 'method=result'],
    ['mx1; dkim=pass header.d', 'followed by'],
    ['mx1; dkim=pass reason="open', 'not closed'],
    ['mx1; dkim=pass (open comment', 'not closed'],
  ])('returns an error for %j', (value, words) => {
    const r = parseAuthResults(value);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.note.en).toContain(words);
      expect(r.note.de).not.toBe('');
    }
  });
});
