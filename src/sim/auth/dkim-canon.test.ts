import { describe, expect, it } from 'vitest';
import {
  canonicalBodyOctets,
  canonicalizeBody,
  canonicalizeHeader,
  headerHashInput,
  parseCanon,
  selectSignedHeaders,
  splitRawMessage,
  stripSignatureValue,
  toCrlf,
} from './dkim-canon';

// RFC 6376 §3.4.5, the worked example.
const EXAMPLE = 'A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n';

describe('splitRawMessage', () => {
  it('keeps folded fields whole and finds the body after the empty line', () => {
    const m = splitRawMessage(EXAMPLE);
    expect(m.headers.map((h) => h.name)).toEqual(['A', 'B']);
    expect(m.headers[1].raw).toBe('B : Y\t\r\n\tZ  ');
    expect(m.headers[1].value).toBe(' Y\t\r\n\tZ  ');
    expect(m.body).toBe(' C \r\nD \t E\r\n\r\n\r\n');
  });

  it('accepts bare LF line ends and messages without a body', () => {
    expect(toCrlf('a\nb\r\nc')).toBe('a\r\nb\r\nc');
    const m = splitRawMessage('From: a@example.com\nSubject: hi\n');
    expect(m.headers.map((h) => h.raw)).toEqual(['From: a@example.com', 'Subject: hi']);
    expect(m.body).toBe('');
  });

  it('keeps a line without a colon as a field that matches no name', () => {
    const m = splitRawMessage('From a@example.com Thu\r\nFrom: a@example.com\r\n\r\nx\r\n');
    expect(m.headers).toHaveLength(2);
    expect(m.headers[0].value).toBe('');
  });
});

describe('canonicalisation (RFC 6376 §3.4.5 example)', () => {
  const m = splitRawMessage(EXAMPLE);
  it('relaxed header: lowercase names, unfolded, whitespace reduced', () => {
    expect(m.headers.map((h) => canonicalizeHeader(h, 'relaxed')).join('')).toBe('a:X\r\nb:Y Z\r\n');
  });
  it('simple header: unchanged', () => {
    expect(m.headers.map((h) => canonicalizeHeader(h, 'simple')).join('')).toBe('A: X\r\nB : Y\t\r\n\tZ  \r\n');
  });
  it('relaxed body', () => {
    expect(canonicalizeBody(m.body, 'relaxed')).toBe(' C\r\nD E\r\n');
  });
  it('simple body', () => {
    expect(canonicalizeBody(m.body, 'simple')).toBe(' C \r\nD \t E\r\n');
  });
});

describe('canonicalizeBody edge cases', () => {
  it.each([
    ['', 'simple', '\r\n'],
    ['', 'relaxed', ''],
    ['\r\n\r\n', 'simple', '\r\n'],
    ['\r\n \r\n', 'relaxed', ''],
    ['no newline', 'simple', 'no newline\r\n'],
    ['trailing  \t', 'relaxed', 'trailing\r\n'],
  ] as const)('%j with %s → %j', (body, algo, expected) => {
    expect(canonicalizeBody(body, algo)).toBe(expected);
  });

  it('counts l= in UTF-8 octets and truncates to it', () => {
    const b = canonicalBodyOctets('Grüße\r\n', 'simple', 3);
    expect(b.fullLength).toBe(9);
    expect(Array.from(b.octets)).toEqual([0x47, 0x72, 0xc3]);
    expect(canonicalBodyOctets('Grüße\r\n', 'simple', 99).octets.length).toBe(9);
  });
});

describe('parseCanon', () => {
  it.each([
    [undefined, { header: 'simple', body: 'simple' }],
    ['relaxed', { header: 'relaxed', body: 'simple' }],
    ['Relaxed/Relaxed', { header: 'relaxed', body: 'relaxed' }],
    ['simple/relaxed', { header: 'simple', body: 'relaxed' }],
    ['loose', null],
    ['relaxed/relaxed/x', null],
  ])('%s', (c, expected) => {
    expect(parseCanon(c)).toEqual(expected);
  });
});

describe('selectSignedHeaders (RFC 6376 §5.4.2)', () => {
  const m = splitRawMessage('Received: one\r\nSubject: first\r\nReceived: two\r\nSubject: second\r\nFrom: a@example.com\r\n\r\n');
  it('takes instances from the bottom up, one per mention', () => {
    const picked = selectSignedHeaders(m.headers, ['subject', 'from', 'Subject']);
    expect(picked.map((h) => h.raw)).toEqual(['Subject: second', 'From: a@example.com', 'Subject: first']);
  });
  it('selects nothing for a mention beyond the last instance (over-signing)', () => {
    expect(selectSignedHeaders(m.headers, ['from', 'from', 'to']).map((h) => h.raw)).toEqual(['From: a@example.com']);
  });
});

describe('stripSignatureValue and headerHashInput (RFC 6376 §3.7)', () => {
  const sig = splitRawMessage('DKIM-Signature: v=1; a=rsa-sha256; bh=AAAA;\r\n\tb=abc/+=\r\n\t def=\r\n\r\n').headers[0];
  it('removes the b= value with its folding, keeps bh=', () => {
    expect(stripSignatureValue(sig).raw).toBe('DKIM-Signature: v=1; a=rsa-sha256; bh=AAAA;\r\n\tb=');
  });
  it('hashes the signature field last, without CRLF', () => {
    const from = splitRawMessage('From: A <a@example.com>\r\n').headers;
    expect(headerHashInput(from, sig, 'relaxed').text).toBe('from:A <a@example.com>\r\ndkim-signature:v=1; a=rsa-sha256; bh=AAAA; b=');
    expect(headerHashInput(from, sig, 'simple').text).toBe('From: A <a@example.com>\r\nDKIM-Signature: v=1; a=rsa-sha256; bh=AAAA;\r\n\tb=');
  });
  it('finds b= wherever it stands', () => {
    const first = splitRawMessage('DKIM-Signature:b=xyz; v=1\r\n').headers[0];
    expect(stripSignatureValue(first).raw).toBe('DKIM-Signature:b=; v=1');
  });
});
