import { describe, expect, it } from 'vitest';
import { header, parseMessage, toEml, traceToJsonLines, undotData } from './message';
import { formatAbsolute, formatDuration, formatElapsed } from './clock';
import { sampleTrace } from './test-trace';

describe('messages', () => {
  it('parses headers with folding and the body', () => {
    const m = parseMessage('Received: from a\r\n\tby b\r\nSubject: Hi\r\n\r\nHello\r\n');
    expect(m.headers).toEqual([{ name: 'Received', value: 'from a by b' }, { name: 'Subject', value: 'Hi' }]);
    expect(header(m, 'subject')).toBe('Hi');
    expect(m.body).toBe('Hello\n');
  });

  it('undoes dot-stuffing and drops the terminator', () => {
    expect(undotData('Subject: x\r\n\r\n..hidden\r\n.\r\n')).toBe('Subject: x\r\n\r\n.hidden\r\n');
  });

  it('writes .eml with CRLF and the trace as JSON lines', () => {
    expect(toEml('a\nb')).toBe('a\r\nb\r\n');
    const lines = traceToJsonLines(sampleTrace()).trim().split('\n');
    expect(lines).toHaveLength(sampleTrace().length);
    expect(JSON.parse(lines[3]).line).toContain('220');
    expect(traceToJsonLines([])).toBe('');
  });
});

describe('clock', () => {
  it('formats elapsed time and durations', () => {
    expect(formatElapsed(1250)).toBe('0:00:01.250');
    expect(formatElapsed(2 * 86_400_000 + 3_723_000)).toBe('2 d 01:02:03');
    expect(formatDuration(300_000)).toBe('5 min');
    expect(formatDuration(250)).toBe('250 ms');
  });
  it('formats the absolute date in UTC', () => {
    expect(formatAbsolute(Date.UTC(2026, 2, 2, 9, 0, 0), 1000, 'en-GB')).toContain('09:00:01');
    expect(formatAbsolute(Number.NaN, 0, 'en')).toBe('');
  });
});
