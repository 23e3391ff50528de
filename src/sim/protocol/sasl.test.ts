import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LOGIN_PASSWORD_CHALLENGE, LOGIN_USERNAME_CHALLENGE, decodeChallenge, decodeLoginStep, decodePlain, decodeSaslText,
  encodeLoginStep, encodePlain, encodeSaslText, isSaslCancel, isSaslError,
} from './sasl';

describe('AUTH PLAIN (RFC 4616)', () => {
  it.each([
    ['AGFsaWNlAHNlY3JldA==', { authzid: '', authcid: 'alice', password: 'secret' }],
    ['YWxpY2UAYWxpY2UAc2VjcmV0', { authzid: 'alice', authcid: 'alice', password: 'secret' }],
    [' AGFsaWNlAHNlY3JldA== ', { authzid: '', authcid: 'alice', password: 'secret' }],
    ['AGrDvHJnZW5AZXhhbXBsZS5vcmcAUGFzc3fDtnJ0', { authzid: '', authcid: 'jürgen@example.org', password: 'Passwört' }],
  ])('decodes %s', (line, creds) => {
    expect(decodePlain(line)).toEqual(creds);
  });

  it.each([
    ['not base64!', { kind: 'bad-base64' }],
    ['alice', { kind: 'bad-base64' }],
    ['YWxpY2U=', { kind: 'malformed', reason: 'not-plain' }],
    ['=', { kind: 'malformed', reason: 'not-plain' }],
    [encodePlain({ authcid: '', password: 'x' }), { kind: 'malformed', reason: 'empty-user' }],
    [encodePlain({ authcid: 'alice', password: '' }), { kind: 'malformed', reason: 'empty-password' }],
    ['//79', { kind: 'malformed', reason: 'not-utf8' }],
  ])('refuses %j without throwing', (line, error) => {
    const result = decodePlain(line);
    expect(result).toEqual(error);
    expect(isSaslError(result)).toBe(true);
  });

  it('encodes what it decodes', () => {
    const text = fc.string({ minLength: 1, unit: 'grapheme' }).filter((s) => !s.includes('\0'));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\0')), text, text, (authzid, authcid, password) => {
      expect(decodePlain(encodePlain({ authzid, authcid, password }))).toEqual({ authzid, authcid, password });
    }));
  });
});

describe('AUTH LOGIN', () => {
  it('has the challenges Postfix sends', () => {
    expect(decodeChallenge(LOGIN_USERNAME_CHALLENGE)).toBe('Username:');
    expect(decodeChallenge(LOGIN_PASSWORD_CHALLENGE)).toBe('Password:');
  });

  it.each(['alice@example.com', 'Passwört', 'x'])('round-trips %j', (value) => {
    expect(decodeLoginStep(encodeLoginStep(value))).toBe(value);
  });

  it('answers bad base64 with a value', () => {
    expect(decodeLoginStep('alice@example.com')).toEqual({ kind: 'bad-base64' });
  });
});

describe('SASL lines (RFC 4954 §4)', () => {
  it.each([['*', true], [' * ', true], ['**', false], ['', false], ['Kg==', false]])('isSaslCancel(%j) is %s', (line, cancel) => {
    expect(isSaslCancel(line)).toBe(cancel);
  });

  it('uses "=" for an empty initial response', () => {
    expect(encodeSaslText('', true)).toBe('=');
    expect(encodeSaslText('')).toBe('');
    expect(decodeSaslText('=')).toBe('');
    expect(decodeSaslText('')).toBe('');
  });
});
