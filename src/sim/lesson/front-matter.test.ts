import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from './front-matter';

describe('splitFrontMatter', () => {
  it('keeps line numbers: line n of the YAML is line n of the file', () => {
    const r = splitFrontMatter('---\ntitle: A\nlevel: beginner\n---\n\nBody line\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.yaml.split('\n')[1]).toBe('title: A');
    expect(r.yaml.split('\n')[2]).toBe('level: beginner');
    expect(r.body).toBe('Body line\n');
    expect(r.bodyLine).toBe(5);
  });

  it.each([
    ['\uFEFF---\ntitle: A\n---\nB', true, 0],
    ['---\r\ntitle: A\r\n---\r\nB', true, 0],
    ['---\ntitle: A\n...\nB', true, 0],
    ['title: A\n---\nB', false, 1],
    ['---\ntitle: A\nno end', false, 3],
    ['', false, 1],
  ])('%j', (text, ok, line) => {
    const r = splitFrontMatter(text);
    expect(r.ok).toBe(ok);
    if (!r.ok) {
      expect(r.line).toBe(line);
      expect(r.message.de).toBeTruthy();
    }
  });
});
