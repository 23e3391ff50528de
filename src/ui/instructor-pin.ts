/**
 * The instructor's PIN as stored: never the PIN itself, only a salted SHA-256 digest (WebCrypto),
 * in a versioned record. A classroom lock, not a safe: it keeps solutions and the fault menu out of
 * a student's way; someone who clears the browser's storage also clears the lock.
 */

/** LOCK_KEY: where the lock lives in localStorage. */
export const LOCK_KEY = 'smtp-lab.instructor';

/** MIN_PIN_LENGTH: the shortest PIN or passphrase accepted. */
export const MIN_PIN_LENGTH = 4;

/** LockRecord: the stored lock — salt, digest of salt and PIN, and whether it is locked now. */
export interface LockRecord {
  version: 1;
  salt: string;
  hash: string;
  locked: boolean;
}

const HEX = /^[0-9a-f]+$/;

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** normalizePin makes the same PIN typed on another keyboard compare equal (Unicode NFC, outer blanks dropped). */
export function normalizePin(pin: string): string {
  return pin.normalize('NFC').trim();
}

/** newSalt draws 16 random bytes as hex. */
export function newSalt(): string {
  return hex(crypto.getRandomValues(new Uint8Array(16)));
}

/** hashPin digests salt and PIN with SHA-256 and returns hex. */
export async function hashPin(pin: string, salt: string): Promise<string> {
  const data = new TextEncoder().encode(`smtp-lab:${salt}:${normalizePin(pin)}`);
  return hex(await crypto.subtle.digest('SHA-256', data));
}

/** readLockRecord checks a stored lock; anything that is not a well-formed record is reported as corrupt. */
export function readLockRecord(raw: string | null): { record: LockRecord | null; corrupt: boolean } {
  if (raw === null || raw === '') return { record: null, corrupt: false };
  try {
    const v = JSON.parse(raw) as Partial<LockRecord> | null;
    if (v && v.version === 1 && typeof v.salt === 'string' && HEX.test(v.salt) && typeof v.hash === 'string' && v.hash.length === 64 && HEX.test(v.hash) && typeof v.locked === 'boolean') {
      return { record: { version: 1, salt: v.salt, hash: v.hash, locked: v.locked }, corrupt: false };
    }
  } catch {
    // falls through to corrupt
  }
  return { record: null, corrupt: true };
}

/** checkPin tells whether a PIN matches a record, comparing every character of the digests. */
export async function checkPin(pin: string, record: LockRecord): Promise<boolean> {
  const digest = await hashPin(pin, record.salt);
  let diff = digest.length ^ record.hash.length;
  for (let i = 0; i < digest.length; i++) diff |= digest.charCodeAt(i) ^ record.hash.charCodeAt(i);
  return diff === 0;
}
