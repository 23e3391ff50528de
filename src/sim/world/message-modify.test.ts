import { describe, it, expect } from 'vitest';
import { signDkim, type DkimCanon } from '../auth/dkim-sign';
import { verifyDkim } from '../auth/dkim-verify';
import { getHeader, getHeaders } from '../protocol/message';
import { parseAuthResults } from '../auth/auth-results';
import { EXAMPLE_COM_DKIM } from './default-keys';
import { describeChanges, hasChanges, modifyInTransit } from './message-modify';
import { prepareWorld } from './simulate';

const MESSAGE = [
  'From: Alice <alice@example.com>',
  'To: team@example.org',
  'Subject: Minutes of  the meeting',
  'Date: Fri, 27 Nov 2026 09:00:00 +0000',
  'Message-ID: <m1@example.com>',
  '',
  'Hi all,',
  'here are the minutes.',
  '',
].join('\r\n');

const KEY_NAME = `${EXAMPLE_COM_DKIM.selector}._domainkey.example.com`;
const lookup = (name: string) => (name === KEY_NAME ? { rcode: 'NOERROR' as const, txt: [EXAMPLE_COM_DKIM.dnsTxt] } : { rcode: 'NXDOMAIN' as const, txt: [] });
const sign = (canon: DkimCanon) => signDkim({ raw: MESSAGE, domain: 'example.com', selector: EXAMPLE_COM_DKIM.selector, privateKeyPkcs8Base64: EXAMPLE_COM_DKIM.privateKey, headers: ['from', 'to', 'subject', 'date', 'message-id'], canon });

describe('modifyInTransit', () => {
  it('appends a footer to the body and leaves the header alone', () => {
    const out = modifyInTransit(MESSAGE, { footer: '--\nteam mailing list' });
    expect(out.startsWith(MESSAGE.slice(0, MESSAGE.indexOf('\r\n\r\n')))).toBe(true);
    expect(out.endsWith('here are the minutes.\r\n--\r\nteam mailing list\r\n')).toBe(true);
  });

  it('tags the subject once', () => {
    expect(getHeader(modifyInTransit(MESSAGE, { subjectTag: '[team]' }), 'Subject')).toBe('[team] Minutes of  the meeting');
  });

  it('says what it changed, and when nothing is to be changed', () => {
    expect(hasChanges({})).toBe(false);
    expect(hasChanges({ whitespace: true })).toBe(true);
    expect(describeChanges({ subjectTag: '[team]', footer: 'x' })).toBe('subject tagged "[team]", footer appended ("x")');
  });

  it('breaks DKIM with a footer (body hash) or a subject tag (signature), not with white space under relaxed', async () => {
    const relaxed = await sign('relaxed/relaxed');
    const simple = await sign('simple/simple');
    const verdict = async (raw: string) => (await verifyDkim(raw, lookup))[0];
    expect((await verdict(relaxed)).result).toBe('pass');
    expect(await verdict(modifyInTransit(relaxed, { footer: 'Scanned.' }))).toMatchObject({ result: 'fail', reason: 'body-hash-mismatch' });
    expect(await verdict(modifyInTransit(relaxed, { subjectTag: '[team]' }))).toMatchObject({ result: 'fail', reason: 'signature-mismatch' });
    expect((await verdict(modifyInTransit(relaxed, { whitespace: true }))).result).toBe('pass');
    // The same white space breaks a simple/simple signature.
    expect(await verdict(modifyInTransit(simple, { whitespace: true }))).toMatchObject({ result: 'fail' });
  });
});

/** Runs the default world with relay.example.net changing what it passes on; returns bob's A-R. */
async function throughRelay(modify: Parameters<typeof modifyInTransit>[1]) {
  const prepared = prepareWorld({});
  if (!prepared.ok) throw new Error('world did not build');
  const world = prepared.world;
  world.mailHosts.get('relay.example.net')!.plan.modify = modify;
  await world.run(600_000);
  const box = world.view().mailboxes.find((b) => b.address === 'bob@example.org')!;
  const raw = box.folders.find((f) => f.name === 'INBOX')!.messages[0].raw;
  const ar = parseAuthResults(getHeaders(raw, 'Authentication-Results')[0]);
  if (!ar.ok) throw new Error('unreadable Authentication-Results');
  return { world, raw, results: Object.fromEntries(ar.results.map((r) => [r.method, r])) };
}

describe('a relay that changes messages', () => {
  it('breaks the DKIM body hash with a footer; SPF still carries DMARC', async () => {
    const { world, raw, results } = await throughRelay({ footer: 'This message was scanned for viruses.' });
    expect(raw.endsWith('Alice\r\nThis message was scanned for viruses.\r\n')).toBe(true);
    expect(results.dkim).toMatchObject({ result: 'fail', reason: 'body hash did not verify', props: { 'header.d': 'example.com' } });
    expect(results.spf.result).toBe('pass');
    expect(results.dmarc.result).toBe('pass');
    expect(world.trace.events.some((e) => e.type === 'mail.modify' && e.host === 'relay.example.net' && e.msg === 'm1')).toBe(true);
    expect(world.authLog.forMessage('m1')[0].dkim[0].reason).toBe('body-hash-mismatch');
  });

  it('breaks the signature when the subject is tagged like a mailing list does', async () => {
    const { results } = await throughRelay({ subjectTag: '[list]' });
    expect(results.dkim).toMatchObject({ result: 'fail', reason: 'signature did not verify' });
  });

  it('keeps DKIM intact when only white space changes (relaxed/relaxed)', async () => {
    const { raw, results } = await throughRelay({ whitespace: true });
    expect(raw).toContain('Subject:  Hello Bob');
    expect(results.dkim.result).toBe('pass');
  });
});
