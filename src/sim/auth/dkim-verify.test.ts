import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_COM_DKIM, EXAMPLE_ORG_DKIM } from '../world/default-keys';
import { type DkimCanon, type DkimSignOptions, signDkim } from './dkim-sign';
import { type DkimResult, type TxtAnswer, type TxtLookup, verifyDkim } from './dkim-verify';

const KEY_NAME = 's2026._domainkey.example.com';

/** A fake resolver: a name maps to its TXT records or to an error code; anything else is NXDOMAIN. */
function dns(zone: Record<string, string[] | TxtAnswer['rcode']>): (name: string) => TxtAnswer {
  return (name) => {
    const entry = zone[name];
    if (entry === undefined) return { rcode: 'NXDOMAIN', txt: [] };
    return typeof entry === 'string' ? { rcode: entry, txt: [] } : { rcode: 'NOERROR', txt: entry };
  };
}
const GOOD_DNS = dns({ [KEY_NAME]: [EXAMPLE_COM_DKIM.dnsTxt] });

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
  'Alice',
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

const sign = (change: Partial<DkimSignOptions> = {}): Promise<string> => signDkim({ ...OPTIONS, ...change });

async function verifyOne(raw: string, lookup: TxtLookup = GOOD_DNS, now?: number): Promise<DkimResult> {
  const results = await verifyDkim(raw, lookup, { now });
  expect(results).toHaveLength(1);
  const [r] = results;
  for (const step of r.steps) {
    expect(step.note.en).not.toBe('');
    expect(step.note.de).not.toBe('');
  }
  return r;
}

const CANONS: DkimCanon[] = ['relaxed/relaxed', 'simple/simple', 'relaxed/simple', 'simple/relaxed'];

describe('verifyDkim round trips', () => {
  it.each(CANONS)('%s: signed here, verified here', async (canon) => {
    const r = await verifyOne(await sign({ canon }));
    expect(r).toMatchObject({ result: 'pass', domain: 'example.com', selector: 's2026' });
    expect(r.reason).toBeUndefined();
    expect(r.headerB).toHaveLength(8);
    expect(r.steps.map((s) => s.kind)).toEqual(['signature', 'dns', 'key', 'body', 'headers', 'verdict']);
  });

  it('asks DNS for selector._domainkey.domain and explains it', async () => {
    const asked: string[] = [];
    const r = await verifyOne(await sign(), (name) => {
      asked.push(name);
      return GOOD_DNS(name);
    });
    expect(asked).toEqual([KEY_NAME]);
    expect(r.steps[1].note.en).toContain(KEY_NAME);
  });

  it('verifies a message whose line ends became bare LF', async () => {
    expect((await verifyOne((await sign()).replace(/\r\n/g, '\n'))).result).toBe('pass');
  });

  it('verifies UTF-8 text and an empty body', async () => {
    const utf8 = RAW.replace('Hi Bob,', 'Grüße, Bob — ça va?');
    expect((await verifyOne(await sign({ raw: utf8 }))).result).toBe('pass');
    const empty = RAW.slice(0, RAW.indexOf('\r\n\r\n') + 4);
    for (const canon of CANONS) expect((await verifyOne(await sign({ raw: empty, canon }))).result).toBe('pass');
  });

  it('accepts an async resolver', async () => {
    expect((await verifyOne(await sign(), async (n) => GOOD_DNS(n))).result).toBe('pass');
  });
});

describe('what breaks a signature', () => {
  it('a changed body: fail, body-hash-mismatch', async () => {
    const r = await verifyOne((await sign()).replace('at noon', 'at one'));
    expect(r).toMatchObject({ result: 'fail', reason: 'body-hash-mismatch' });
  });

  it('a changed signed header: fail, signature-mismatch', async () => {
    const r = await verifyOne((await sign()).replace('Subject: Lunch', 'Subject: Dinner'));
    expect(r).toMatchObject({ result: 'fail', reason: 'signature-mismatch' });
  });

  it('a key from another domain published under the selector: signature-mismatch', async () => {
    const r = await verifyOne(await sign(), dns({ [KEY_NAME]: [EXAMPLE_ORG_DKIM.dnsTxt] }));
    expect(r).toMatchObject({ result: 'fail', reason: 'signature-mismatch' });
  });

  const whitespace = (m: string): string =>
    m.replace('Subject: Lunch on Friday?', 'subject:   Lunch  on\r\n Friday? ').replace('shall we meet', 'shall  we meet \t');

  it.each([
    ['relaxed/relaxed', 'pass', undefined],
    ['simple/relaxed', 'fail', 'signature-mismatch'],
    ['relaxed/simple', 'fail', 'body-hash-mismatch'],
    ['simple/simple', 'fail', 'body-hash-mismatch'],
  ] as const)('extra spaces and header case with %s: %s', async (canon, result, reason) => {
    const r = await verifyOne(whitespace(await sign({ canon })));
    expect(r.result).toBe(result);
    expect(r.reason).toBe(reason);
  });

  it('adding empty lines at the end breaks neither canonicalisation', async () => {
    for (const canon of CANONS) expect((await verifyOne((await sign({ canon })) + '\r\n\r\n')).result).toBe('pass');
  });
});

describe('over-signing (RFC 6376 §5.4.2)', () => {
  const addSubject = (signed: string): string => signed.replace('From: Alice', 'Subject: URGENT: pay this invoice\r\nFrom: Alice');

  it('without it, a second Subject added above goes unnoticed', async () => {
    expect((await verifyOne(addSubject(await sign()))).result).toBe('pass');
  });

  it('with it, the added Subject breaks the signature', async () => {
    const signed = await sign({ headers: ['from', 'to', 'subject', 'subject', 'date'] });
    expect((await verifyOne(signed)).result).toBe('pass');
    expect(await verifyOne(addSubject(signed))).toMatchObject({ result: 'fail', reason: 'signature-mismatch' });
  });
});

describe('keys in DNS', () => {
  it('NXDOMAIN: permerror, no-key', async () => {
    expect(await verifyOne(await sign(), dns({}))).toMatchObject({ result: 'permerror', reason: 'no-key' });
  });
  it('a name without TXT: permerror, no-key', async () => {
    expect(await verifyOne(await sign(), dns({ [KEY_NAME]: [] }))).toMatchObject({ result: 'permerror', reason: 'no-key' });
  });
  it.each(['SERVFAIL', 'TIMEOUT'] as const)('%s: temperror, dns-error', async (rcode) => {
    expect(await verifyOne(await sign(), dns({ [KEY_NAME]: rcode }))).toMatchObject({ result: 'temperror', reason: 'dns-error' });
  });
  it('an empty p=: permerror, key-revoked', async () => {
    expect(await verifyOne(await sign(), dns({ [KEY_NAME]: ['v=DKIM1; k=rsa; p='] }))).toMatchObject({ result: 'permerror', reason: 'key-revoked' });
  });
  it('an unreadable key record: permerror, syntax', async () => {
    expect(await verifyOne(await sign(), dns({ [KEY_NAME]: ['k=rsa; v=DKIM1; p=AAAA'] }))).toMatchObject({ result: 'permerror', reason: 'syntax' });
    expect(await verifyOne(await sign(), dns({ [KEY_NAME]: ['v=DKIM1; p=AAAAAAAA'] }))).toMatchObject({ result: 'permerror', reason: 'syntax' });
  });
  it('skips a record that does not parse when a good one follows', async () => {
    expect((await verifyOne(await sign(), dns({ [KEY_NAME]: ['v=spf1 -all', EXAMPLE_COM_DKIM.dnsTxt] }))).result).toBe('pass');
  });
  it('keys that cannot be used: neutral, unsupported', async () => {
    const p = EXAMPLE_COM_DKIM.dnsTxt.replace(/^.*p=/, '');
    for (const txt of [`v=DKIM1; k=ed25519; p=${p}`, `v=DKIM1; h=sha1; p=${p}`, `v=DKIM1; s=tlsrpt; p=${p}`]) {
      expect(await verifyOne(await sign(), dns({ [KEY_NAME]: [txt] }))).toMatchObject({ result: 'neutral', reason: 'unsupported' });
    }
  });
  it('a key under 1024 bits: neutral, unsupported (RFC 8301 §3.2)', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 512 });
    const priv = small.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    const pub = small.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const r = await verifyOne(await sign({ privateKeyPkcs8Base64: priv }), dns({ [KEY_NAME]: [`v=DKIM1; p=${pub}`] }));
    expect(r).toMatchObject({ result: 'neutral', reason: 'unsupported' });
  });
  it('t=y marks the result as testing', async () => {
    const r = await verifyOne(await sign(), dns({ [KEY_NAME]: [EXAMPLE_COM_DKIM.dnsTxt + '; t=y'] }));
    expect(r).toMatchObject({ result: 'pass', testing: true });
  });
});

describe('signature tags', () => {
  it('From not in h=: permerror, header-not-signed', async () => {
    const signed = (await sign()).replace('h=from:', 'h=');
    expect(await verifyOne(signed)).toMatchObject({ result: 'permerror', reason: 'header-not-signed' });
  });
  it('past x=: permerror, expired; before it: pass', async () => {
    const signed = await sign({ expires: 1795773600 });
    expect((await verifyOne(signed, GOOD_DNS, 1795773000)).result).toBe('pass');
    expect(await verifyOne(signed, GOOD_DNS, 1795773601)).toMatchObject({ result: 'permerror', reason: 'expired' });
  });
  it.each([
    ['bh= missing', (s: string) => s.replace(/bh=[^;]+;/, '')],
    ['v=2', (s: string) => s.replace('v=1;', 'v=2;')],
    ['unknown c=', (s: string) => s.replace('c=relaxed/relaxed', 'c=loose')],
    ['duplicate tag', (s: string) => s.replace('v=1;', 'v=1; v=1;')],
    ['i= outside d=', (s: string) => s.replace('d=example.com;', 'd=example.com; i=alice@example.net;')],
    ['x= before t=', (s: string) => s.replace('t=1795770000;', 't=1795770000; x=1795760000;')],
    ['l= not a number', (s: string) => s.replace('t=1795770000;', 't=1795770000; l=ten;')],
  ])('%s: permerror, syntax', async (_name, change) => {
    expect(await verifyOne(change(await sign()))).toMatchObject({ result: 'permerror', reason: 'syntax' });
  });
  it('rsa-sha1: neutral, unsupported (RFC 8301)', async () => {
    const signed = (await sign()).replace('a=rsa-sha256', 'a=rsa-sha1');
    expect(await verifyOne(signed)).toMatchObject({ result: 'neutral', reason: 'unsupported' });
  });
});

describe('l= body length', () => {
  it('text appended after signing still passes, with a warning step', async () => {
    const r = await verifyOne((await sign({ bodyLength: true })) + 'P.S. click here\r\n');
    expect(r.result).toBe('pass');
    expect(r.steps.some((s) => s.note.en.includes('not signed'))).toBe(true);
  });
  it('a body cut shorter than l=: fail, body-hash-mismatch', async () => {
    const r = await verifyOne((await sign({ bodyLength: true })).replace('\r\nAlice\r\n', '\r\n'));
    expect(r).toMatchObject({ result: 'fail', reason: 'body-hash-mismatch' });
  });
});

describe('several signatures', () => {
  it('none gives an empty list', async () => {
    expect(await verifyDkim(RAW, GOOD_DNS)).toEqual([]);
  });
  it('gives one result per DKIM-Signature, top to bottom', async () => {
    const first = await sign();
    const both = await signDkim({ ...OPTIONS, raw: first, domain: 'example.org', privateKeyPkcs8Base64: EXAMPLE_ORG_DKIM.privateKey });
    const lookup = dns({ [KEY_NAME]: [EXAMPLE_COM_DKIM.dnsTxt] });
    const results = await verifyDkim(both, lookup);
    expect(results.map((r) => [r.domain, r.result, r.reason])).toEqual([
      ['example.org', 'permerror', 'no-key'],
      ['example.com', 'pass', undefined],
    ]);
  });
});

describe('timing', () => {
  it('signs and verifies a message in well under a second', async () => {
    const t0 = performance.now();
    const r = await verifyOne(await sign());
    const ms = performance.now() - t0;
    expect(r.result).toBe('pass');
    expect(ms).toBeLessThan(1000);
  });
});
