import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { octets } from './bytes';
import {
  DATA_TERMINATOR, DataReader, dataPayload, dotStuff, dotUnstuff, feedDataLine, readDataLines, startDataRead,
  stuffLine, toCrlf, unstuffLine,
} from './dot-stuffing';

// Lines of CRLF text: no CR or LF inside, dots and umlauts likely.
const line = fc.string({ unit: fc.constantFrom('.', '.', 'a', ' ', 'ä', '😀', '\t', 'x'), maxLength: 12 });
const crlfText = fc.array(line, { maxLength: 8 }).map((lines) => lines.map((l) => `${l}\r\n`).join(''));

describe('dotStuff (RFC 5321 §4.5.2)', () => {
  it.each([
    ['', ''],
    ['a', 'a\r\n'],
    ['a\r\n', 'a\r\n'],
    ['.a\r\n', '..a\r\n'],
    ['.\r\n', '..\r\n'],
    ['..x', '...x\r\n'],
    ['a\n.\nb', 'a\r\n..\r\nb\r\n'],
    ['a\rb', 'a\r\nb\r\n'],
    ['a\r\n\r\n', 'a\r\n\r\n'],
    ['\r\n', '\r\n'],
    [' .not at start\r\n', ' .not at start\r\n'],
    ['Subject: x\r\n\r\n.hidden\r\nend', 'Subject: x\r\n\r\n..hidden\r\nend\r\n'],
  ])('%j → %j', (content, stuffed) => {
    expect(dotStuff(content)).toBe(stuffed);
  });

  it('leaves the terminator to the caller', () => {
    expect(DATA_TERMINATOR).toBe('.\r\n');
    expect(dataPayload('.')).toBe('..\r\n.\r\n');
    expect(dataPayload('')).toBe('.\r\n');
  });

  it('never produces a lone-dot line, so the message cannot end early', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('.', '\r', '\n', 'a') }), (s) => {
      expect(`\r\n${dotStuff(s)}`.includes('\r\n.\r\n')).toBe(false);
    }));
  });

  it('converts all line endings to CRLF', () => {
    expect(toCrlf('a\nb\rc\r\nd')).toBe('a\r\nb\r\nc\r\nd');
  });

  it('stuffs and unstuffs single lines', () => {
    expect([stuffLine('.x'), stuffLine('x'), unstuffLine('..x'), unstuffLine('x'), unstuffLine('.')]).toEqual(['..x', 'x', '.x', 'x', '']);
  });
});

describe('dotUnstuff', () => {
  it.each<[string | string[], string]>([
    ['', ''],
    ['..a\r\n', '.a\r\n'],
    ['..a\r\nb\r\n.\r\n', '.a\r\nb\r\n'],
    [['..a', 'b', '.'], '.a\r\nb\r\n'],
    [['..'], '.\r\n'],
    [[], ''],
    ['a', 'a\r\n'],
  ])('%j → %j', (stuffed, content) => {
    expect(dotUnstuff(stuffed)).toBe(content);
  });

  it('round-trips CRLF text: dotUnstuff(dotStuff(x)) === x', () => {
    fc.assert(fc.property(crlfText, (x) => {
      expect(dotUnstuff(dotStuff(x))).toBe(x);
      expect(dotUnstuff(dataPayload(x))).toBe(x);
    }), { numRuns: 500 });
  });

  it('adds the final CRLF to text without one', () => {
    fc.assert(fc.property(crlfText, line.filter((l) => l !== ''), (x, tail) => {
      expect(dotUnstuff(dotStuff(x + tail))).toBe(`${x}${tail}\r\n`);
    }));
  });
});

describe('reading DATA', () => {
  it('stops at the lone dot and ignores what follows (pipelined QUIT)', () => {
    const r = readDataLines(['Subject: x', '', '..hidden', 'Grüße', '.', 'QUIT']);
    expect(r.done).toBe(true);
    expect(r.content).toBe('Subject: x\r\n\r\n.hidden\r\nGrüße\r\n');
    expect(r.octets).toBe(octets(r.content));
    expect(r.lines).toBe(4);
  });

  it('is not done before the dot', () => {
    expect(readDataLines(['a', '..', '. ']).done).toBe(false);
  });

  it('measures the longest line (a 1500-octet body line is kept unchanged, as Postfix does)', () => {
    const long = 'x'.repeat(1500);
    const r = readDataLines(['short', long, '.']);
    expect(r.longestLine).toBe(1500);
    expect(r.content).toBe(`short\r\n${long}\r\n`);
  });

  it('keeps reading past the size limit but stops keeping the text', () => {
    const r = readDataLines(['12345678', '12345678', '12345678', '.'], 20);
    expect(r).toMatchObject({ done: true, tooBig: true, octets: 30, lines: 3, content: '12345678\r\n12345678\r\n' });
  });

  it('is pure: feeding does not change the earlier state', () => {
    const start = startDataRead();
    const next = feedDataLine(start, 'a');
    expect(start.content).toBe('');
    expect(next.content).toBe('a\r\n');
  });

  it('counts exactly what was stuffed, for any CRLF text', () => {
    fc.assert(fc.property(crlfText, (x) => {
      const wire = dataPayload(x).split('\r\n').slice(0, -1);
      const r = readDataLines(wire);
      expect(r.done).toBe(true);
      expect(r.content).toBe(x);
      expect(r.octets).toBe(octets(x));
    }), { numRuns: 300 });
  });

  it('DataReader wraps the fold for a machine', () => {
    const reader = new DataReader(100);
    expect(reader.push('..one')).toBe(false);
    expect(reader.push('two')).toBe(false);
    expect(reader.done).toBe(false);
    expect(reader.push('.')).toBe(true);
    expect(reader.done).toBe(true);
    expect(reader.content()).toBe('.one\r\ntwo\r\n');
    expect(reader.size).toBe(11);
    expect(reader.tooBig).toBe(false);
    expect(reader.snapshot().lines).toBe(2);
  });
});
