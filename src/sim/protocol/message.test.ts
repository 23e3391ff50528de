import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWellFormedText } from './bytes';
import {
  buildMessage, decodeHeaderWords, encodeHeaderWord, foldHeader, formatDate, getHeader, getHeaders, messageId, parseDate,
  parseHeaders, prependHeader, receivedHeader, splitMessage, unfold,
} from './message';

const NOV27 = Date.UTC(2026, 10, 27, 9, 0, 0);

describe('formatDate (RFC 5322 §3.3)', () => {
  it.each([
    [0, 0, 'Thu, 01 Jan 1970 00:00:00 +0000'],
    [NOV27, 0, 'Fri, 27 Nov 2026 09:00:00 +0000'],
    [NOV27, 60, 'Fri, 27 Nov 2026 10:00:00 +0100'],
    [NOV27, -330, 'Fri, 27 Nov 2026 03:30:00 -0530'],
    [Date.UTC(2028, 1, 29, 23, 59, 59, 999), 0, 'Tue, 29 Feb 2028 23:59:59 +0000'],
    [NOV27, 600, 'Fri, 27 Nov 2026 19:00:00 +1000'],
    [Date.UTC(2026, 11, 31, 23, 30), 60, 'Fri, 01 Jan 2027 00:30:00 +0100'],
    [Number.NaN, 0, 'Thu, 01 Jan 1970 00:00:00 +0000'],
    [Number.POSITIVE_INFINITY, 0, 'Thu, 01 Jan 1970 00:00:00 +0000'],
  ])('formatDate(%d, %d)', (ms, offset, text) => {
    expect(formatDate(ms, offset)).toBe(text);
  });

  it('agrees with toUTCString for any time', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
      expect(formatDate(ms)).toBe(new Date(ms).toUTCString().replace('GMT', '+0000'));
    }));
  });

  it('parseDate reads back what formatDate writes, to the second', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.integer({ min: -720, max: 840 }), (ms, offset) => {
      expect(parseDate(formatDate(ms, offset))).toBe(Math.floor(ms / 1000) * 1000);
    }));
  });

  it.each([
    ['Fri, 27 Nov 2026 09:00:00 +0000 (UTC)', NOV27],
    ['27 Nov 2026 10:00 +0100', NOV27],
    ['Fri, 27 Nov 26 09:00:00 GMT', NOV27],
    ['Fri, 27 nov 2026 04:00:00 EST', NOV27],
    ['Fri,  7 Nov 2026 09:00:00 +0000', Date.UTC(2026, 10, 7, 9)],
    ['yesterday', undefined],
    ['Fri, 27 Foo 2026 09:00:00 +0000', undefined],
  ])('parseDate(%j)', (text, ms) => {
    expect(parseDate(text)).toBe(ms);
  });
});

describe('header fields', () => {
  const raw = 'Received: from a\r\n\tby b; Fri, 27 Nov 2026 09:00:00 +0000\r\nFrom: Alice <alice@example.com>\r\n'
    + 'Subject: long\r\n subject\r\nX-Empty:\r\nnot a field\r\nReceived: from c\r\n\r\nBody: not a header\r\n';

  it('splitMessage cuts at the first empty line', () => {
    const { header, body } = splitMessage(raw);
    expect(body).toBe('Body: not a header\r\n');
    expect(`${header}\r\n${body}`).toBe(raw);
    expect(splitMessage('\r\nonly body')).toEqual({ header: '', body: 'only body' });
    expect(splitMessage('A: b\r\n')).toEqual({ header: 'A: b\r\n', body: '' });
  });

  it('parseHeaders unfolds and keeps the raw text', () => {
    expect(parseHeaders(raw)).toEqual([
      { name: 'Received', value: 'from a\tby b; Fri, 27 Nov 2026 09:00:00 +0000', raw: 'Received: from a\r\n\tby b; Fri, 27 Nov 2026 09:00:00 +0000' },
      { name: 'From', value: 'Alice <alice@example.com>', raw: 'From: Alice <alice@example.com>' },
      { name: 'Subject', value: 'long subject', raw: 'Subject: long\r\n subject' },
      { name: 'X-Empty', value: '', raw: 'X-Empty:' },
      { name: 'Received', value: 'from c', raw: 'Received: from c' },
    ]);
  });

  it.each([
    ['subject', 'long subject'],
    ['FROM', 'Alice <alice@example.com>'],
    ['Body', undefined],
    ['Cc', undefined],
  ])('getHeader(raw, %j)', (name, value) => {
    expect(getHeader(raw, name)).toBe(value);
  });

  it('getHeaders gives every Received, newest first', () => {
    expect(getHeaders(raw, 'received')).toEqual(['from a\tby b; Fri, 27 Nov 2026 09:00:00 +0000', 'from c']);
  });

  it.each([
    ['Subject', 'short', 'Subject: short'],
    ['To', 'a@example.org, b@example.org', 'To: a@example.org, b@example.org'],
    ['X-Long', 'x'.repeat(100), `X-Long: ${'x'.repeat(100)}`],
    ['Subject', `${'word '.repeat(20)}end`, `Subject: ${'word '.repeat(13)}word\r\n ${'word '.repeat(6)}end`],
  ])('foldHeader(%j, …) (%#)', (name, value, folded) => {
    expect(foldHeader(name, value)).toBe(folded);
  });

  it('unfolds to what was folded, with lines of at most 78 characters', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'ö', ',', '<', '>'), minLength: 1, maxLength: 20 });
    const value = fc.array(word, { minLength: 1, maxLength: 30 }).map((ws) => ws.join(' '));
    fc.assert(fc.property(value, (v) => {
      const folded = foldHeader('Subject', v);
      expect(unfold(folded)).toBe(`Subject: ${v}`);
      for (const l of folded.split('\r\n')) {
        expect(l.length).toBeLessThanOrEqual(78);
        expect(l.trim()).not.toBe('');
      }
    }));
  });

  it('prependHeader puts a field on top', () => {
    expect(prependHeader('A: b\r\n\r\nbody', 'Return-Path', '<>')).toBe('Return-Path: <>\r\nA: b\r\n\r\nbody');
  });

  it('messageId writes angle brackets', () => {
    expect(messageId('20261127.4ABC123', 'smtp.example.com')).toBe('<20261127.4ABC123@smtp.example.com>');
  });
});

describe('encoded words (RFC 2047)', () => {
  it.each([
    ['Hello Bob', 'Hello Bob'],
    ['Grüße aus Köln', '=?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?='],
    ['=?not encoded?=', '=?UTF-8?B?PT9ub3QgZW5jb2RlZD89?='],
  ])('encodeHeaderWord(%j)', (text, encoded) => {
    expect(encodeHeaderWord(text)).toBe(encoded);
  });

  it('splits long text into words of at most 75 characters without cutting a character', () => {
    const words = encodeHeaderWord('Grüße '.repeat(30) + '😀'.repeat(20)).split(' ');
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) {
      expect(w.length).toBeLessThanOrEqual(75);
      expect(decodeHeaderWords(w)).not.toContain('\ufffd');
    }
  });

  it.each([
    ['=?ISO-8859-1?Q?Gr=FC=DFe?=', 'Grüße'],
    ['=?utf-8?q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?=', 'Grüße aus Köln'],
    ['=?UTF-8?B?R3LDvA==?= =?UTF-8?B?w59l?=', 'Grüße'],
    ['Re: =?UTF-8?B?R3LDvMOfZQ==?= und mehr', 'Re: Grüße und mehr'],
    ['=?KOI8-R?B?8NLJ18XU?=', '=?KOI8-R?B?8NLJ18XU?='],
    ['=?UTF-8?B?not*base64?=', '=?UTF-8?B?not*base64?='],
    ['plain', 'plain'],
  ])('decodeHeaderWords(%j)', (value, text) => {
    expect(decodeHeaderWords(value)).toBe(text);
  });

  it('decodes what it encodes', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }).filter(isWellFormedText), (s) => {
      expect(decodeHeaderWords(encodeHeaderWord(s))).toBe(s);
    }));
  });
});

describe('buildMessage', () => {
  const base = {
    from: 'Alice <alice@example.com>', to: ['bob@example.org'], subject: 'Hello Bob', body: 'Hi Bob,\n.see you\n',
    date: 'Fri, 27 Nov 2026 09:00:00 +0000', messageId: '20261127.1@example.com',
  };

  it('writes a plain-text message with CRLF', () => {
    expect(buildMessage(base)).toBe([
      'Date: Fri, 27 Nov 2026 09:00:00 +0000', 'From: Alice <alice@example.com>', 'To: bob@example.org', 'Subject: Hello Bob',
      'Message-ID: <20261127.1@example.com>', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 7bit', '', 'Hi Bob,', '.see you', '',
    ].join('\r\n'));
  });

  it('encodes non-ASCII names and subjects and sends the body as 8bit', () => {
    const raw = buildMessage({ ...base, from: '"Jürgen Müller" <juergen@example.com>', cc: ['Zoë <zoe@example.net>', 'carol@example.net'], subject: 'Grüße', body: 'Schöne Grüße' });
    expect(getHeader(raw, 'From')).toBe('=?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <juergen@example.com>');
    expect(decodeHeaderWords(getHeader(raw, 'Cc') ?? '')).toBe('Zoë <zoe@example.net>, carol@example.net');
    expect(decodeHeaderWords(getHeader(raw, 'Subject') ?? '')).toBe('Grüße');
    expect(getHeader(raw, 'Content-Transfer-Encoding')).toBe('8bit');
    expect(splitMessage(raw).body).toBe('Schöne Grüße\r\n');
    expect(raw).not.toMatch(/[^\r]\n/);
  });

  it('folds a long To list and keeps extra headers, replacing the default MIME fields', () => {
    const to = Array.from({ length: 8 }, (_, i) => `person${i}@example.org`);
    const raw = buildMessage({ ...base, to, headers: [['User-Agent', 'SMTP Lab Mail 1.0'], ['Content-Type', 'text/plain; charset=utf-8']] });
    expect(splitMessage(raw).header.split('\r\n').every((l) => l.length <= 78)).toBe(true);
    expect(getHeader(raw, 'To')).toBe(to.join(', '));
    expect(getHeaders(raw, 'Content-Type')).toEqual(['text/plain; charset=utf-8']);
    expect(getHeader(raw, 'MIME-Version')).toBeUndefined();
    expect(getHeader(raw, 'User-Agent')).toBe('SMTP Lab Mail 1.0');
  });
});

describe('receivedHeader (Postfix layout)', () => {
  const date = 'Fri, 27 Nov 2026 09:00:00 +0000';

  it.each([
    [
      { fromHelo: 'alice-pc', fromHost: 'alice-pc', fromIp: '203.0.113.10', by: 'smtp.example.com', protocol: 'ESMTPSA' as const, id: '4ABC123', for: 'bob@example.org', date },
      `from alice-pc (alice-pc [203.0.113.10])\r\n\tby smtp.example.com (Postfix) with ESMTPSA id 4ABC123\r\n\tfor <bob@example.org>; ${date}`,
    ],
    [
      { fromHelo: 'smtp.example.com', fromIp: '2001:db8::25', by: 'mx1.example.org', protocol: 'ESMTP' as const, id: '4XYZ', date },
      `from smtp.example.com (unknown [IPv6:2001:db8::25])\r\n\tby mx1.example.org (Postfix) with ESMTP id 4XYZ;\r\n\t${date}`,
    ],
    [
      { fromHelo: 'smtp.example.com', fromHost: 'smtp.example.com', fromIp: '198.51.100.5', by: 'mx1.example.org', protocol: 'ESMTPS' as const, id: '4T', for: 'bob@example.org', date, tls: 'TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)' },
      `from smtp.example.com (smtp.example.com [198.51.100.5])\r\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\r\n\t(No client certificate requested)\r\n\tby mx1.example.org (Postfix) with ESMTPS id 4T\r\n\tfor <bob@example.org>; ${date}`,
    ],
  ])('%#', (init, value) => {
    expect(receivedHeader(init)).toBe(value);
  });

  it('stacks on a message with prependHeader, newest first', () => {
    const first = receivedHeader({ fromHelo: 'alice-pc', fromHost: 'alice-pc', fromIp: '203.0.113.10', by: 'smtp.example.com', protocol: 'ESMTPSA', id: '1', for: 'bob@example.org', date });
    const second = receivedHeader({ fromHelo: 'smtp.example.com', fromHost: 'smtp.example.com', fromIp: '198.51.100.5', by: 'mx1.example.org', protocol: 'ESMTPS', id: '2', for: 'bob@example.org', date });
    const raw = prependHeader(prependHeader('Subject: x\r\n\r\nbody\r\n', 'Received', first), 'Received', second);
    expect(raw.startsWith('Received: from smtp.example.com (smtp.example.com [198.51.100.5])\r\n\tby mx1.example.org')).toBe(true);
    expect(getHeaders(raw, 'Received').map((v) => v.split(' ')[1])).toEqual(['smtp.example.com', 'alice-pc']);
  });
});
