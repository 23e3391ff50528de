import { describe, expect, it } from 'vitest';
import { formatBodyStructure, formatEnvelope, formatFlags, formatInternalDate, imapString, parseAddressList, parseImapDate, sectionContent } from './imap-format';
import { mimePart, parseMimeEntity } from './mime-entity';
import { parseSection } from './imap-parse';

const DSN = [
  'From: MAILER-DAEMON@smtp.example.com',
  'To: alice@example.com',
  'Subject: Undelivered Mail Returned to Sender',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"',
  '',
  'preamble',
  '--B1',
  'Content-Type: text/plain; charset=us-ascii',
  '',
  'Your message could not be delivered.',
  '--B1',
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; smtp.example.com',
  '--B1',
  'Content-Type: message/rfc822',
  '',
  'From: alice@example.com',
  'Subject: Original',
  '',
  'Hi',
  '--B1--',
  '',
].join('\r\n');

describe('IMAP response syntax', () => {
  it('quotes printable ASCII and sends anything else as a literal', () => {
    expect(imapString('a "b" \\c')).toBe('"a \\"b\\" \\\\c"');
    expect(imapString('Grüße')).toBe('{7}\r\nGrüße');
    expect(imapString('two\r\nlines')).toBe('{10}\r\ntwo\r\nlines');
  });

  it('lists flags in Dovecot’s order, keywords last', () => {
    expect(formatFlags(['$Junk', '\\Seen', '\\Answered'])).toBe('(\\Answered \\Seen $Junk)');
    expect(formatFlags([])).toBe('()');
  });

  it('writes and reads dates', () => {
    expect(formatInternalDate(Date.UTC(2026, 10, 27, 9, 0, 3))).toBe('"27-Nov-2026 09:00:03 +0000"');
    expect(parseImapDate('1-Feb-1994')).toBe(Date.UTC(1994, 1, 1));
    expect(parseImapDate('31-Foo-1994')).toBeUndefined();
  });

  it('reads address lists with names, quotes and commas', () => {
    expect(parseAddressList('"Doe, Jane" <jane@example.org>, bob@example.org, Al <al@example.net>')).toEqual([
      { name: 'Doe, Jane', mailbox: 'jane', host: 'example.org' },
      { name: undefined, mailbox: 'bob', host: 'example.org' },
      { name: 'Al', mailbox: 'al', host: 'example.net' },
    ]);
  });

  it('writes the ENVELOPE with sender and reply-to defaulting to from', () => {
    expect(formatEnvelope('From: Al <al@example.net>\r\nSubject: Hi\r\nMessage-ID: <x@y>\r\n\r\nbody\r\n')).toBe(
      '(NIL "Hi" (("Al" NIL "al" "example.net")) (("Al" NIL "al" "example.net")) (("Al" NIL "al" "example.net")) NIL NIL NIL NIL "<x@y>")',
    );
  });

  it('opens multipart bounces for BODYSTRUCTURE and numbered sections', () => {
    const root = parseMimeEntity(DSN);
    expect(root.parts.map((p) => `${p.type}/${p.subtype}`)).toEqual(['text/plain', 'message/delivery-status', 'message/rfc822']);
    expect(mimePart(root, [3, 1])?.body).toBe('Hi');
    const bs = formatBodyStructure(root, true);
    expect(bs.startsWith('(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 36 1 NIL NIL NIL NIL)')).toBe(true);
    expect(bs).toContain('("message" "rfc822" NIL NIL NIL "7bit"');
    expect(bs.endsWith(' "report" ("report-type" "delivery-status" "boundary" "B1") NIL NIL NIL)')).toBe(true);
    expect(formatBodyStructure(root, false)).not.toContain('"boundary"');
    expect(sectionContent(DSN, parseSection('1')!)).toBe('Your message could not be delivered.');
    expect(sectionContent(DSN, parseSection('3.HEADER')!)).toBe('From: alice@example.com\r\nSubject: Original\r\n\r\n');
    expect(sectionContent(DSN, parseSection('2.MIME')!)).toBe('Content-Type: message/delivery-status\r\n\r\n');
    expect(sectionContent(DSN, parseSection('9')!)).toBe('');
    expect(sectionContent('Subject: x\r\n\r\nbody\r\n', parseSection('1')!)).toBe('body\r\n');
  });
});
