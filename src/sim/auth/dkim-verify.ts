/**
 * DKIM verification (RFC 6376 §6): for every DKIM-Signature field, read its tags, fetch the key
 * from `selector._domainkey.domain`, recompute the body hash and check the RSA signature over the
 * signed header fields. Each step is explained in English and German, so a student can follow
 * what was hashed, which key was fetched and what matched.
 */
import {
  type RawHeaderField,
  type SplitMessage,
  canonicalBodyOctets,
  headerHashInput,
  parseCanon,
  selectSignedHeaders,
  splitRawMessage,
} from './dkim-canon';
import { RSA_SHA256, decodeBase64, encodeBase64, importDkimPublicKey, parseDkimKeyRecord, parseTagList, toArrayBuffer } from './dkim-key';

/** DkimReason: why a signature did not pass; each failure has its own. */
export type DkimReason =
  | 'no-key' | 'key-revoked' | 'body-hash-mismatch' | 'signature-mismatch' | 'syntax'
  | 'dns-error' | 'header-not-signed' | 'expired' | 'unsupported';

/** DkimStepKind: what a verification step looked at. */
export type DkimStepKind = 'signature' | 'dns' | 'key' | 'body' | 'headers' | 'verdict';

/** DkimStep: one explained step of a verification. */
export interface DkimStep {
  kind: DkimStepKind;
  note: { en: string; de: string };
}

/** DkimResult: the verdict on one DKIM-Signature field (RFC 8601 §2.7.1 result names). */
export interface DkimResult {
  result: 'pass' | 'fail' | 'neutral' | 'temperror' | 'permerror';
  /** `d=`, lowercased ('' when the signature has none). */
  domain: string;
  /** `s=` ('' when the signature has none). */
  selector: string;
  reason?: DkimReason;
  /** The first 8 characters of `b=`, for `header.b=` in Authentication-Results (RFC 6008). */
  headerB?: string;
  /** True when the key record says `t=y`: the domain is only testing DKIM. */
  testing?: boolean;
  steps: DkimStep[];
}

/** TxtAnswer: a DNS answer for a TXT query, each string one whole record. */
export interface TxtAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'TIMEOUT';
  txt: string[];
}

/** TxtLookup: the resolver DKIM asks for key records (synchronous or asynchronous). */
export type TxtLookup = (name: string) => TxtAnswer | Promise<TxtAnswer>;

/** DkimVerifyOptions: the verifier's clock, only needed to judge `x=` expiry. */
export interface DkimVerifyOptions {
  /** Verification time in seconds since 1970, from the virtual clock. */
  now?: number;
}

const RESULT_OF: Record<DkimReason, DkimResult['result']> = {
  'no-key': 'permerror',
  'key-revoked': 'permerror',
  'body-hash-mismatch': 'fail',
  'signature-mismatch': 'fail',
  syntax: 'permerror',
  'dns-error': 'temperror',
  'header-not-signed': 'permerror',
  expired: 'permerror',
  // RFC 8601 §2.7.1: a signature that could not be processed is "neutral".
  unsupported: 'neutral',
};

const short = (text: string, n = 60): string => (text.length > n ? text.slice(0, n) + '…' : text);

const REQUIRED = ['v', 'a', 'b', 'bh', 'd', 'h', 's'];

/** isSubdomainOrSame tells whether `name` is `parent` or below it. */
function isSubdomainOrSame(name: string, parent: string): boolean {
  return name === parent || name.endsWith('.' + parent);
}

/** octetsEqual compares two byte strings. */
function octetsEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function verifyOne(field: RawHeaderField, message: SplitMessage, lookupTxt: TxtLookup, now?: number): Promise<DkimResult> {
  const steps: DkimStep[] = [];
  const say = (kind: DkimStepKind, en: string, de: string): void => {
    steps.push({ kind, note: { en, de } });
  };
  const parsed = parseTagList(field.value);
  const tags = parsed.ok ? parsed.tags : new Map<string, string>();
  const domain = (tags.get('d') ?? '').toLowerCase();
  const selector = tags.get('s') ?? '';
  const b = (tags.get('b') ?? '').replace(/\s+/g, '');
  const result: DkimResult = { result: 'pass', domain, selector, steps, ...(b ? { headerB: b.slice(0, 8) } : {}) };
  const stop = (reason: DkimReason, kind: DkimStepKind, en: string, de: string): DkimResult => {
    say(kind, en, de);
    return { ...result, result: RESULT_OF[reason], reason };
  };

  // RFC 6376 §3.5 and §6.1.1: the tag list must parse and carry every required tag.
  if (!parsed.ok) {
    return stop('syntax', 'signature', `The DKIM-Signature field cannot be read: ${parsed.note.en}`, `Das Feld DKIM-Signature ist nicht lesbar: ${parsed.note.de}`);
  }
  const missing = REQUIRED.filter((t) => !tags.get(t));
  if (missing.length > 0) {
    const list = missing.map((t) => t + '=').join(', ');
    return stop('syntax', 'signature', `The signature lacks required tags: ${list} (RFC 6376 §3.5).`, `Der Signatur fehlen Pflicht-Tags: ${list} (RFC 6376 §3.5).`);
  }
  if (tags.get('v') !== '1') {
    return stop('syntax', 'signature', `The signature says v=${tags.get('v')}; only v=1 exists (RFC 6376 §3.5).`, `Die Signatur hat v=${tags.get('v')}; es gibt nur v=1 (RFC 6376 §3.5).`);
  }
  const algorithm = (tags.get('a') ?? '').toLowerCase();
  if (algorithm === 'rsa-sha1') {
    return stop('unsupported', 'signature', 'The message is signed with rsa-sha1, which verifiers must no longer accept (RFC 8301 §3.1).', 'Die Nachricht ist mit rsa-sha1 signiert, das Prüfer nicht mehr akzeptieren dürfen (RFC 8301 §3.1).');
  }
  if (algorithm !== 'rsa-sha256') {
    return stop('unsupported', 'signature', `The signing algorithm a=${algorithm} is not supported here; only rsa-sha256 is.`, `Der Signaturalgorithmus a=${algorithm} wird hier nicht unterstützt, nur rsa-sha256.`);
  }
  const canon = parseCanon(tags.get('c'));
  if (!canon) return stop('syntax', 'signature', `c=${tags.get('c')} is not a canonicalisation (RFC 6376 §3.4).`, `c=${tags.get('c')} ist keine Kanonisierung (RFC 6376 §3.4).`);
  const q = tags.get('q');
  if (q !== undefined && !q.toLowerCase().split(':').map((x) => x.trim()).includes('dns/txt')) {
    return stop('unsupported', 'signature', `q=${q}: the key can only be fetched by DNS TXT (dns/txt).`, `q=${q}: Der Schlüssel kann nur per DNS-TXT (dns/txt) geholt werden.`);
  }
  const names = (tags.get('h') ?? '').split(':').map((n) => n.trim());
  if (names.some((n) => n === '')) return stop('syntax', 'signature', 'h= contains an empty header name.', 'h= enthält einen leeren Header-Namen.');
  // RFC 6376 §6.1.1: the From header field MUST be among the signed fields.
  if (!names.some((n) => n.toLowerCase() === 'from')) {
    return stop('header-not-signed', 'signature', `h=${names.join(':')} does not include From, so the signature says nothing about the sender (RFC 6376 §6.1.1).`, `h=${names.join(':')} enthält From nicht, die Signatur sagt also nichts über den Absender (RFC 6376 §6.1.1).`);
  }
  const identity = tags.get('i');
  const identityDomain = identity === undefined ? domain : identity.slice(identity.lastIndexOf('@') + 1).toLowerCase();
  // RFC 6376 §6.1.1: the i= domain must be d= or a subdomain of it.
  if (identity !== undefined && (!identity.includes('@') || !isSubdomainOrSame(identityDomain, domain))) {
    return stop('syntax', 'signature', `i=${identity} is not an address in ${domain} or below it (RFC 6376 §6.1.1).`, `i=${identity} ist keine Adresse in ${domain} oder darunter (RFC 6376 §6.1.1).`);
  }
  const number = (tag: string): number | null | undefined => {
    const v = tags.get(tag);
    if (v === undefined) return undefined;
    return /^\d{1,15}$/.test(v) ? Number(v) : null;
  };
  const [length, t, x] = [number('l'), number('t'), number('x')];
  if (length === null || t === null || x === null) {
    return stop('syntax', 'signature', 'l=, t= and x= must be whole numbers.', 'l=, t= und x= müssen ganze Zahlen sein.');
  }
  // RFC 6376 §3.5: x= MUST be greater than t=.
  if (x !== undefined && t !== undefined && x <= t) {
    return stop('syntax', 'signature', `The signature expires (x=${x}) before it was made (t=${t}).`, `Die Signatur läuft ab (x=${x}), bevor sie erstellt wurde (t=${t}).`);
  }
  const bodyHash = decodeBase64(tags.get('bh') ?? '');
  const signature = decodeBase64(b);
  if (!bodyHash || !signature) return stop('syntax', 'signature', 'b= or bh= is not valid base64.', 'b= oder bh= ist kein gültiges Base64.');
  say(
    'signature',
    `Found a DKIM-Signature by d=${domain} with selector s=${selector}: algorithm rsa-sha256, canonicalisation ${canon.header}/${canon.body}, signed header fields ${names.join(', ')}${length !== undefined ? `, only the first ${length} body octets (l=)` : ''}.`,
    `DKIM-Signature von d=${domain} mit Selektor s=${selector} gefunden: Algorithmus rsa-sha256, Kanonisierung ${canon.header}/${canon.body}, signierte Header-Felder ${names.join(', ')}${length !== undefined ? `, nur die ersten ${length} Oktette des Bodys (l=)` : ''}.`,
  );
  // RFC 6376 §3.5 x=: a signature past its expiry time is not valid.
  if (x !== undefined && now !== undefined && now > x) {
    return stop('expired', 'signature', `The signature expired at x=${x}; it is now ${now}.`, `Die Signatur ist bei x=${x} abgelaufen; jetzt ist ${now}.`);
  }

  // RFC 6376 §6.1.2: fetch the key from <selector>._domainkey.<domain>.
  const name = `${selector}._domainkey.${domain}`;
  const answer = await lookupTxt(name);
  if (answer.rcode === 'SERVFAIL' || answer.rcode === 'TIMEOUT') {
    return stop('dns-error', 'dns', `The DNS query for the key at ${name} failed (${answer.rcode}); try again later.`, `Die DNS-Abfrage nach dem Schlüssel unter ${name} schlug fehl (${answer.rcode}); später erneut versuchen.`);
  }
  if (answer.rcode === 'NXDOMAIN' || answer.txt.length === 0) {
    const why = answer.rcode === 'NXDOMAIN' ? 'the name does not exist (NXDOMAIN)' : 'the name has no TXT record';
    const warum = answer.rcode === 'NXDOMAIN' ? 'den Namen gibt es nicht (NXDOMAIN)' : 'der Name hat keinen TXT-Eintrag';
    return stop('no-key', 'dns', `Looked up the key at ${name}, but ${why}: no key was published.`, `Schlüssel unter ${name} abgefragt, aber ${warum}: Es ist kein Schlüssel veröffentlicht.`);
  }
  const records = answer.txt.map(parseDkimKeyRecord);
  const record = records.find((r) => r.ok);
  say('dns', `Looked up TXT at ${name} and got: "${short(answer.txt[0])}".`, `TXT unter ${name} abgefragt, Antwort: „${short(answer.txt[0])}“.`);
  if (!record || !record.ok) {
    const first = records[0];
    const note = first && !first.ok ? first.note : { en: '', de: '' };
    return stop('syntax', 'key', `The key record cannot be read: ${note.en}`, `Der Schlüssel-Eintrag ist nicht lesbar: ${note.de}`);
  }
  if (record.testing) {
    result.testing = true;
    say('key', 'The key record says t=y: the domain is only testing DKIM, so a failure should not count against the mail.', 'Der Schlüssel-Eintrag sagt t=y: Die Domain testet DKIM nur, ein Fehlschlag soll der Mail nicht schaden.');
  }
  // RFC 6376 §3.6.1: an empty p= means the key has been revoked.
  if (record.revoked) {
    return stop('key-revoked', 'key', `The key record at ${name} has an empty p=: the domain has revoked this key.`, `Der Schlüssel-Eintrag unter ${name} hat ein leeres p=: Die Domain hat diesen Schlüssel widerrufen.`);
  }
  if (record.keyType !== 'rsa') {
    return stop('unsupported', 'key', `The key is of type k=${record.keyType}; only rsa is supported here.`, `Der Schlüssel hat den Typ k=${record.keyType}; hier wird nur rsa unterstützt.`);
  }
  if (record.hashes && !record.hashes.includes('sha256')) {
    return stop('unsupported', 'key', `The key allows only h=${record.hashes.join(':')}, but the signature uses sha256 (RFC 6376 §3.6.1).`, `Der Schlüssel erlaubt nur h=${record.hashes.join(':')}, die Signatur nutzt aber sha256 (RFC 6376 §3.6.1).`);
  }
  if (!record.services.includes('*') && !record.services.includes('email')) {
    return stop('unsupported', 'key', `The key is for s=${record.services.join(':')}, not for e-mail (RFC 6376 §3.6.1).`, `Der Schlüssel ist für s=${record.services.join(':')}, nicht für E-Mail (RFC 6376 §3.6.1).`);
  }
  // RFC 6376 §3.6.1 t=s: the i= domain must then be exactly d=.
  if (record.strict && identityDomain !== domain) {
    return stop('syntax', 'key', `The key says t=s, so i= must be in exactly ${domain}, but it is in ${identityDomain}.`, `Der Schlüssel sagt t=s, i= muss also genau in ${domain} liegen, liegt aber in ${identityDomain}.`);
  }
  const key = await importDkimPublicKey(record.publicKey);
  if (!key.ok) return stop('syntax', 'key', key.note.en, key.note.de);
  // RFC 8301 §3.2: keys shorter than 1024 bits MUST NOT be accepted.
  if (key.bits > 0 && key.bits < 1024) {
    return stop('unsupported', 'key', `The key has only ${key.bits} bits; verifiers must reject keys under 1024 bits (RFC 8301 §3.2).`, `Der Schlüssel hat nur ${key.bits} Bit; Prüfer müssen Schlüssel unter 1024 Bit ablehnen (RFC 8301 §3.2).`);
  }
  say('key', `The record holds a ${key.bits}-bit RSA public key.`, `Der Eintrag enthält einen öffentlichen RSA-Schlüssel mit ${key.bits} Bit.`);

  // RFC 6376 §6.1.3: recompute the body hash and compare it with bh=.
  const body = canonicalBodyOctets(message.body, canon.body, length);
  if (length !== undefined && length > body.fullLength) {
    return stop('body-hash-mismatch', 'body', `l=${length} promises more body than there is (${body.fullLength} octets): the body was cut short.`, `l=${length} verspricht mehr Body, als da ist (${body.fullLength} Oktette): Der Body wurde gekürzt.`);
  }
  const computed = new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(body.octets)));
  const hashed = length !== undefined ? `the first ${length} of ${body.fullLength} octets` : `all ${body.fullLength} octets`;
  const gehasht = length !== undefined ? `die ersten ${length} von ${body.fullLength} Oktetten` : `alle ${body.fullLength} Oktette`;
  say(
    'body',
    `Canonicalised the body with "${canon.body}" and hashed ${hashed} with SHA-256: ${encodeBase64(computed)}. The signature's bh= says ${encodeBase64(bodyHash)}.`,
    `Body mit „${canon.body}“ kanonisiert und ${gehasht} mit SHA-256 gehasht: ${encodeBase64(computed)}. Das bh= der Signatur sagt ${encodeBase64(bodyHash)}.`,
  );
  if (!octetsEqual(computed, bodyHash)) {
    return stop('body-hash-mismatch', 'body', 'The body hashes differ: the body was changed after signing.', 'Die Body-Hashes unterscheiden sich: Der Body wurde nach dem Signieren verändert.');
  }
  if (length !== undefined && length < body.fullLength) {
    say('body', `Warning: ${body.fullLength - length} octets after l= are not signed; anyone could have added them.`, `Achtung: ${body.fullLength - length} Oktette nach l= sind nicht signiert; jeder könnte sie angehängt haben.`);
  }

  // RFC 6376 §3.7 and §6.1.3: hash the signed header fields, then this field with b= emptied.
  const signed = selectSignedHeaders(message.headers, names);
  const input = headerHashInput(signed, field, canon.header);
  const shown = (l: string, i: number, all: string[]): string => (i === all.length - 1 && l.length > 70 ? `${l.slice(0, 45)}…${l.slice(-20)}` : short(l, 70));
  const lines = input.text.split('\r\n').map(shown).join(' | ');
  const absent = names.length - signed.length;
  say(
    'headers',
    `Canonicalised the signed header fields with "${canon.header}" and hashed them, this DKIM-Signature last with b= emptied: ${lines}.${absent > 0 ? ` ${absent} name(s) in h= matched no field: that signs their absence (over-signing).` : ''}`,
    `Die signierten Header-Felder mit „${canon.header}“ kanonisiert und gehasht, zuletzt diese DKIM-Signature mit geleertem b=: ${lines}.${absent > 0 ? ` ${absent} Name(n) in h= passten auf kein Feld: Damit ist ihr Fehlen signiert (Übersignieren).` : ''}`,
  );
  const valid = await crypto.subtle.verify(RSA_SHA256, key.key, toArrayBuffer(signature), toArrayBuffer(input.octets));
  if (!valid) {
    return stop('signature-mismatch', 'headers', 'The RSA signature b= does not match the header hash: a signed header field was changed, or the wrong key is published.', 'Die RSA-Signatur b= passt nicht zum Header-Hash: Ein signiertes Header-Feld wurde verändert, oder der falsche Schlüssel ist veröffentlicht.');
  }
  say('verdict', `The RSA signature matches the key from ${name}: DKIM pass for ${domain}.`, `Die RSA-Signatur passt zum Schlüssel aus ${name}: DKIM pass für ${domain}.`);
  return result;
}

/**
 * verifyDkim checks every DKIM-Signature field of a message, top to bottom, and returns one
 * result per field (none ⇒ `[]`). Key lookups go through `lookupTxt` in the same order, so a run
 * is deterministic. `options.now` (seconds) lets expired signatures (`x=`) be recognised.
 */
export async function verifyDkim(raw: string, lookupTxt: TxtLookup, options: DkimVerifyOptions = {}): Promise<DkimResult[]> {
  const message = splitRawMessage(raw);
  const results: DkimResult[] = [];
  for (const field of message.headers) {
    if (field.name.toLowerCase() !== 'dkim-signature') continue;
    results.push(await verifyOne(field, message, lookupTxt, options.now));
  }
  return results;
}
