import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_REPLY_ACCUMULATOR, feedReplyLine, formatReply, isEnhancedCode, isPermanent, isPositive, isTransient,
  parseEhloReply, parseReply, parseReplyLine, replyClass, replyText, type Reply, type ReplyAccumulator,
} from './smtp-reply';

// The EHLO reply recorded from Postfix 3.7 (shared/REAL-REPLIES.md).
const POSTFIX_EHLO = [
  '250-mail.example.org', '250-PIPELINING', '250-SIZE 10240000', '250-VRFY', '250-ETRN', '250-STARTTLS',
  '250-ENHANCEDSTATUSCODES', '250-8BITMIME', '250-DSN', '250-SMTPUTF8', '250 CHUNKING',
];

describe('formatReply', () => {
  it.each<[Reply, string[]]>([
    [{ code: 250, enhanced: '2.0.0', lines: ['Ok'] }, ['250 2.0.0 Ok']],
    [{ code: 220, lines: ['mail.example.org ESMTP Postfix'] }, ['220 mail.example.org ESMTP Postfix']],
    [{ code: 501, lines: ['Syntax: EHLO hostname'] }, ['501 Syntax: EHLO hostname']],
    [{ code: 334, lines: [''] }, ['334 ']],
    [{ code: 334, lines: [] }, ['334 ']],
    [{ code: 250, enhanced: '2.0.0', lines: [''] }, ['250 2.0.0']],
    [{ code: 250, lines: ['mail.example.org', 'PIPELINING', 'SIZE 10240000'] }, ['250-mail.example.org', '250-PIPELINING', '250 SIZE 10240000']],
    [{ code: 550, enhanced: '5.7.1', lines: ['first', 'second'] }, ['550-5.7.1 first', '550 5.7.1 second']],
    [{ code: 554, enhanced: '5.7.1', lines: ['one\ntwo'] }, ['554-5.7.1 one', '554 5.7.1 two']],
  ])('%j', (reply, wire) => {
    expect(formatReply(reply)).toEqual(wire);
  });
});

describe('parseReplyLine', () => {
  it.each([
    ['250-PIPELINING', { code: 250, text: 'PIPELINING', last: false }],
    ['250-8BITMIME', { code: 250, text: '8BITMIME', last: false }],
    ['250 2.1.0 Ok', { code: 250, enhanced: '2.1.0', text: 'Ok', last: true }],
    ['550 5.1.1 <x@example.org>: Recipient address rejected', { code: 550, enhanced: '5.1.1', text: '<x@example.org>: Recipient address rejected', last: true }],
    ['556 5.1.10 <x@example.net>: no mail', { code: 556, enhanced: '5.1.10', text: '<x@example.net>: no mail', last: true }],
    ['250', { code: 250, text: '', last: true }],
    ['250-', { code: 250, text: '', last: false }],
    ['334 ', { code: 334, text: '', last: true }],
    ['334 VXNlcm5hbWU6', { code: 334, text: 'VXNlcm5hbWU6', last: true }],
    ['250 2.0.0', { code: 250, enhanced: '2.0.0', text: '', last: true }],
    ['450 5.1.1 class does not match', { code: 450, text: '5.1.1 class does not match', last: true }],
    ['250 2.0.0x', { code: 250, text: '2.0.0x', last: true }],
    ['221 2.0.0 Bye\r\n', { code: 221, enhanced: '2.0.0', text: 'Bye', last: true }],
  ])('%j', (line, parsed) => {
    expect(parseReplyLine(line)).toEqual(parsed);
  });

  it.each(['', 'hello', '25 x', '600 x', '199 x', '2500 x', '250x', '-ERR nope', '* OK'])('%j is no reply line', (line) => {
    expect(parseReplyLine(line)).toBeUndefined();
  });
});

describe('feedReplyLine', () => {
  it('folds the recorded EHLO reply into one Reply', () => {
    let acc: ReplyAccumulator = EMPTY_REPLY_ACCUMULATOR;
    const kinds: string[] = [];
    let reply: Reply | undefined;
    for (const line of POSTFIX_EHLO) {
      const step = feedReplyLine(acc, line);
      kinds.push(step.kind);
      if (step.kind === 'reply') reply = step.reply;
      acc = step.acc;
    }
    expect(kinds).toEqual([...Array(10).fill('more'), 'reply']);
    expect(reply).toEqual({ code: 250, lines: POSTFIX_EHLO.map((l) => l.slice(4)) });
    expect(acc).toBe(EMPTY_REPLY_ACCUMULATOR);
  });

  it('gives an error when a continuation changes the code (RFC 5321 §4.2.1)', () => {
    const first = feedReplyLine(EMPTY_REPLY_ACCUMULATOR, '250-one');
    expect(feedReplyLine(first.acc, '550 two')).toEqual({ kind: 'error', reason: 'code-mismatch', line: '550 two', acc: EMPTY_REPLY_ACCUMULATOR });
  });

  it('gives an error for a line that is no reply', () => {
    expect(feedReplyLine(EMPTY_REPLY_ACCUMULATOR, 'garbage').kind).toBe('error');
  });

  it('keeps enhanced codes of a multi-line reply once', () => {
    expect(parseReply(['550-5.7.1 first', '550 5.7.1 second'])).toEqual({ code: 550, enhanced: '5.7.1', lines: ['first', 'second'] });
  });

  it.each([[[]], [['250-a']], [['250 a', '250 b']]])('parseReply(%j) is undefined when not exactly one reply', (lines) => {
    expect(parseReply(lines)).toBeUndefined();
  });

  it('parseReply(formatReply(r)) gives r back', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '.', '<', '>', ':', 'ä', '1', '-') })
      .filter((t) => !/^[245]\.\d/.test(t));
    // RFC 5321 §4.2: first digit 2-5, second 0-5.
    const code = fc.tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.nat(9)).map(([a, b, c]) => a * 100 + b * 10 + c);
    const reply = code.chain((code) => fc.record({
      code: fc.constant(code),
      // RFC 3463 §3.1: enhanced codes exist for classes 2, 4 and 5 only.
      enhanced: code >= 300 && code < 400 ? fc.constant(undefined)
        : fc.option(fc.tuple(fc.nat(7), fc.nat(30)).map(([s, d]) => `${Math.floor(code / 100)}.${s}.${d}`), { nil: undefined }),
      lines: fc.array(text, { minLength: 1, maxLength: 5 }),
    })).map((r) => (r.enhanced === undefined ? { code: r.code, lines: r.lines } : r) as Reply);
    fc.assert(fc.property(reply, (r) => {
      expect(parseReply(formatReply(r))).toEqual(r);
    }));
  });
});

describe('reply classes (RFC 5321 §4.2.1)', () => {
  it.each([
    [250, 'positive'], [354, 'intermediate'], [421, 'transient'], [554, 'permanent'], [199, 'unknown'], [600, 'unknown'], [250.5, 'unknown'],
  ])('%i is %s', (code, cls) => {
    expect(replyClass(code)).toBe(cls);
  });

  it('has shortcuts', () => {
    expect([isPositive({ code: 250 }), isTransient({ code: 451 }), isPermanent({ code: 550 }), isTransient({ code: 550 })]).toEqual([true, true, true, false]);
  });

  it.each([['5.1.1', true], ['4.7.26', true], ['2.0.0', true], ['3.0.0', false], ['5.1', false], ['5.1.1 x', false], ['5.1000.1', false]])(
    'isEnhancedCode(%j) is %s', (text, ok) => {
      expect(isEnhancedCode(text)).toBe(ok);
    },
  );
});

describe('EHLO', () => {
  it('reads the keywords of the recorded reply', () => {
    const info = parseEhloReply(parseReply(POSTFIX_EHLO)!);
    expect(info?.domain).toBe('mail.example.org');
    expect(info?.keywords.SIZE).toEqual(['10240000']);
    expect(Object.keys(info?.keywords ?? {})).toContain('STARTTLS');
  });

  it('reads AUTH mechanisms', () => {
    expect(parseEhloReply({ code: 250, lines: ['smtp.example.com', 'auth PLAIN LOGIN'] })?.keywords.AUTH).toEqual(['PLAIN', 'LOGIN']);
    expect(parseEhloReply({ code: 502, lines: ['x'] })).toBeUndefined();
  });

  it('replyText joins the lines', () => {
    expect(replyText({ code: 250, lines: ['a', 'b'] })).toBe('a\nb');
  });
});
