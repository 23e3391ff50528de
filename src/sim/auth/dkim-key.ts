/**
 * DKIM keys (RFC 6376 §3.6): RSA keys through WebCrypto (RSASSA-PKCS1-v1_5 with SHA-256), the
 * key record published at `selector._domainkey.domain`, and the tag=value syntax (§3.2) that key
 * records and DKIM-Signature fields share. Bad input gives an error value, never an exception.
 */

/** Note: a sentence for the student, in English and German. */
type Note = { en: string; de: string };

/** CryptoKeyHandle: a WebCrypto key, as this platform's `crypto.subtle` returns it. */
export type CryptoKeyHandle = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** DkimKeyError: why a key could not be read or made. */
export interface DkimKeyError {
  ok: false;
  error: 'syntax' | 'unsupported' | 'crypto';
  note: Note;
}

/** ImportedKey: a WebCrypto key ready to sign or verify, with its modulus size in bits. */
export interface ImportedKey {
  ok: true;
  key: CryptoKeyHandle;
  bits: number;
}

/** DkimKeyPair: a fresh key pair: the private key to sign with and the TXT record to publish. */
export interface DkimKeyPair {
  ok: true;
  privatePkcs8Base64: string;
  publicSpkiBase64: string;
  /** The key record for `selector._domainkey.domain`, e.g. `v=DKIM1; k=rsa; p=MIIBIjAN...`. */
  dnsTxt: string;
}

/** RSA_SHA256 names the one signing algorithm DKIM verifiers must support (RFC 8301 §3.1). */
export const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

const keyError = (error: DkimKeyError['error'], en: string, de: string): DkimKeyError => ({ ok: false, error, note: { en, de } });

/** encodeBase64 writes octets as base64 (RFC 4648 §4). */
export function encodeBase64(octets: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < octets.length; i += 0x8000) bin += String.fromCharCode(...octets.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** decodeBase64 reads base64, ignoring whitespace; null when the text is not base64. */
export function decodeBase64(text: string): Uint8Array | null {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return null;
  const bin = atob(clean.length % 4 === 0 ? clean : clean + '='.repeat(4 - (clean.length % 4)));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** toArrayBuffer copies octets into a fresh ArrayBuffer, the form every WebCrypto call accepts. */
export function toArrayBuffer(octets: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(octets.length);
  new Uint8Array(out).set(octets);
  return out;
}

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

function der(tag: number, content: Uint8Array): Uint8Array {
  const head = [tag, ...derLength(content.length)];
  const out = new Uint8Array(head.length + content.length);
  out.set(head);
  out.set(content, head.length);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** AlgorithmIdentifier rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
const RSA_ALGORITHM_ID = new Uint8Array([0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]);

/** Wraps a PKCS#1 RSAPrivateKey into PKCS#8 PrivateKeyInfo (RFC 5208 §5). */
function pkcs1PrivateToPkcs8(pkcs1: Uint8Array): Uint8Array {
  return der(0x30, concat(new Uint8Array([0x02, 0x01, 0x00]), RSA_ALGORITHM_ID, der(0x04, pkcs1)));
}

/** Wraps a PKCS#1 RSAPublicKey into SubjectPublicKeyInfo (RFC 5280 §4.1). */
function pkcs1PublicToSpki(pkcs1: Uint8Array): Uint8Array {
  return der(0x30, concat(RSA_ALGORITHM_ID, der(0x03, concat(new Uint8Array([0]), pkcs1))));
}

/** Reads PEM armour (`-----BEGIN X-----`) or bare base64 into DER octets and the PEM label. */
function readKeyText(text: string): { der: Uint8Array; label: string } | null {
  const pem = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  const body = pem ? pem[2] : text;
  const octets = decodeBase64(body);
  return octets && octets.length > 0 ? { der: octets, label: pem ? pem[1] : '' } : null;
}

function modulusBits(key: CryptoKeyHandle): number {
  const alg = key.algorithm as { modulusLength?: number };
  return typeof alg.modulusLength === 'number' ? alg.modulusLength : 0;
}

// Importing a key is the costliest step of signing or verifying; the same key text always gives
// the same key, so each text is imported once (bounded, so a student's many key edits cannot grow it).
const privateKeys = new Map<string, Promise<ImportedKey | DkimKeyError>>();
const publicKeys = new Map<string, Promise<ImportedKey | DkimKeyError>>();
const MEMO_LIMIT = 64;

function memo(cache: Map<string, Promise<ImportedKey | DkimKeyError>>, text: string, make: () => Promise<ImportedKey | DkimKeyError>): Promise<ImportedKey | DkimKeyError> {
  let hit = cache.get(text);
  if (!hit) {
    if (cache.size >= MEMO_LIMIT) cache.delete(cache.keys().next().value as string);
    hit = make();
    cache.set(text, hit);
  }
  return hit;
}

async function tryImport(format: 'pkcs8' | 'spki', octets: Uint8Array, usage: 'sign' | 'verify'): Promise<CryptoKeyHandle | null> {
  try {
    return await crypto.subtle.importKey(format, toArrayBuffer(octets), RSA_SHA256, false, [usage]);
  } catch {
    return null;
  }
}

/**
 * importDkimPrivateKey reads an RSA private key for signing: PKCS#8 as bare base64 or PEM
 * (`BEGIN PRIVATE KEY`), or PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`).
 */
export function importDkimPrivateKey(text: string): Promise<ImportedKey | DkimKeyError> {
  return memo(privateKeys, text, () => importPrivate(text));
}

async function importPrivate(text: string): Promise<ImportedKey | DkimKeyError> {
  const read = readKeyText(text);
  if (!read) return keyError('syntax', 'The private key is not base64 or PEM text.', 'Der private Schlüssel ist weder Base64- noch PEM-Text.');
  if (read.label === 'ENCRYPTED PRIVATE KEY') {
    return keyError('unsupported', 'The private key is encrypted with a passphrase; the simulator needs it unencrypted.', 'Der private Schlüssel ist mit einer Passphrase verschlüsselt; der Simulator braucht ihn unverschlüsselt.');
  }
  const key =
    (read.label !== 'RSA PRIVATE KEY' ? await tryImport('pkcs8', read.der, 'sign') : null) ??
    (await tryImport('pkcs8', pkcs1PrivateToPkcs8(read.der), 'sign'));
  if (!key) return keyError('crypto', 'The private key is not an RSA key in PKCS#8 or PKCS#1 form.', 'Der private Schlüssel ist kein RSA-Schlüssel im Format PKCS#8 oder PKCS#1.');
  return { ok: true, key, bits: modulusBits(key) };
}

/**
 * importDkimPublicKey reads the `p=` value of a key record: base64 of a SubjectPublicKeyInfo
 * (RFC 6376 §3.6.1), or of a bare PKCS#1 RSAPublicKey as some publishers write it.
 */
export function importDkimPublicKey(p: string): Promise<ImportedKey | DkimKeyError> {
  return memo(publicKeys, p, () => importPublic(p));
}

async function importPublic(p: string): Promise<ImportedKey | DkimKeyError> {
  const octets = decodeBase64(p);
  if (!octets || octets.length === 0) return keyError('syntax', 'The p= value is not valid base64.', 'Der Wert von p= ist kein gültiges Base64.');
  const key = (await tryImport('spki', octets, 'verify')) ?? (await tryImport('spki', pkcs1PublicToSpki(octets), 'verify'));
  if (!key) return keyError('syntax', 'The p= value is base64 but not an RSA public key.', 'Der Wert von p= ist Base64, aber kein öffentlicher RSA-Schlüssel.');
  return { ok: true, key, bits: modulusBits(key) };
}

/**
 * generateDkimKeyPair makes a new RSA key pair (1024 to 4096 bits in steps of 1024; RFC 8301 §3.2
 * asks signers for at least 1024, better 2048) with the TXT record to publish. Uses the platform's
 * random source, so each call gives a new pair.
 */
export async function generateDkimKeyPair(bits = 2048): Promise<DkimKeyPair | DkimKeyError> {
  if (![1024, 2048, 3072, 4096].includes(bits)) {
    return keyError('unsupported', `A DKIM key of ${bits} bits is not offered; choose 1024, 2048, 3072 or 4096.`, `Ein DKIM-Schlüssel mit ${bits} Bit wird nicht angeboten; wähle 1024, 2048, 3072 oder 4096.`);
  }
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  );
  const privatePkcs8Base64 = encodeBase64(new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)));
  const publicSpkiBase64 = encodeBase64(new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey)));
  return { ok: true, privatePkcs8Base64, publicSpkiBase64, dnsTxt: `v=DKIM1; k=rsa; p=${publicSpkiBase64}` };
}

/** TagList: a parsed tag=value list (RFC 6376 §3.2), values trimmed and unfolded, in written order. */
export type TagList = { ok: true; tags: Map<string, string>; order: string[] } | { ok: false; note: Note };

/**
 * parseTagList reads `tag=value; tag=value` text (RFC 6376 §3.2): tag names start with a letter,
 * whitespace and folding around names and values are ignored, a trailing `;` is allowed, and a
 * duplicated tag makes the whole list invalid.
 */
export function parseTagList(text: string): TagList {
  const tags = new Map<string, string>();
  const order: string[] = [];
  const segments = text.replace(/\r\n/g, '').split(';');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.trim() === '') {
      if (i === segments.length - 1) break;
      return { ok: false, note: { en: 'An empty entry between two semicolons.', de: 'Ein leerer Eintrag zwischen zwei Semikolons.' } };
    }
    const eq = segment.indexOf('=');
    const name = (eq < 0 ? segment : segment.slice(0, eq)).trim();
    if (eq < 0 || !/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      return { ok: false, note: { en: `"${segment.trim()}" is not of the form tag=value.`, de: `„${segment.trim()}“ hat nicht die Form Tag=Wert.` } };
    }
    if (tags.has(name)) {
      return { ok: false, note: { en: `The tag ${name}= appears twice.`, de: `Das Tag ${name}= kommt doppelt vor.` } };
    }
    tags.set(name, segment.slice(eq + 1).replace(/[ \t]+/g, ' ').trim());
    order.push(name);
  }
  return { ok: true, tags, order };
}

/** DkimKeyRecord: a DKIM key record (RFC 6376 §3.6.1), with defaults filled in. */
export interface DkimKeyRecord {
  ok: true;
  /** `v=`, when present: always `DKIM1`. */
  version?: string;
  /** `h=`: hash algorithms allowed; absent means all. */
  hashes?: string[];
  /** `k=`: key type, `rsa` by default. */
  keyType: string;
  /** `p=` without whitespace; empty means the key was revoked. */
  publicKey: string;
  revoked: boolean;
  /** `s=`: service types, `*` by default. */
  services: string[];
  /** `t=`: flags; `y` = testing, `s` = the i= domain must equal d= exactly. */
  flags: string[];
  testing: boolean;
  strict: boolean;
}

/** DkimKeyRecordError: a key record that cannot be read. */
export interface DkimKeyRecordError {
  ok: false;
  error: 'syntax';
  note: Note;
}

const list = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : value.split(':').map((x) => x.trim().toLowerCase()).filter((x) => x !== '');

/**
 * parseDkimKeyRecord reads a key record such as `v=DKIM1; k=rsa; p=MIIB...` (RFC 6376 §3.6.1).
 * `v=`, when present, must be first and `DKIM1`; `p=` is required and may be empty (revoked).
 */
export function parseDkimKeyRecord(txt: string): DkimKeyRecord | DkimKeyRecordError {
  const fail = (en: string, de: string): DkimKeyRecordError => ({ ok: false, error: 'syntax', note: { en, de } });
  const parsed = parseTagList(txt);
  if (!parsed.ok) return { ok: false, error: 'syntax', note: parsed.note };
  const { tags, order } = parsed;
  const v = tags.get('v');
  if (v !== undefined && (order[0] !== 'v' || v !== 'DKIM1')) {
    return fail('v= must be the first tag and read DKIM1 (RFC 6376 §3.6.1).', 'v= muss das erste Tag sein und DKIM1 lauten (RFC 6376 §3.6.1).');
  }
  const p = tags.get('p');
  if (p === undefined) return fail('The key record has no p= tag, so there is no key.', 'Der Schlüssel-Eintrag hat kein p=-Tag, also keinen Schlüssel.');
  const publicKey = p.replace(/\s+/g, '');
  if (publicKey !== '' && !/^[A-Za-z0-9+/]+={0,2}$/.test(publicKey)) {
    return fail('The p= value contains characters that are not base64.', 'Der Wert von p= enthält Zeichen, die kein Base64 sind.');
  }
  const flags = list(tags.get('t')) ?? [];
  return {
    ok: true,
    version: v,
    hashes: list(tags.get('h')),
    keyType: (tags.get('k') ?? 'rsa').toLowerCase(),
    publicKey,
    revoked: publicKey === '',
    services: list(tags.get('s')) ?? ['*'],
    flags,
    testing: flags.includes('y'),
    strict: flags.includes('s'),
  };
}
