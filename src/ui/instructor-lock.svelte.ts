/**
 * instructorLock: the instructor mode's lock, one store for the whole page. While
 * `instructorLock.locked` is true, panels hide what students should not see — solutions, answer
 * keys, the fault menu:
 *
 *   import { instructorLock } from '../instructor-lock.svelte';
 *   {#if !instructorLock.locked} …fault menu… {/if}
 *
 * With no PIN set the page is unlocked (self-study). A teacher sets a PIN, which locks at once;
 * the lock survives reloads; the PIN unlocks it again. Only a salted SHA-256 digest is stored.
 */
import { checkPin, hashPin, LOCK_KEY, MIN_PIN_LENGTH, newSalt, normalizePin, readLockRecord, type LockRecord } from './instructor-pin';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** InstructorLock: whether solutions and the fault menu are hidden, and the PIN that controls it. */
export class InstructorLock {
  /** True while students must not see solutions or the fault menu. */
  locked = $state(false);
  /** Whether a PIN has been set. */
  hasPin = $state(false);
  /** The stored lock could not be read and was removed (the page says so once). */
  corrupt = $state(false);
  private record: LockRecord | null = null;

  constructor() {
    let raw: string | null = null;
    try {
      raw = storage()?.getItem(LOCK_KEY) ?? null;
    } catch {
      raw = null;
    }
    const read = readLockRecord(raw);
    this.record = read.record;
    // A damaged record cannot be checked against any PIN: it stays locked until a teacher sets a new one.
    this.corrupt = read.corrupt;
    this.hasPin = !!read.record;
    this.locked = read.corrupt || !!read.record?.locked;
  }

  private persist(): void {
    try {
      if (this.record) storage()?.setItem(LOCK_KEY, JSON.stringify(this.record));
      else storage()?.removeItem(LOCK_KEY);
    } catch {
      // the lock still works for this page
    }
  }

  /** setPin sets (or changes) the PIN and locks. Only possible while unlocked; false for a PIN that is too short. */
  async setPin(pin: string): Promise<boolean> {
    if ((this.locked && !this.corrupt) || normalizePin(pin).length < MIN_PIN_LENGTH) return false;
    const salt = newSalt();
    this.record = { version: 1, salt, hash: await hashPin(pin, salt), locked: true };
    this.persist();
    this.hasPin = true;
    this.corrupt = false;
    this.locked = true;
    return true;
  }

  /** unlock opens the lock when the PIN is right. */
  async unlock(pin: string): Promise<boolean> {
    if (!this.record || !(await checkPin(pin, this.record))) return false;
    this.record = { ...this.record, locked: false };
    this.persist();
    this.locked = false;
    return true;
  }

  /** lock closes the lock again with the PIN already set. */
  lock(): void {
    if (!this.record) return;
    this.record = { ...this.record, locked: true };
    this.persist();
    this.locked = true;
  }

  /** removePin forgets the PIN (only while unlocked): the page stays unlocked for good. */
  removePin(): void {
    if (this.locked) return;
    this.record = null;
    this.persist();
    this.hasPin = false;
  }
}

/** instructorLock: the page's one lock. */
export const instructorLock = new InstructorLock();
