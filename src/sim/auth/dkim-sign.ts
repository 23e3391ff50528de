/**
 * DKIM signing (RFC 6376 §5): hash the canonical body, build the DKIM-Signature field, sign the
 * chosen header fields with it and put it on top of the message. RSA PKCS#1 v1.5 signatures are
 * deterministic and the time is injected, so the same input always gives the same signed message.
 */
import { canonicalBodyOctets, headerHashInput, parseCanon, selectSignedHeaders, splitRawMessage, toCrlf } from './dkim-canon';
import { RSA_SHA256, encodeBase64, importDkimPrivateKey, toArrayBuffer } from './dkim-key';

/** DkimCanon: the `c=` choices a signer offers (header/body). */
export type DkimCanon = 'relaxed/relaxed' | 'simple/simple' | 'relaxed/simple' | 'simple/relaxed';

/** DkimSignOptions: what `signDkim` needs. */
export interface DkimSignOptions {
  /** The message as raw text (CRLF or LF line ends). */
  raw: string;
  /** `d=`: the signing domain, whose DNS publishes the key. */
  domain: string;
  /** `s=`: the selector; the key lives at `selector._domainkey.domain`. */
  selector: string;
  /** The private key: PKCS#8 base64 (or PEM). */
  privateKeyPkcs8Base64: string;
  /**
   * `h=`: header field names to sign, top to bottom. Must include From (RFC 6376 §5.4). Naming a
   * field more times than it occurs over-signs it, so nobody can add another one later.
   */
  headers: string[];
  /** `c=`: canonicalisation, header/body. */
  canon: DkimCanon;
  /** Add `l=`, the length of the signed body (RFC 6376 §3.5; risky, shown for teaching). */
  bodyLength?: boolean;
  /** `t=`: the signing time in seconds since 1970, from the virtual clock. Omitted when absent. */
  timestamp?: number;
  /** `x=`: the expiry time in seconds since 1970; must be after `timestamp`. */
  expires?: number;
}

/** DkimSignError: why a message could not be signed. */
export interface DkimSignError {
  ok: false;
  error: 'bad-key' | 'bad-options';
  note: { en: string; de: string };
}

const optionError = (en: string, de: string): DkimSignError => ({ ok: false, error: 'bad-options', note: { en, de } });

const DOMAIN = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;
const WIDTH = 76;

/** An atom of the folded signature field: text, and whether a space separates it from the atom before. */
type Atom = { text: string; spaced: boolean };

/**
 * Folds tag atoms into lines of at most WIDTH columns, continuing with CRLF TAB; FWS is allowed
 * between tags and around the colons of `h=` (RFC 6376 §3.2, §3.5).
 */
function fold(start: string, atoms: Atom[]): string {
  let out = start;
  let column = start.length;
  atoms.forEach((atom, i) => {
    const sep = i === 0 ? '' : atom.spaced ? ' ' : '';
    if (i > 0 && column + sep.length + atom.text.length > WIDTH) {
      out += '\r\n\t' + atom.text;
      column = 8 + atom.text.length;
    } else {
      out += sep + atom.text;
      column += sep.length + atom.text.length;
    }
  });
  return out;
}

/** Splits base64 text into pieces that fit a folded line. */
function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** DkimSigned: a signed message and the DKIM-Signature field that was put on top of it. */
export interface DkimSigned {
  ok: true;
  /** The whole signed message, CRLF line ends. */
  message: string;
  /** The DKIM-Signature field, folded, without its final CRLF. */
  field: string;
}

/**
 * trySignDkim signs a message with rsa-sha256 (RFC 6376 §5, RFC 8301): the message with the
 * `DKIM-Signature:` field prepended, folded, `b=` last on its own line(s). Bad options or a bad key
 * give a `DkimSignError` that says why.
 */
export async function trySignDkim(options: DkimSignOptions): Promise<DkimSigned | DkimSignError> {
  const { domain, selector, headers, timestamp, expires } = options;
  if (!DOMAIN.test(domain)) return optionError(`"${domain}" is not a domain name.`, `„${domain}“ ist kein Domainname.`);
  if (!DOMAIN.test(selector)) return optionError(`"${selector}" is not a valid selector.`, `„${selector}“ ist kein gültiger Selektor.`);
  const canon = parseCanon(options.canon);
  if (!canon) return optionError(`"${options.canon}" is not a canonicalisation.`, `„${options.canon}“ ist keine Kanonisierung.`);
  const names = headers.map((h) => h.trim());
  const badName = names.find((n) => !FIELD_NAME.test(n));
  if (badName !== undefined) return optionError(`"${badName}" is not a header field name.`, `„${badName}“ ist kein Header-Feldname.`);
  // RFC 6376 §5.4: the From header field MUST be signed.
  if (!names.some((n) => n.toLowerCase() === 'from')) {
    return optionError('The From field must be signed (RFC 6376 §5.4): add "from" to the header list.', 'Das From-Feld muss signiert werden (RFC 6376 §5.4): „from“ in die Header-Liste aufnehmen.');
  }
  const isSeconds = (n: number | undefined): boolean => n === undefined || (Number.isInteger(n) && n >= 0);
  if (!isSeconds(timestamp) || !isSeconds(expires)) {
    return optionError('t= and x= must be whole seconds since 1970.', 't= und x= müssen ganze Sekunden seit 1970 sein.');
  }
  // RFC 6376 §3.5: x= MUST be greater than t=.
  if (expires !== undefined && timestamp !== undefined && expires <= timestamp) {
    return optionError('The expiry x= must come after the signing time t=.', 'Das Ablaufdatum x= muss nach der Signaturzeit t= liegen.');
  }
  const imported = await importDkimPrivateKey(options.privateKeyPkcs8Base64);
  if (!imported.ok) return { ok: false, error: 'bad-key', note: imported.note };

  const raw = toCrlf(options.raw);
  const message = splitRawMessage(raw);
  const body = canonicalBodyOctets(message.body, canon.body);
  const bodyHash = encodeBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(body.octets))));

  const atoms: Atom[] = [
    `v=1;`, `a=rsa-sha256;`, `c=${canon.header}/${canon.body};`, `d=${domain};`, `s=${selector};`,
    ...(timestamp !== undefined ? [`t=${timestamp};`] : []),
    ...(expires !== undefined ? [`x=${expires};`] : []),
    ...(options.bodyLength ? [`l=${body.fullLength};`] : []),
  ].map((text) => ({ text, spaced: true }));
  names.forEach((n, i) => {
    const last = i === names.length - 1;
    atoms.push({ text: (i === 0 ? 'h=' : '') + n + (last ? ';' : ':'), spaced: i === 0 });
  });
  atoms.push({ text: `bh=${bodyHash};`, spaced: true });
  // b= starts a line of its own, so the signature can be added without refolding the rest.
  const unsigned = fold('DKIM-Signature: ', atoms) + '\r\n\tb=';

  const unsignedField = splitRawMessage(unsigned + '\r\n').headers[0];
  const signed = selectSignedHeaders(message.headers, names);
  const input = headerHashInput(signed, unsignedField, canon.header);
  const signature = encodeBase64(new Uint8Array(await crypto.subtle.sign(RSA_SHA256, imported.key, toArrayBuffer(input.octets))));
  const field = unsigned + chunks(signature, WIDTH - 10).join('\r\n\t');
  return { ok: true, message: field + '\r\n' + raw, field };
}

/**
 * signDkim returns the message signed as `trySignDkim` does. When signing is impossible (bad key,
 * bad options) the message comes back unchanged, as from an MTA whose signing is misconfigured:
 * it leaves unsigned and receivers see `dkim=none`. Use `trySignDkim` to learn why.
 */
export async function signDkim(options: DkimSignOptions): Promise<string> {
  const signed = await trySignDkim(options);
  return signed.ok ? signed.message : options.raw;
}
