import { describe, expect, it } from 'vitest';
import { checkPin, hashPin, newSalt, readLockRecord } from './instructor-pin';

describe('the instructor PIN', () => {
  it('is stored only as a salted SHA-256 digest', async () => {
    const salt = newSalt();
    expect(salt).toMatch(/^[0-9a-f]{32}$/);
    expect(newSalt()).not.toBe(salt);
    const hash = await hashPin('4711', salt);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('4711');
    expect(await hashPin('4711', newSalt())).not.toBe(hash);
  });

  it('matches the same PIN, typed with blanks around it, and nothing else', async () => {
    const salt = newSalt();
    const record = { version: 1 as const, salt, hash: await hashPin('Klasse 9b', salt), locked: true };
    expect(await checkPin(' Klasse 9b ', record)).toBe(true);
    expect(await checkPin('klasse 9b', record)).toBe(false);
    expect(await checkPin('', record)).toBe(false);
  });

  it('reads a stored lock, and reports a damaged one', async () => {
    const record = { version: 1, salt: 'ab', hash: 'f'.repeat(64), locked: false };
    expect(readLockRecord(JSON.stringify(record))).toEqual({ record, corrupt: false });
    expect(readLockRecord(null)).toEqual({ record: null, corrupt: false });
    for (const bad of ['{', '[]', JSON.stringify({ ...record, hash: 'x' }), JSON.stringify({ ...record, version: 2 }), JSON.stringify({ ...record, locked: 'no' })]) {
      expect(readLockRecord(bad), bad).toEqual({ record: null, corrupt: true });
    }
  });
});
