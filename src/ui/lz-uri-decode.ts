/**
 * decodeLzUriComponent: the reverse of lz-string's `compressToEncodedURIComponent`, written to
 * stop early. lz-string's own decoder has no output limit, and a few kilobytes of hostile link can
 * ask it for gigabytes (each code may repeat the longest dictionary entry plus one character);
 * this one refuses characters outside the alphabet and gives up as soon as the text would pass
 * `maxChars`, so a shared link can never make the page run out of memory.
 *
 * The format (lz-string 1.5): 6 bits per character from the alphabet below, read most significant
 * bit first; codes are LZW-like, 2 bits wide at first, growing; code 0 and 1 bring a new 8- or
 * 16-bit character, code 2 ends the text.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

/** LzDecodeProblem: why a compressed text could not be decoded. */
export type LzDecodeProblem = 'alphabet' | 'truncated' | 'corrupt' | 'too-large';

/** LzDecodeResult: the text, or why there is none. */
export type LzDecodeResult = { ok: true; text: string } | { ok: false; problem: LzDecodeProblem };

/** decodeLzUriComponent decodes `input`, or says why not; the text never grows past `maxChars` UTF-16 units. */
export function decodeLzUriComponent(input: string, maxChars: number): LzDecodeResult {
  const s = input.replace(/ /g, '+');
  const values = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const v = VALUE.get(s[i]);
    if (v === undefined) return { ok: false, problem: 'alphabet' };
    values[i] = v;
  }
  if (s.length === 0) return { ok: false, problem: 'truncated' };

  let val = values[0];
  let position = 32;
  let index = 1;
  const bits = (n: number): number => {
    let out = 0;
    for (let power = 1, k = 0; k < n; k++, power *= 2) {
      const bit = val & position;
      position >>= 1;
      if (position === 0) {
        position = 32;
        val = index < values.length ? values[index] : 0;
        index++;
      }
      if (bit) out += power;
    }
    return out;
  };

  const dictionary: string[] = ['', '', ''];
  let enlargeIn = 4;
  let numBits = 3;
  const first = bits(2);
  if (first === 2) return { ok: true, text: '' };
  if (first !== 0 && first !== 1) return { ok: false, problem: 'corrupt' };
  let w = String.fromCharCode(bits(first === 0 ? 8 : 16));
  dictionary.push(w);
  const parts: string[] = [w];
  let length = w.length;

  for (;;) {
    if (index > s.length) return { ok: false, problem: 'truncated' };
    let c = bits(numBits);
    if (c === 2) return { ok: true, text: parts.join('') };
    if (c === 0 || c === 1) {
      dictionary.push(String.fromCharCode(bits(c === 0 ? 8 : 16)));
      c = dictionary.length - 1;
      enlargeIn--;
      if (enlargeIn === 0) {
        enlargeIn = 2 ** numBits;
        numBits++;
      }
    }
    let entry: string;
    if (c >= 3 && c < dictionary.length) entry = dictionary[c];
    else if (c === dictionary.length) entry = w + w[0];
    else return { ok: false, problem: 'corrupt' };
    length += entry.length;
    if (length > maxChars) return { ok: false, problem: 'too-large' };
    parts.push(entry);
    dictionary.push(w + entry[0]);
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}
