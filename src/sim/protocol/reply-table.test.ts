import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUTH_REPLIES } from './reply-table-data-auth';
import { DELIVERY_REPLIES } from './reply-table-data-delivery';
import { SESSION_REPLIES } from './reply-table-data-session';
import { SYNTAX_REPLIES } from './reply-table-data-syntax';
import {
  POSTFIX_EHLO_KEYWORDS, REPLY_TABLE, explainKey, explainReply, explainReplyValue, isReplyKey, replyEntry, replyFor,
  type ReplyKey, type ReplyVars,
} from './reply-table';
import { formatReply, isEnhancedCode } from './smtp-reply';

const host = 'mail.example.org';
const vars: ReplyVars = {
  host, id: '4ABC123', address: 'bob@example.org', user: 'alice@example.com', ip: '203.0.113.10',
  zone: 'dnsbl.example.net', domain: 'example.net', option: 'FROBNICATE=1', keywords: POSTFIX_EHLO_KEYWORDS,
};

describe('replyFor matches what Postfix and Dovecot really say (shared/REAL-REPLIES.md)', () => {
  it.each<[ReplyKey, ReplyVars, string[]]>([
    ['greeting', { host }, ['220 mail.example.org ESMTP Postfix']],
    ['ehlo', { host, keywords: POSTFIX_EHLO_KEYWORDS }, [
      '250-mail.example.org', '250-PIPELINING', '250-SIZE 10240000', '250-VRFY', '250-ETRN', '250-STARTTLS',
      '250-ENHANCEDSTATUSCODES', '250-8BITMIME', '250-DSN', '250-SMTPUTF8', '250 CHUNKING']],
    ['syntax.ehlo', {}, ['501 Syntax: EHLO hostname']],
    ['helo', { host }, ['250 mail.example.org']],
    ['ok', {}, ['250 2.0.0 Ok']],
    ['vrfy.known', { address: 'bob@example.org' }, ['252 2.0.0 bob@example.org']],
    ['user-unknown', { address: 'nosuchuser@example.org' }, ['550 5.1.1 <nosuchuser@example.org>: Recipient address rejected: User unknown in virtual mailbox table']],
    ['unknown-command', {}, ['500 5.5.2 Error: command not recognized']],
    ['sequence.need-mail', {}, ['503 5.5.1 Error: need MAIL command']],
    ['sequence.need-rcpt', {}, ['503 5.5.1 Error: need RCPT command']],
    ['data.no-valid-recipients', {}, ['554 5.5.1 Error: no valid recipients']],
    ['syntax.sender-address', {}, ['501 5.1.7 Bad sender address syntax']],
    ['syntax.mail', {}, ['501 5.5.4 Syntax: MAIL FROM:<address>']],
    ['syntax.unsupported-option', { option: 'syntax' }, ['555 5.5.4 Unsupported option: syntax']],
    ['syntax.unsupported-option', { option: 'FROBNICATE=1' }, ['555 5.5.4 Unsupported option: FROBNICATE=1']],
    ['mail.ok', {}, ['250 2.1.0 Ok']],
    ['rcpt.ok', {}, ['250 2.1.5 Ok']],
    ['relay-deferred', { address: 'someone@example.net' }, ['454 4.7.1 <someone@example.net>: Relay access denied']],
    ['relay-denied', { address: 'someone@example.net' }, ['554 5.7.1 <someone@example.net>: Relay access denied']],
    ['data.queued', { id: '4ABC123' }, ['250 2.0.0 Ok: queued as 4ABC123']],
    ['size.exceeded', {}, ['552 5.3.4 Message size exceeds fixed limit']],
    ['size.data-too-big', {}, ['552 5.3.4 Error: message file too big']],
    ['data.start', {}, ['354 End data with <CR><LF>.<CR><LF>']],
    ['starttls.ready', {}, ['220 2.0.0 Ready to start TLS']],
    ['auth.not-enabled', {}, ['503 5.5.1 Error: authentication not enabled']],
    ['bye', {}, ['221 2.0.0 Bye']],
    ['auth.tls-required', {}, ['530 5.7.0 Must issue a STARTTLS command first']],
    ['sender.not-logged-in', { address: 'alice@example.com' }, ['553 5.7.1 <alice@example.com>: Sender address rejected: not logged in']],
    ['rcpt.access-denied', { address: 'bob@example.org' }, ['554 5.7.1 <bob@example.org>: Recipient address rejected: Access denied']],
    ['auth.failed', {}, ['535 5.7.8 Error: authentication failed: (reason unavailable)']],
    ['auth.challenge-empty', {}, ['334 ']],
    ['auth.ok', {}, ['235 2.7.0 Authentication successful']],
    ['auth.challenge-username', {}, ['334 VXNlcm5hbWU6']],
    ['auth.challenge-password', {}, ['334 UGFzc3dvcmQ6']],
    ['auth.aborted', {}, ['501 5.7.0 Authentication aborted']],
    ['auth.invalid-mechanism', {}, ['535 5.7.8 Error: authentication failed: Invalid authentication mechanism']],
    ['auth.already', {}, ['503 5.5.1 Error: already authenticated']],
    ['auth.in-transaction', {}, ['503 5.5.1 Error: MAIL transaction in progress']],
    ['auth.bad-base64', {}, ['535 5.7.8 Error: authentication failed: Invalid base64 data in initial response']],
    ['sender.not-owned', { address: 'mallory@example.com', user: 'alice@example.com' }, ['553 5.7.1 <mallory@example.com>: Sender address rejected: not owned by user alice@example.com']],
    ['too-many-connections', { host, ip: '127.0.0.1' }, ['421 4.7.0 mail.example.org Error: too many connections from 127.0.0.1']],
    ['syntax.bad-utf8', {}, ['500 5.5.2 Error: bad UTF-8 syntax']],
    ['mailbox-full', { address: 'bob@example.org' }, ['552 5.2.2 <bob@example.org> Quota exceeded (mailbox for user is full)']],
    ['dnsbl.listed', { ip: '198.51.100.7', zone: 'zen.example.net' }, ['554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.example.net']],
  ])('%s', (key, v, wire) => {
    expect(formatReply(replyFor(key, v))).toEqual(wire);
  });

  it('leaves a missing variable readable', () => {
    expect(replyFor('user-unknown').lines).toEqual(['<{address}>: Recipient address rejected: User unknown in virtual mailbox table']);
  });

  it('resolves aliases and survives unknown keys', () => {
    expect(replyFor('mail.transaction-in-progress')).toEqual(replyFor('mail.nested'));
    expect(replyFor('bad-sequence')).toEqual(replyFor('sequence.bad'));
    expect(replyFor('no-such-key' as ReplyKey)).toEqual({ code: 451, enhanced: '4.3.0', lines: ['Error: no reply text for no-such-key'] });
    expect([isReplyKey('busy'), isReplyKey('bad-sequence'), isReplyKey('nope'), isReplyKey('toString')]).toEqual([true, true, false, false]);
  });
});

describe('the table itself', () => {
  const SEED_CODES = [421, 451, 535, 550, 552, 553, 554];
  const BRIEF_KEYS = [
    'greeting', 'ehlo', 'helo', 'ok', 'mail.ok', 'rcpt.ok', 'data.start', 'data.queued', 'bye', 'starttls.ready', 'busy',
    'too-many-connections', 'local-error', 'greylisted', 'auth.ok', 'auth.failed', 'auth.app-password', 'auth.tls-required',
    'auth.not-enabled', 'auth.aborted', 'auth.already', 'auth.in-transaction', 'auth.bad-base64', 'auth.invalid-mechanism',
    'auth.challenge-username', 'auth.challenge-password', 'sender.not-logged-in', 'sender.not-owned', 'sender.not-allowed',
    'rcpt.access-denied', 'user-unknown', 'relay-denied', 'relay-deferred', 'size.exceeded', 'size.data-too-big', 'mailbox-full',
    'null-mx', 'spf.fail', 'dmarc.reject', 'auth.multiple-failed', 'dnsbl.listed', 'spam.reject', 'vrfy.known',
    'mail.transaction-in-progress', 'bad-sequence',
  ];
  const ASCII_GERMAN = /\b(fuer|ueber|Ueber|koenn|moeglich|pruef|Pruef|groess|Groess|naechst|Empfaenger|waehl|laeng|schliess|muessen|oeffn)/;

  it('has no key twice across the data files', () => {
    const total = [SESSION_REPLIES, SYNTAX_REPLIES, AUTH_REPLIES, DELIVERY_REPLIES].reduce((n, part) => n + Object.keys(part).length, 0);
    expect(REPLY_TABLE.length).toBe(total);
  });

  it.each(BRIEF_KEYS)('has %s', (key) => {
    expect(replyEntry(key)).toBeDefined();
  });

  it.each(SEED_CODES)('explains the seed article\'s %i', (code) => {
    expect(REPLY_TABLE.some((e) => e.code === code)).toBe(true);
  });

  it.each(REPLY_TABLE.map((e) => [e.key, e] as const))('%s is well-formed', (_key, e) => {
    expect(e.code).toBeGreaterThanOrEqual(200);
    expect(e.code).toBeLessThan(600);
    if (e.enhanced !== undefined) {
      expect(isEnhancedCode(e.enhanced)).toBe(true);
      expect(Number(e.enhanced[0])).toBe(Math.floor(e.code / 100));
    }
    for (const lang of ['en', 'de'] as const) {
      for (const field of ['title', 'meaning', 'cause', 'fix'] as const) expect(e[lang][field].trim()).not.toBe('');
    }
    expect(JSON.stringify(e.de)).not.toMatch(ASCII_GERMAN);
    for (const [, name] of e.text.matchAll(/\{(\w+)\}/g)) expect(Object.keys(vars)).toContain(name);
  });

  it('explains every entry\'s own reply as that entry', () => {
    for (const e of REPLY_TABLE) expect(explainReplyValue(replyFor(e.key, vars), 'en').key).toBe(e.key);
  });
});

describe('explainReply', () => {
  it.each<[number, string | undefined, 'en' | 'de', string | undefined, Partial<ReturnType<typeof explainReply>>]>([
    [550, '5.1.1', 'en', undefined, { key: 'user-unknown', basis: 'entry', temporary: false }],
    [421, '4.3.2', 'de', undefined, { key: 'busy', title: 'Dienst nicht verfügbar', temporary: true }],
    [451, '4.3.0', 'de', undefined, { key: 'local-error', title: 'Vorübergehendes lokales Problem' }],
    [552, '5.3.4', 'en', 'Error: message file too big', { key: 'size.data-too-big' }],
    [550, '5.7.1', 'en', 'rejected by DMARC policy for example.com', { key: 'dmarc.reject' }],
    [550, '5.7.1', 'en', undefined, { basis: 'shared', title: 'Delivery not authorized, message refused' }],
    [554, '5.7.1', 'en', 'Service unavailable; Client host [198.51.100.7] blocked using zen.example.net', { key: 'dnsbl.listed' }],
    [550, undefined, 'en', '<x@example.org>: Recipient address rejected: User unknown in virtual mailbox table', { key: 'user-unknown' }],
    [454, '4.7.1', 'en', '<a@example.net>: Relay access denied', { key: 'relay-deferred', temporary: true }],
    [334, undefined, 'en', 'VXNlcm5hbWU6', { key: 'auth.challenge-username' }],
    [501, undefined, 'en', 'Syntax: EHLO hostname', { key: 'syntax.ehlo' }],
    [501, undefined, 'en', undefined, { basis: 'shared' }],
    [550, ' 5.01.1 ', 'en', undefined, { key: 'user-unknown', enhanced: '5.1.1' }],
    [552, '5.2.99', 'en', undefined, { basis: 'subject' }],
    [550, '5.4.4', 'de', undefined, { basis: 'detail', title: 'Kein Weg zum Ziel: kein MX und keine Adresse für die Domain gefunden' }],
    [551, undefined, 'en', undefined, { basis: 'code', title: 'User not local' }],
    [599, undefined, 'en', undefined, { basis: 'class', title: 'Permanent failure' }],
    [459, undefined, 'de', undefined, { basis: 'class', title: 'Vorübergehender Fehler', temporary: true }],
    [0, undefined, 'en', undefined, { basis: 'unknown' }],
    [0, '5.1.1', 'en', undefined, { basis: 'detail', title: 'Bad destination mailbox address: no such user' }],
    [Number.NaN, undefined, 'de', undefined, { basis: 'unknown', title: 'Unbekannte Antwort' }],
    [250, 'garbage', 'en', undefined, { basis: 'shared' }],
  ])('explainReply(%s, %j, %s, %j)', (code, enhanced, lang, text, expected) => {
    expect(explainReply(code, enhanced, lang, text)).toMatchObject(expected);
  });

  it('names every situation a shared code stands for', () => {
    const e = explainReply(550, '5.7.1', 'de');
    expect(e.cause).toContain('Als Spam abgelehnt');
    expect(e.cause).toContain('Durch DMARC abgelehnt');
  });

  it('teaches the 4xx/5xx difference', () => {
    expect(explainReply(451, '4.9.9', 'en').meaning).toMatch(/retr/);
    expect(explainReply(559, undefined, 'en').meaning).toMatch(/bounce/);
  });

  it('never throws and always says something', () => {
    fc.assert(fc.property(fc.integer({ min: -10, max: 1000 }), fc.option(fc.string(), { nil: undefined }), fc.constantFrom('en' as const, 'de' as const), fc.option(fc.string(), { nil: undefined }),
      (code, enhanced, lang, text) => {
        const e = explainReply(code, enhanced, lang, text);
        for (const field of [e.title, e.meaning, e.cause, e.fix]) expect(field.length).toBeGreaterThan(0);
      }), { numRuns: 3000 });
  });

  it('explainKey gives an entry in either language', () => {
    expect(explainKey('relay-denied', 'en').meaning).toContain('454 4.7.1');
    expect(explainKey('auth.app-password', 'de').title).toBe('App-Passwort erforderlich');
  });
});
