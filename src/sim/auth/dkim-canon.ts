/**
 * DKIM canonicalisation (RFC 6376 §3.4): the two ways, `simple` and `relaxed`, of turning a
 * message's header fields and body into the exact octets that DKIM hashes.
 *
 * Works on raw message text with CRLF line ends. Text is hashed as UTF-8, so a message is a JS
 * string whose characters are the message's octets decoded as UTF-8.
 */

/** CanonAlgorithm: one of the two canonicalisation algorithms of RFC 6376 §3.4. */
export type CanonAlgorithm = 'simple' | 'relaxed';

/** CanonPair: the `c=` tag's value split into header and body algorithm. */
export interface CanonPair {
  header: CanonAlgorithm;
  body: CanonAlgorithm;
}

/** RawHeaderField: one header field exactly as it appears in the message. */
export interface RawHeaderField {
  /** The field name as written, without whitespace before the colon. */
  name: string;
  /** The whole field: name, colon, value and any folding, without the final CRLF. */
  raw: string;
  /** Everything after the first colon, still folded. */
  value: string;
}

/** SplitMessage: a message cut into its header fields (top to bottom) and its body. */
export interface SplitMessage {
  headers: RawHeaderField[];
  /** The body: everything after the empty line that ends the header section ('' when absent). */
  body: string;
}

/**
 * toCrlf turns every bare LF into CRLF, the network form DKIM signs and verifies
 * (RFC 6376 §5.3: the message is processed in canonical CRLF form).
 */
export function toCrlf(raw: string): string {
  return raw.replace(/\r?\n/g, '\r\n');
}

/**
 * splitRawMessage cuts raw message text into its header fields and body, keeping every octet of
 * each field (folding included) so `simple` canonicalisation can reproduce it exactly. A line that
 * starts with a space or tab continues the field above it (RFC 5322 §2.2.3).
 */
export function splitRawMessage(raw: string): SplitMessage {
  const text = toCrlf(raw);
  const headers: RawHeaderField[] = [];
  let pos = 0;
  let current: string | null = null;
  const flush = (): void => {
    if (current === null) return;
    const colon = current.indexOf(':');
    const name = (colon < 0 ? current : current.slice(0, colon)).replace(/[ \t]+$/, '');
    headers.push({ name, raw: current, value: colon < 0 ? '' : current.slice(colon + 1) });
    current = null;
  };
  while (pos < text.length) {
    const eol = text.indexOf('\r\n', pos);
    const line = eol < 0 ? text.slice(pos) : text.slice(pos, eol);
    const next = eol < 0 ? text.length : eol + 2;
    if (line === '') {
      flush();
      return { headers, body: text.slice(next) };
    }
    if ((line[0] === ' ' || line[0] === '\t') && current !== null) {
      current += '\r\n' + line;
    } else {
      flush();
      current = line;
    }
    pos = next;
  }
  flush();
  return { headers, body: '' };
}

/**
 * parseCanon reads a `c=` value (RFC 6376 §3.5): `header/body`, where a missing body part means
 * `simple` and a missing tag means `simple/simple`. Returns null for anything else.
 */
export function parseCanon(c: string | undefined): CanonPair | null {
  if (c === undefined) return { header: 'simple', body: 'simple' };
  const parts = c.trim().toLowerCase().split('/');
  if (parts.length > 2) return null;
  const [h, b = 'simple'] = parts;
  const ok = (x: string): x is CanonAlgorithm => x === 'simple' || x === 'relaxed';
  return ok(h) && ok(b) ? { header: h, body: b } : null;
}

/**
 * canonicalizeHeader returns one header field in canonical form, ending in CRLF.
 * `simple` (RFC 6376 §3.4.1) keeps the field unchanged. `relaxed` (§3.4.2) lowercases the name,
 * unfolds, reduces runs of spaces and tabs to one space and removes them around the colon and at
 * the value's end.
 */
export function canonicalizeHeader(field: RawHeaderField, algorithm: CanonAlgorithm): string {
  if (algorithm === 'simple') return field.raw + '\r\n';
  const value = field.value.replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');
  return field.name.toLowerCase().trim() + ':' + value + '\r\n';
}

/**
 * canonicalizeBody returns the body in canonical form.
 * `simple` (RFC 6376 §3.4.3) removes empty lines at the end; an empty body becomes one CRLF.
 * `relaxed` (§3.4.4) also removes spaces and tabs at line ends and reduces runs of them to one
 * space; an empty body stays empty (as dkimpy and OpenDKIM hash it). A body that does not end in
 * CRLF gets one.
 */
export function canonicalizeBody(body: string, algorithm: CanonAlgorithm): string {
  let text = body;
  if (algorithm === 'relaxed') {
    text = text
      .split('\r\n')
      .map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''))
      .join('\r\n');
  }
  let end = text.length;
  while (end >= 2 && text.charCodeAt(end - 1) === 10 && text.charCodeAt(end - 2) === 13) end -= 2;
  text = text.slice(0, end);
  if (text === '') return algorithm === 'simple' ? '\r\n' : '';
  return text + '\r\n';
}

/** CanonicalBody: the octets of a canonical body that DKIM hashes, and how many there were in all. */
export interface CanonicalBody {
  /** The hashed octets: the whole canonical body, or its first `l=` octets. */
  octets: Uint8Array;
  /** Length of the whole canonical body in octets (the value `l=` gets when signing). */
  fullLength: number;
  /** The canonical body as text, for explanations. */
  text: string;
}

/**
 * canonicalBodyOctets canonicalises a body, encodes it as UTF-8 and, when `length` is given,
 * keeps only that many octets (RFC 6376 §3.5 `l=`: the body length count).
 */
export function canonicalBodyOctets(body: string, algorithm: CanonAlgorithm, length?: number): CanonicalBody {
  const text = canonicalizeBody(body, algorithm);
  const all = new TextEncoder().encode(text);
  const octets = length !== undefined && length < all.length ? all.slice(0, length) : all;
  return { octets, fullLength: all.length, text };
}

/**
 * selectSignedHeaders picks the header fields that `h=` names, in `h=` order. When a name occurs
 * several times, each mention takes the next instance from the bottom up; a mention with no
 * instance left selects nothing, which is how over-signing guards against added fields
 * (RFC 6376 §5.4.2).
 */
export function selectSignedHeaders(headers: readonly RawHeaderField[], names: readonly string[]): RawHeaderField[] {
  const selected: RawHeaderField[] = [];
  const nextFromBottom = new Map<string, number>();
  for (const wanted of names) {
    const key = wanted.trim().toLowerCase();
    let i = nextFromBottom.get(key) ?? headers.length;
    while (i > 0) {
      i -= 1;
      if (headers[i].name.toLowerCase() === key) {
        selected.push(headers[i]);
        break;
      }
    }
    nextFromBottom.set(key, i);
  }
  return selected;
}

/**
 * stripSignatureValue returns a DKIM-Signature field with the value of its `b=` tag removed, as
 * both signer and verifier hash it (RFC 6376 §3.7). The whitespace before and after the value stays,
 * only the base64 text (and the folding inside it) goes, as dkimpy and OpenDKIM do.
 */
export function stripSignatureValue(field: RawHeaderField): RawHeaderField {
  const colon = field.raw.length - field.value.length;
  const segments = field.value.split(';');
  const out = segments.map((segment) => {
    const m = /^(\s*b\s*=)([\s\S]*)$/.exec(segment);
    if (!m) return segment;
    const value = /^(?:\s*[A-Za-z0-9+/=])*/.exec(m[2]);
    return m[1] + m[2].slice(value ? value[0].length : 0);
  });
  const value = out.join(';');
  return { name: field.name, raw: field.raw.slice(0, colon) + value, value };
}

/**
 * headerHashInput builds the octets a DKIM signature covers (RFC 6376 §3.7): the selected
 * header fields in canonical form, then the DKIM-Signature field itself with `b=` emptied,
 * canonicalised and without its trailing CRLF. Also returns the text, for explanations.
 */
export function headerHashInput(
  signed: readonly RawHeaderField[],
  signatureField: RawHeaderField,
  algorithm: CanonAlgorithm,
): { octets: Uint8Array; text: string } {
  let text = '';
  for (const f of signed) text += canonicalizeHeader(f, algorithm);
  text += canonicalizeHeader(stripSignatureValue(signatureField), algorithm).slice(0, -2);
  return { octets: new TextEncoder().encode(text), text };
}
