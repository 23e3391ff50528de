import { describe, expect, it } from 'vitest';
import { EXAMPLE_COM_DKIM } from '../world/default-keys';
import { splitRawMessage } from './dkim-canon';
import { parseTagList } from './dkim-key';
import { type DkimSignOptions, signDkim, trySignDkim } from './dkim-sign';

const RAW = [
  'From: Alice <alice@example.com>',
  'To: Bob <bob@example.org>',
  'Subject: Lunch on Friday?',
  'Date: Fri, 27 Nov 2026 09:00:00 +0000',
  'Message-ID: <m1@example.com>',
  '',
  'Hi Bob,',
  'shall we meet at noon?',
  '',
].join('\r\n');

const OPTIONS: DkimSignOptions = {
  raw: RAW,
  domain: 'example.com',
  selector: 's2026',
  privateKeyPkcs8Base64: EXAMPLE_COM_DKIM.privateKey,
  headers: ['from', 'to', 'subject', 'date', 'message-id'],
  canon: 'relaxed/relaxed',
  timestamp: 1795770000,
};

function signatureTags(signed: string): Map<string, string> {
  const field = splitRawMessage(signed).headers[0];
  const tags = parseTagList(field.value);
  if (!tags.ok) throw new Error('unreadable signature');
  return tags.tags;
}

describe('signDkim', () => {
  it('prepends a folded DKIM-Signature with b= last and keeps the message', async () => {
    const signed = await signDkim(OPTIONS);
    expect(signed.startsWith('DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com;')).toBe(true);
    expect(signed.endsWith('\r\n' + RAW)).toBe(true);
    const field = splitRawMessage(signed).headers[0];
    for (const line of field.raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    const tags = signatureTags(signed);
    expect([...tags.keys()]).toEqual(['v', 'a', 'c', 'd', 's', 't', 'h', 'bh', 'b']);
    expect(tags.get('h')).toBe('from:to:subject:date:message-id');
    expect(tags.get('t')).toBe('1795770000');
    expect(tags.get('b')!.replace(/\s/g, '')).toHaveLength(344);
  });

  it('is deterministic: same input, same output', async () => {
    expect(await signDkim(OPTIONS)).toBe(await signDkim({ ...OPTIONS }));
  });

  it('writes l=, x= and over-signed names as asked', async () => {
    const tags = signatureTags(await signDkim({ ...OPTIONS, bodyLength: true, expires: 1795773600, headers: ['from', 'from', 'subject', 'subject'] }));
    expect(tags.get('l')).toBe(String(new TextEncoder().encode('Hi Bob,\r\nshall we meet at noon?\r\n').length));
    expect(tags.get('x')).toBe('1795773600');
    expect(tags.get('h')!.replace(/\s/g, '')).toBe('from:from:subject:subject');
  });

  it('leaves t= out when no time is given', async () => {
    expect(signatureTags(await signDkim({ ...OPTIONS, timestamp: undefined })).has('t')).toBe(false);
  });

  it.each([
    [{ headers: ['to', 'subject'] }, 'From'],
    [{ domain: 'not a domain' }, 'domain'],
    [{ selector: '' }, 'selector'],
    [{ canon: 'loose/loose' as never }, 'canonicalisation'],
    [{ headers: ['from', 'bad:name'] }, 'header field name'],
    [{ expires: 1795770000 }, 'expiry'],
    [{ timestamp: -1 }, 'seconds'],
  ])('refuses bad options %j with an explained error', async (change, word) => {
    const r = await trySignDkim({ ...OPTIONS, ...change });
    expect(r).toMatchObject({ ok: false, error: 'bad-options' });
    if (!r.ok) expect(r.note.en).toContain(word);
  });

  it('refuses a bad key, and signDkim then sends the message unsigned', async () => {
    expect(await trySignDkim({ ...OPTIONS, privateKeyPkcs8Base64: 'AAAA' })).toMatchObject({ ok: false, error: 'bad-key' });
    expect(await signDkim({ ...OPTIONS, privateKeyPkcs8Base64: 'AAAA' })).toBe(RAW);
  });
});
