/**
 * Share links: a scenario travels in the page address, compressed with lz-string into the hash
 * (`#s=…`, optionally `&seed=7` for one student's variant), and a lesson link names a lesson
 * (`#lesson=fix-spf&seed=7`). What comes from a link is untrusted: the compressed text and the
 * decompressed text are both measured before anything parses them, and every problem is a value
 * the page can explain, never an exception.
 */
import { compressToEncodedURIComponent } from 'lz-string';
import { decodeLzUriComponent } from './lz-uri-decode';

/** SCENARIO_MAX_BYTES: the scenario loader's size limit (256 KiB of UTF-8, the core's DEFAULT_MAX_BYTES). */
export const SCENARIO_MAX_BYTES = 256 * 1024;

/** LINK_MAX_CHARS: the longest compressed scenario a link may carry. */
export const LINK_MAX_CHARS = 256 * 1024;

/** LINK_WARN_CHARS: above this length some chats and mail programs cut links; the page warns. */
export const LINK_WARN_CHARS = 8000;

/** ShareProblem: why a link could not be opened or made. */
export type ShareProblem = 'link-too-long' | 'alphabet' | 'truncated' | 'corrupt' | 'too-large' | 'empty' | 'bad-seed' | 'bad-lesson';

/** LinkTarget: what a page address asks to open. */
export type LinkTarget =
  | { kind: 'none' }
  | { kind: 'scenario'; text: string; seed?: number }
  | { kind: 'lesson'; id: string; seed?: number }
  | { kind: 'error'; problem: ShareProblem; detail?: string };

/** utf8Length counts the bytes a text takes in UTF-8. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** isSeed tells whether a value can be a student's seed: a whole number from 0 to 2^32−1 (as a scenario's `seed`). */
export function isSeed(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= 0xffffffff;
}

function hashFields(hash: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (!fields.has(key)) fields.set(key, eq < 0 ? '' : part.slice(eq + 1));
  }
  return fields;
}

function percentDecoded(value: string): string | undefined {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * parseLinkHash reads a page address's hash: a shared scenario (checked for size before and
 * after decompression), a lesson, or nothing. The decompressed text is not parsed here: it goes
 * to the scenario loader like any file.
 */
export function parseLinkHash(hash: string, limits = { linkChars: LINK_MAX_CHARS, textBytes: SCENARIO_MAX_BYTES }): LinkTarget {
  const fields = hashFields(hash);
  let seed: number | undefined;
  if (fields.has('seed')) {
    const raw = fields.get('seed') ?? '';
    const n = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
    if (!isSeed(n)) return { kind: 'error', problem: 'bad-seed', detail: raw.slice(0, 40) };
    seed = n;
  }
  if (fields.has('s')) {
    const raw = fields.get('s') ?? '';
    if (raw.length > limits.linkChars * 3) return { kind: 'error', problem: 'link-too-long' };
    const packed = percentDecoded(raw);
    if (packed === undefined) return { kind: 'error', problem: 'alphabet' };
    if (packed.length > limits.linkChars) return { kind: 'error', problem: 'link-too-long' };
    if (packed.length === 0) return { kind: 'error', problem: 'empty' };
    const decoded = decodeLzUriComponent(packed, limits.textBytes);
    if (!decoded.ok) return { kind: 'error', problem: decoded.problem };
    if (decoded.text.trim() === '') return { kind: 'error', problem: 'empty' };
    if (utf8Length(decoded.text) > limits.textBytes) return { kind: 'error', problem: 'too-large' };
    return { kind: 'scenario', text: decoded.text, seed };
  }
  if (fields.has('lesson')) {
    const id = percentDecoded(fields.get('lesson') ?? '') ?? '';
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) return { kind: 'error', problem: 'bad-lesson', detail: id.slice(0, 40) };
    return { kind: 'lesson', id, seed };
  }
  return { kind: 'none' };
}

/** ShareHash: a hash to put after a page address, with its length; or why it cannot be made. */
export type ShareHash = { ok: true; hash: string; chars: number; long: boolean } | { ok: false; problem: ShareProblem };

/** scenarioHash builds `#s=…[&seed=n]` for a scenario text, refusing texts over the loader's limit. */
export function scenarioHash(text: string, seed?: number, limits = { linkChars: LINK_MAX_CHARS, textBytes: SCENARIO_MAX_BYTES }): ShareHash {
  if (text.trim() === '') return { ok: false, problem: 'empty' };
  if (utf8Length(text) > limits.textBytes) return { ok: false, problem: 'too-large' };
  if (seed !== undefined && !isSeed(seed)) return { ok: false, problem: 'bad-seed' };
  const packed = compressToEncodedURIComponent(text);
  if (packed.length > limits.linkChars) return { ok: false, problem: 'link-too-long' };
  const hash = `#s=${packed}${seed !== undefined ? `&seed=${seed}` : ''}`;
  return { ok: true, hash, chars: hash.length, long: hash.length > LINK_WARN_CHARS };
}

/** lessonHash builds `#lesson=id[&seed=n]`. */
export function lessonHash(id: string, seed?: number): string {
  return `#lesson=${encodeURIComponent(id)}${seed !== undefined && isSeed(seed) ? `&seed=${seed}` : ''}`;
}
