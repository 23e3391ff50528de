import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { DEFAULT_MAX_BYTES } from '../sim/scenario/load';
import { decodeLzUriComponent } from './lz-uri-decode';
import { lessonHash, LINK_MAX_CHARS, parseLinkHash, scenarioHash, SCENARIO_MAX_BYTES } from './ShareLink';

const SCENARIO = `title: Busy for ten minutes
seed: 4
faults:
  - { kind: busy, target: mx1.example.org, from: 0s, for: 10m }
goals:
  - id: delivered
    check: { fate: delivered, to: bob@example.org, folder: INBOX }
`;

describe('decodeLzUriComponent', () => {
  it('reads what lz-string wrote, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const packed = compressToEncodedURIComponent(text);
        const decoded = decodeLzUriComponent(packed, 1_000_000);
        expect(decoded).toEqual(text === '' ? { ok: true, text: '' } : { ok: true, text });
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with lz-string on damaged input, or says why it refuses', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat(), (text, cut) => {
        const packed = compressToEncodedURIComponent(text);
        const damaged = packed.slice(0, cut % (packed.length + 1));
        const mine = decodeLzUriComponent(damaged, 1_000_000);
        const theirs = decompressFromEncodedURIComponent(damaged);
        if (mine.ok) expect(mine.text).toBe(theirs);
        else expect(['truncated', 'corrupt']).toContain(mine.problem);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses characters outside the alphabet', () => {
    expect(decodeLzUriComponent('abc<script>', 100)).toEqual({ ok: false, problem: 'alphabet' });
  });

  it('stops a decompression bomb before it grows', () => {
    const big = 'a'.repeat(2_000_000);
    const packed = compressToEncodedURIComponent(big);
    expect(packed.length).toBeLessThan(10_000);
    const t0 = performance.now();
    expect(decodeLzUriComponent(packed, 256 * 1024)).toEqual({ ok: false, problem: 'too-large' });
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('share links', () => {
  it('uses the scenario loader’s size limit', () => {
    expect(SCENARIO_MAX_BYTES).toBe(DEFAULT_MAX_BYTES);
  });

  it('round-trips a scenario and a seed through the hash', () => {
    const made = scenarioHash(SCENARIO, 12);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.hash).toMatch(/^#s=[A-Za-z0-9+\-$]+&seed=12$/);
    expect(parseLinkHash(made.hash)).toEqual({ kind: 'scenario', text: SCENARIO, seed: 12 });
    expect(parseLinkHash(scenarioHash(SCENARIO).ok ? (scenarioHash(SCENARIO) as { hash: string }).hash : '')).toEqual({ kind: 'scenario', text: SCENARIO, seed: undefined });
  });

  it('survives a chat program that turned + into a space or percent-encoded the link', () => {
    const made = scenarioHash('title: ü ö ä ß — ok\n'.repeat(20));
    if (!made.ok) throw new Error('not made');
    const spaced = made.hash.replace(/\+/g, ' ');
    expect(parseLinkHash(spaced)).toMatchObject({ kind: 'scenario' });
    const encoded = '#s=' + encodeURIComponent(made.hash.slice(3));
    expect(parseLinkHash(encoded)).toMatchObject({ kind: 'scenario' });
  });

  it('reads lesson links', () => {
    expect(parseLinkHash(lessonHash('fix-spf', 7))).toEqual({ kind: 'lesson', id: 'fix-spf', seed: 7 });
    expect(parseLinkHash('#lesson=../../etc')).toMatchObject({ kind: 'error', problem: 'bad-lesson' });
  });

  it('says why a bad link cannot be opened', () => {
    expect(parseLinkHash('')).toEqual({ kind: 'none' });
    expect(parseLinkHash('#s=')).toMatchObject({ kind: 'error', problem: 'empty' });
    expect(parseLinkHash('#s=%E0%A4%A')).toMatchObject({ kind: 'error', problem: 'alphabet' });
    expect(parseLinkHash('#s=<img src=x onerror=alert(1)>')).toMatchObject({ kind: 'error', problem: 'alphabet' });
    expect(parseLinkHash('#s=' + 'A'.repeat(LINK_MAX_CHARS + 1))).toMatchObject({ kind: 'error', problem: 'link-too-long' });
    expect(parseLinkHash('#s=A')).toMatchObject({ kind: 'error', problem: 'truncated' });
    expect(parseLinkHash('#s=' + compressToEncodedURIComponent(SCENARIO).slice(0, 20))).toMatchObject({ kind: 'error' });
    expect(parseLinkHash('#s=' + compressToEncodedURIComponent('x'.repeat(300 * 1024)))).toMatchObject({ kind: 'error', problem: 'too-large' });
    // Under the limit in UTF-16 units, over it in UTF-8 bytes.
    expect(parseLinkHash('#s=' + compressToEncodedURIComponent('€'.repeat(100 * 1024)))).toMatchObject({ kind: 'error', problem: 'too-large' });
    expect(parseLinkHash('#s=' + compressToEncodedURIComponent('   \n'))).toMatchObject({ kind: 'error', problem: 'empty' });
    expect(parseLinkHash(`#s=${compressToEncodedURIComponent(SCENARIO)}&seed=-3`)).toMatchObject({ kind: 'error', problem: 'bad-seed' });
    expect(parseLinkHash(`#s=${compressToEncodedURIComponent(SCENARIO)}&seed=99999999999`)).toMatchObject({ kind: 'error', problem: 'bad-seed' });
  });

  it('refuses to make a link for an empty or oversize scenario', () => {
    expect(scenarioHash('  ')).toEqual({ ok: false, problem: 'empty' });
    expect(scenarioHash('x'.repeat(SCENARIO_MAX_BYTES + 1))).toEqual({ ok: false, problem: 'too-large' });
    expect(scenarioHash(SCENARIO, 1.5)).toEqual({ ok: false, problem: 'bad-seed' });
  });
});
