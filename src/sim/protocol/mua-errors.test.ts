import { describe, expect, it } from 'vitest';
import { muaErrorFor, type MuaErrorContext, type NetworkFailure } from './mua-errors';
import { replyFor, type ReplyKey } from './reply-table';
import { formatReply } from './smtp-reply';

const ctx: MuaErrorContext = { server: 'smtp.example.com', sender: 'alice@example.com', recipient: 'bob@example.org' };

describe('muaErrorFor: network failures', () => {
  it.each<[NetworkFailure, 'en' | 'de', RegExp[]]>([
    [{ kind: 'refused', server: 'smtp.example.com', port: 25 }, 'en', [/smtp\.example\.com/, /port 25/, /refused/]],
    [{ kind: 'timeout', server: 'smtp.example.com', port: 25 }, 'en', [/did not answer/, /block/, /587/]],
    [{ kind: 'tls-failed', server: 'smtp.example.com', port: 465, detail: 'plain text on a TLS port' }, 'en', [/secure connection/, /\(plain text on a TLS port\)/, /465/, /STARTTLS/]],
    [{ kind: 'cert-invalid', server: 'smtp.example.com', detail: 'expired' }, 'en', [/certificate/, /\(expired\)/, /not sent/]],
    [{ kind: 'refused', server: 'smtp.example.com', port: 587 }, 'de', [/abgelehnt/, /Port 587/]],
    [{ kind: 'timeout', server: 'smtp.example.com' }, 'de', [/Port unbekannt/, /nicht geantwortet/]],
    [{ kind: 'cert-invalid', server: 'smtp.example.com' }, 'de', [/Zertifikat/, /vertraut/]],
  ])('%j (%s)', (failure, lang, patterns) => {
    const text = muaErrorFor(failure, lang);
    for (const p of patterns) expect(text).toMatch(p);
  });
});

describe('muaErrorFor: server replies, quoted verbatim', () => {
  it.each<[ReplyKey, Record<string, string>, MuaErrorContext['stage'], RegExp, RegExp]>([
    ['auth.failed', {}, 'auth', /user name and password/, /Benutzername und Passwort/],
    ['auth.app-password', {}, 'auth', /app password/, /App-Passwort/],
    ['auth.tls-required', {}, 'auth', /STARTTLS \(port 587\)/, /verschlüsselte Verbindung/],
    ['auth.not-enabled', {}, 'auth', /does not offer login/, /keine Anmeldung/],
    ['size.exceeded', {}, 'mail', /larger than/, /größer/],
    ['size.data-too-big', {}, 'message', /larger than/, /Anhänge verkleinern/],
    ['mailbox-full', { address: 'bob@example.org' }, 'rcpt', /mailbox of the recipient <bob@example\.org> is full/, /Postfach des Empfängers <bob@example\.org> ist voll/],
    ['sender.not-owned', { address: 'mallory@example.com', user: 'alice@example.com' }, 'rcpt', /sender address <alice@example\.com>/, /Absenderadresse <alice@example\.com>/],
    ['sender.not-logged-in', { address: 'alice@example.com' }, 'rcpt', /authentication is switched on/, /Authentifizierung/],
    ['syntax.sender-address', {}, undefined, /sender address/, /Absenderadresse/],
    ['relay-denied', { address: 'bob@example.org' }, 'rcpt', /not logged in/, /weiterzuleiten/],
    ['rcpt.access-denied', { address: 'bob@example.org' }, 'rcpt', /refused to pass the message on/, /weiterzuleiten/],
    ['user-unknown', { address: 'bob@example.org' }, 'rcpt', /did not accept the recipient <bob@example\.org>/, /Empfänger <bob@example\.org> nicht angenommen/],
    ['busy', { host: 'smtp.example.com' }, 'connect', /not available right now/, /nicht verfügbar/],
    ['local-error', {}, 'message', /temporary problem/, /vorübergehendes Problem/],
    ['spam.reject', {}, 'message', /Sending the message failed/, /konnte nicht gesendet werden/],
  ])('%s', (key, v, stage, en, de) => {
    const reply = replyFor(key, v);
    const wire = formatReply(reply).join('\n');
    const english = muaErrorFor(reply, 'en', { ...ctx, stage });
    const german = muaErrorFor(reply, 'de', { ...ctx, stage });
    expect(english).toMatch(en);
    expect(german).toMatch(de);
    expect(english).toContain(wire);
    expect(german).toContain(wire);
  });

  it('reads well without any context', () => {
    const text = muaErrorFor(replyFor('user-unknown', { address: 'x@example.org' }), 'en');
    expect(text).toBe('The mail server did not accept the recipient. Check the address and try again. The server said:\n'
      + '550 5.1.1 <x@example.org>: Recipient address rejected: User unknown in virtual mailbox table');
    expect(muaErrorFor(replyFor('auth.failed'), 'de')).toMatch(/^Die Anmeldung am Postausgangsserver \(SMTP\) ist fehlgeschlagen\./);
  });

  it('quotes every line of a multi-line reply', () => {
    const text = muaErrorFor({ code: 550, enhanced: '5.7.26', lines: ['first line', 'second line'] }, 'en');
    expect(text).toContain('550-5.7.26 first line\n550 5.7.26 second line');
  });

  it('keeps the server text untouched, odd spacing included', () => {
    expect(muaErrorFor({ code: 554, lines: ['x  .  y'] }, 'en')).toContain('554 x  .  y');
  });
});
