import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_COM_DKIM } from '../world/default-keys';
import {
  decodeBase64,
  encodeBase64,
  generateDkimKeyPair,
  importDkimPrivateKey,
  importDkimPublicKey,
  parseDkimKeyRecord,
  parseTagList,
} from './dkim-key';

const PUBLIC = EXAMPLE_COM_DKIM.dnsTxt.replace(/^.*p=/, '');

describe('base64', () => {
  it('round-trips every byte value and ignores whitespace', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = encodeBase64(all);
    expect(decodeBase64(text)).toEqual(all);
    expect(decodeBase64(text.replace(/(.{10})/g, '$1\r\n\t'))).toEqual(all);
  });
  it('rejects what is not base64, accepts missing padding', () => {
    expect(decodeBase64('ab$d')).toBeNull();
    expect(decodeBase64('a')).toBeNull();
    expect(decodeBase64('YWI')).toEqual(new Uint8Array([0x61, 0x62]));
  });
});

describe('parseTagList (RFC 6376 §3.2)', () => {
  it('reads tags with folding and a trailing semicolon', () => {
    const r = parseTagList(' v = 1 ;\r\n\ta=rsa-sha256; h=from :\r\n to;');
    expect(r.ok && [...r.tags]).toEqual([['v', '1'], ['a', 'rsa-sha256'], ['h', 'from : to']]);
  });
  it.each([
    ['v=1; v=1', 'twice'],
    ['v=1;; a=2', 'empty'],
    ['novalue', 'tag=value'],
    ['1x=2', 'tag=value'],
  ])('rejects %j', (text, word) => {
    const r = parseTagList(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.note.en).toContain(word);
  });
});

describe('parseDkimKeyRecord (RFC 6376 §3.6.1)', () => {
  it('reads a key record with defaults', () => {
    const r = parseDkimKeyRecord(EXAMPLE_COM_DKIM.dnsTxt);
    expect(r).toMatchObject({ ok: true, version: 'DKIM1', keyType: 'rsa', revoked: false, services: ['*'], testing: false, strict: false });
  });
  it('reads flags, hashes and services', () => {
    const r = parseDkimKeyRecord('k=rsa; h=sha1:sha256; s=email; t=y:s; p=AAAA');
    expect(r).toMatchObject({ ok: true, hashes: ['sha1', 'sha256'], services: ['email'], testing: true, strict: true });
  });
  it('treats an empty p= as revoked', () => {
    expect(parseDkimKeyRecord('v=DKIM1; p=')).toMatchObject({ ok: true, revoked: true, publicKey: '' });
  });
  it('joins a p= value split by whitespace', () => {
    expect(parseDkimKeyRecord('p=AB CD')).toMatchObject({ ok: true, publicKey: 'ABCD' });
  });
  it.each([
    ['k=rsa; v=DKIM1; p=AAAA', 'first'],
    ['v=DKIM2; p=AAAA', 'DKIM1'],
    ['v=DKIM1; k=rsa', 'no p='],
    ['v=DKIM1; p=not base64!', 'base64'],
    ['v=DKIM1; p=A; p=B', 'twice'],
  ])('rejects %j', (txt, word) => {
    const r = parseDkimKeyRecord(txt);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.note.en).toContain(word);
  });
});

describe('importing keys', () => {
  it('imports the default PKCS#8 key as base64 and as PEM', async () => {
    const b64 = await importDkimPrivateKey(EXAMPLE_COM_DKIM.privateKey);
    expect(b64).toMatchObject({ ok: true, bits: 2048 });
    const pem = `-----BEGIN PRIVATE KEY-----\n${EXAMPLE_COM_DKIM.privateKey.replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`;
    expect(await importDkimPrivateKey(pem)).toMatchObject({ ok: true, bits: 2048 });
  });
  it('imports a PKCS#1 private key PEM (BEGIN RSA PRIVATE KEY)', async () => {
    const der = Buffer.from(EXAMPLE_COM_DKIM.privateKey, 'base64');
    const pkcs1 = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs1' }).toString();
    expect(pkcs1).toContain('BEGIN RSA PRIVATE KEY');
    expect(await importDkimPrivateKey(pkcs1)).toMatchObject({ ok: true, bits: 2048 });
  });
  it('imports the public key as SubjectPublicKeyInfo and as bare PKCS#1', async () => {
    expect(await importDkimPublicKey(PUBLIC)).toMatchObject({ ok: true, bits: 2048 });
    const pkcs1 = createPublicKey({ key: Buffer.from(PUBLIC, 'base64'), format: 'der', type: 'spki' }).export({ format: 'der', type: 'pkcs1' });
    expect(await importDkimPublicKey(pkcs1.toString('base64'))).toMatchObject({ ok: true, bits: 2048 });
  });
  it('returns errors, never throws, for bad keys', async () => {
    expect(await importDkimPrivateKey('not a key!')).toMatchObject({ ok: false, error: 'syntax' });
    expect(await importDkimPrivateKey('AAAAAAAA')).toMatchObject({ ok: false, error: 'crypto' });
    expect(await importDkimPrivateKey('-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----')).toMatchObject({ ok: false, error: 'unsupported' });
    expect(await importDkimPublicKey('AAAAAAAA')).toMatchObject({ ok: false, error: 'syntax' });
    expect(await importDkimPublicKey('%%%')).toMatchObject({ ok: false, error: 'syntax' });
  });
});

describe('generateDkimKeyPair', () => {
  it('makes a pair whose halves import and whose TXT record parses', async () => {
    const pair = await generateDkimKeyPair(1024);
    if (!pair.ok) throw new Error('expected a key pair');
    expect(pair.dnsTxt).toBe(`v=DKIM1; k=rsa; p=${pair.publicSpkiBase64}`);
    expect(await importDkimPrivateKey(pair.privatePkcs8Base64)).toMatchObject({ ok: true, bits: 1024 });
    const record = parseDkimKeyRecord(pair.dnsTxt);
    expect(record.ok && (await importDkimPublicKey(record.publicKey))).toMatchObject({ ok: true, bits: 1024 });
  });
  it('refuses odd sizes with an error value', async () => {
    expect(await generateDkimKeyPair(512)).toMatchObject({ ok: false, error: 'unsupported' });
  });
});
