/**
 * Octets on the wire: UTF-8 and base64 conversions for the protocol layer, built on the platform's
 * TextEncoder, TextDecoder, atob and btoa (declared in `src/sim/globals.d.ts`), never on Node's
 * Buffer, so the same code runs in browsers, workers and Node. Nothing here throws: input that
 * cannot be decoded gives `undefined`.
 */

const BASE64_TEXT = /^[A-Za-z0-9+/]*={0,2}$/;
const CHUNK = 0x8000;

/** utf8Encode returns the UTF-8 octets of a string (a lone surrogate becomes U+FFFD, as TextEncoder does). */
export function utf8Encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** utf8Decode turns UTF-8 octets into a string, replacing malformed sequences with U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * isValidUtf8 tells whether octets are well-formed UTF-8 (RFC 3629 §4): no overlong forms, no
 * surrogates, nothing above U+10FFFF, no cut-off sequence at the end.
 */
export function isValidUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return false;
    if (i + need >= bytes.length) return false;
    const second = bytes[i + 1];
    if (second < lo || second > hi) return false;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c < 0x80 || c > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}

/** isWellFormedText tells whether a string has no lone surrogates, so it encodes to UTF-8 unchanged. */
export function isWellFormedText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i += 1;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/**
 * octets counts the UTF-8 octets of a string without encoding it: what SIZE (RFC 1870), the
 * line-length limits of RFC 5321 §4.5.3.1 and POP3/IMAP sizes measure. A lone surrogate counts
 * as the 3 octets of U+FFFD, as TextEncoder writes it.
 */
export function octets(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i += 1;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** bytesToBinary maps each octet to the char with that code (a "binary string", as btoa wants). */
function bytesToBinary(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const chunk = bytes.subarray(i, i + CHUNK);
    parts.push(String.fromCharCode.apply(null, Array.from(chunk)));
  }
  return parts.join('');
}

/** base64Encode encodes octets, or a string as its UTF-8 octets, in padded base64 (RFC 4648 §4). */
export function base64Encode(input: string | Uint8Array): string {
  const bytes = typeof input === 'string' ? utf8Encode(input) : input;
  return btoa(bytesToBinary(bytes));
}

/**
 * base64Decode decodes base64 (RFC 4648 §4) into octets, or gives `undefined` when the text is
 * not base64: characters outside the alphabet (including spaces and line breaks), padding in the
 * middle, or a length that cannot come from whole octets. Missing padding is accepted, as
 * browsers' atob accepts it.
 */
export function base64Decode(text: string): Uint8Array | undefined {
  if (!BASE64_TEXT.test(text)) return undefined;
  if (text.includes('=') && text.length % 4 !== 0) return undefined;
  if (text.replace(/=+$/, '').length % 4 === 1) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** base64DecodeText decodes base64 and then strict UTF-8; `undefined` when either step fails. */
export function base64DecodeText(text: string): string | undefined {
  const bytes = base64Decode(text);
  if (bytes === undefined || !isValidUtf8(bytes)) return undefined;
  return utf8Decode(bytes);
}
