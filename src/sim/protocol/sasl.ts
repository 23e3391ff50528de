/**
 * SASL for SMTP AUTH (RFC 4954): the PLAIN mechanism (RFC 4616) and the LOGIN mechanism
 * (draft-murchison-sasl-login), both carried in base64 lines. Decoding never throws: bad input
 * gives a `SaslError` value, which the server turns into its 535 or 501 reply.
 */
import { base64Decode, base64Encode, isValidUtf8, utf8Decode } from './bytes';

/** SaslError: why a client's SASL line could not be used. */
export type SaslError =
  | { kind: 'bad-base64' }
  | { kind: 'malformed'; reason: 'not-utf8' | 'not-plain' | 'empty-user' | 'empty-password' };

/** PlainCredentials: the three fields of an AUTH PLAIN message (RFC 4616 §2). */
export interface PlainCredentials {
  /** Authorization identity: whom to act as; empty means "the same as authcid". */
  authzid: string;
  /** Authentication identity: the user name that logs in. */
  authcid: string;
  password: string;
}

/** SASL_CANCEL is the line a client sends to give up an AUTH exchange (RFC 4954 §4). */
export const SASL_CANCEL = '*';

/** LOGIN_USERNAME_CHALLENGE is base64 of `Username:`, the first 334 challenge of AUTH LOGIN. */
export const LOGIN_USERNAME_CHALLENGE = 'VXNlcm5hbWU6';

/** LOGIN_PASSWORD_CHALLENGE is base64 of `Password:`, the second 334 challenge of AUTH LOGIN. */
export const LOGIN_PASSWORD_CHALLENGE = 'UGFzc3dvcmQ6';

/** isSaslError tells a SaslError from a decoded value. */
export function isSaslError(value: unknown): value is SaslError {
  return typeof value === 'object' && value !== null && 'kind' in value;
}

/** isSaslCancel tells whether a client line cancels the AUTH exchange (RFC 4954 §4: a lone `*`). */
export function isSaslCancel(line: string): boolean {
  return line.trim() === SASL_CANCEL;
}

/**
 * decodeSaslText decodes one base64 SASL line into UTF-8 text. A lone `=` stands for an empty
 * initial response (RFC 4954 §4), and so does an empty line.
 */
export function decodeSaslText(line: string): string | SaslError {
  const text = line.trim();
  if (text === '=' || text === '') return '';
  const bytes = base64Decode(text);
  if (bytes === undefined) return { kind: 'bad-base64' };
  if (!isValidUtf8(bytes)) return { kind: 'malformed', reason: 'not-utf8' };
  return utf8Decode(bytes);
}

/** encodeSaslText encodes text for a SASL line; empty text gives `=` (RFC 4954 §4) when `initial`. */
export function encodeSaslText(text: string, initial = false): string {
  if (text === '') return initial ? '=' : '';
  return base64Encode(text);
}

/**
 * decodePlain reads an AUTH PLAIN message: base64 of `[authzid] NUL authcid NUL passwd`
 * (RFC 4616 §2). authcid and passwd must not be empty.
 */
export function decodePlain(line: string): PlainCredentials | SaslError {
  const text = decodeSaslText(line);
  if (typeof text !== 'string') return text;
  const parts = text.split('\0');
  if (parts.length !== 3) return { kind: 'malformed', reason: 'not-plain' };
  const [authzid, authcid, password] = parts;
  if (authcid === '') return { kind: 'malformed', reason: 'empty-user' };
  if (password === '') return { kind: 'malformed', reason: 'empty-password' };
  return { authzid, authcid, password };
}

/** encodePlain builds the base64 AUTH PLAIN message a client sends (RFC 4616 §2). */
export function encodePlain(credentials: { authzid?: string; authcid: string; password: string }): string {
  return base64Encode(`${credentials.authzid ?? ''}\0${credentials.authcid}\0${credentials.password}`);
}

/** decodeLoginStep reads one AUTH LOGIN answer (the user name or the password) from base64. */
export function decodeLoginStep(line: string): string | SaslError {
  return decodeSaslText(line);
}

/** encodeLoginStep encodes one AUTH LOGIN answer (the user name or the password) in base64. */
export function encodeLoginStep(value: string): string {
  return base64Encode(value);
}

/** decodeChallenge reads a server's 334 challenge text (`VXNlcm5hbWU6` → `Username:`); '' when empty. */
export function decodeChallenge(text: string): string | SaslError {
  return decodeSaslText(text);
}
