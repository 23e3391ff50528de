import { describe, expect, it } from 'vitest';
import { dataLines, fullReply, linesShown, transcripts, type TranscriptLine } from './transcript';
import { sampleTrace } from './test-trace';

describe('transcripts', () => {
  const trace = sampleTrace();
  const all = transcripts(trace);

  it('groups by connection with client, server, port and protocol', () => {
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ conn: 'c1', client: 'alice-pc', server: 'smtp.example.com', port: 587, proto: 'smtp', start: 0 });
  });

  it('keeps C:/S: lines in order with notes for TCP and TLS', () => {
    const lines = all[0].lines;
    expect(lines.map((l) => l.dir).join('')).toBe('--SCSCS--CCS-');
    expect(lines.find((l) => l.type === 'tls.step')?.text).toBe('ClientHello (SNI smtp.example.com)');
    expect(lines.find((l) => l.text.startsWith('AUTH'))?.tls).toBe(true);
    const reply = lines.find((l) => l.text.startsWith('250 2.0.0'));
    expect(reply).toMatchObject({ code: 250, enhanced: '2.0.0', dir: 'S' });
  });

  it('shows only the lines that have happened', () => {
    const tr = all[0];
    expect(linesShown(tr, 0)).toEqual([]);
    expect(linesShown(tr, 5).map((l) => l.text)).toContain('EHLO alice-pc');
    expect(linesShown(tr, 5).map((l) => l.text)).not.toContain('STARTTLS');
    expect(linesShown(tr, trace.length)).toBe(tr.lines);
  });

  it('joins the lines of a multi-line reply', () => {
    const l = (dir: 'C' | 'S', text: string): TranscriptLine => ({ index: 0, t: 0, type: 'smtp.reply', dir, text, tls: false });
    const lines = [l('C', 'EHLO a'), l('S', '250-mx.example.org'), l('S', '250-SIZE 10240000'), l('S', '250 CHUNKING'), l('S', '250 2.0.0 Ok')];
    expect(fullReply(lines, 3)).toBe('250-mx.example.org\n250-SIZE 10240000\n250 CHUNKING');
    expect(fullReply(lines, 4)).toBe('250 2.0.0 Ok');
  });

  it('splits DATA content into lines', () => {
    expect(dataLines('Subject: Hi\r\n\r\nbody\r\n.\r\n')).toEqual(['Subject: Hi', '', 'body', '.']);
  });
});
