import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Decode, base64DecodeText, base64Encode, isValidUtf8, isWellFormedText, octets, utf8Decode, utf8Encode } from './bytes';

describe('octets', () => {
  it.each([
    ['', 0],
    ['a', 1],
    ['ä', 2],
    ['€', 3],
    ['😀', 4],
    ['Grüße\r\n', 9],
    ['\ud800', 3],
    ['x\udc00y', 5],
  ])('octets(%j) is %i', (text, n) => {
    expect(octets(text)).toBe(n);
  });

  it('agrees with TextEncoder for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => octets(s) === new TextEncoder().encode(s).length));
  });
});

describe('base64', () => {
  it.each([
    ['', ''],
    ['a', 'YQ=='],
    ['ab', 'YWI='],
    ['abc', 'YWJj'],
    ['\0alice\0secret', 'AGFsaWNlAHNlY3JldA=='],
    ['Grüße', 'R3LDvMOfZQ=='],
  ])('encodes %j as %s and back', (text, b64) => {
    expect(base64Encode(text)).toBe(b64);
    expect(base64DecodeText(b64)).toBe(text);
  });

  it.each(['abc$', 'a', 'ab=c', '====', ' YWJj', 'YW Jj', 'YWJj\r\n', 'YQ=', 'YQ===', 'YWJjZ'])('rejects %j', (text) => {
    expect(base64Decode(text)).toBeUndefined();
  });

  it('accepts missing padding as browsers do', () => {
    expect(base64DecodeText('YWI')).toBe('ab');
  });

  it('round-trips any octets and matches Node', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const b64 = base64Encode(bytes);
      expect(b64).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(base64Decode(b64) ?? [])).toEqual(Array.from(bytes));
    }));
  });

  it('gives undefined for base64 of bad UTF-8 when text is wanted', () => {
    expect(base64DecodeText(base64Encode(new Uint8Array([0xff, 0xfe])))).toBeUndefined();
  });
});

describe('UTF-8', () => {
  it.each([
    [[0x41], true],
    [[0xe2, 0x82, 0xac], true],
    [[0xf0, 0x9f, 0x98, 0x80], true],
    [[0xc0, 0x80], false],
    [[0xe0, 0x80, 0x80], false],
    [[0xed, 0xa0, 0x80], false],
    [[0xf4, 0x90, 0x80, 0x80], false],
    [[0xe2, 0x82], false],
    [[0x80], false],
    [[0xff], false],
  ])('isValidUtf8(%j) is %s', (bytes, ok) => {
    expect(isValidUtf8(new Uint8Array(bytes))).toBe(ok);
  });

  it('agrees with a fatal TextDecoder on random octets', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      return isValidUtf8(bytes) === valid;
    }), { numRuns: 2000 });
  });

  it('round-trips well-formed text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => utf8Decode(utf8Encode(s)) === s && isValidUtf8(utf8Encode(s))));
  });

  it.each([
    ['abc', true],
    ['😀', true],
    ['\ud83d', false],
    ['\ude00x', false],
  ])('isWellFormedText(%j) is %s', (text, ok) => {
    expect(isWellFormedText(text)).toBe(ok);
  });
});
