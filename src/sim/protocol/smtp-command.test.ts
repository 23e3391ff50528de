import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replyFor } from './reply-table';
import {
  POSTFIX_LINE_LENGTH_LIMIT, SMTP_COMMAND_LINE_MAX, SMTP_TEXT_LINE_MAX, clampCommandLine, declaredSize, domainOf,
  esmtpParam, formatSmtpCommand, frameLines, isSyntaxError, localPartOf, parseAddress, parseSmtpCommand,
  rejectEsmtpParams, type EsmtpParams, type SmtpCommand,
} from './smtp-command';
import { formatReply } from './smtp-reply';
import { octets } from './bytes';

describe('parseSmtpCommand: commands', () => {
  it.each<[string, SmtpCommand]>([
    ['EHLO alice-pc', { verb: 'EHLO', domain: 'alice-pc' }],
    ['ehlo alice-pc', { verb: 'EHLO', domain: 'alice-pc' }],
    ['EHLO [203.0.113.10]', { verb: 'EHLO', domain: '[203.0.113.10]' }],
    ['EHLO two words', { verb: 'EHLO', domain: 'two words' }],
    ['HELO alice-pc\r\n', { verb: 'HELO', domain: 'alice-pc' }],
    ['MAIL FROM:<>', { verb: 'MAIL', address: '', params: {} }],
    ['mail from:<alice@example.com>', { verb: 'MAIL', address: 'alice@example.com', params: {} }],
    ['MAIL FROM: <alice@example.com>', { verb: 'MAIL', address: 'alice@example.com', params: {} }],
    ['MAIL FROM:alice@example.com', { verb: 'MAIL', address: 'alice@example.com', params: {} }],
    ['MAIL FROM:<alice@example.com> SIZE=1000 BODY=8BITMIME SMTPUTF8', { verb: 'MAIL', address: 'alice@example.com', params: { SIZE: '1000', BODY: '8BITMIME', SMTPUTF8: true } }],
    ['MAIL FROM:<alice@example.com> size=1000', { verb: 'MAIL', address: 'alice@example.com', params: { size: '1000' } }],
    ['MAIL FROM:bad syntax', { verb: 'MAIL', address: 'bad', params: { syntax: true } }],
    ['MAIL FROM:<someone@example.net> FROBNICATE=1', { verb: 'MAIL', address: 'someone@example.net', params: { FROBNICATE: '1' } }],
    ['MAIL FROM:<"john doe"@example.org>', { verb: 'MAIL', address: '"john doe"@example.org', params: {} }],
    ['MAIL FROM:<@relay.example.net:bob@example.org>', { verb: 'MAIL', address: 'bob@example.org', params: {} }],
    ['MAIL FROM:<jürgen@example.org> SMTPUTF8', { verb: 'MAIL', address: 'jürgen@example.org', params: { SMTPUTF8: true } }],
    ['RCPT TO:<bob@example.org>', { verb: 'RCPT', address: 'bob@example.org', params: {} }],
    ['rcpt to:<postmaster>', { verb: 'RCPT', address: 'postmaster', params: {} }],
    ['RCPT TO:<bob@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.org', { verb: 'RCPT', address: 'bob@example.org', params: { NOTIFY: 'SUCCESS,FAILURE', ORCPT: 'rfc822;bob@example.org' } }],
    ['DATA', { verb: 'DATA' }],
    ['data', { verb: 'DATA' }],
    ['rSeT', { verb: 'RSET' }],
    ['nOoP', { verb: 'NOOP' }],
    ['NOOP anything at all', { verb: 'NOOP' }],
    ['QUIT', { verb: 'QUIT' }],
    ['STARTTLS', { verb: 'STARTTLS' }],
    ['VRFY bob', { verb: 'VRFY', arg: 'bob' }],
    ['VRFY <bob@example.org>', { verb: 'VRFY', arg: '<bob@example.org>' }],
    ['EXPN staff', { verb: 'EXPN', arg: 'staff' }],
    ['HELP', { verb: 'HELP', arg: '' }],
    ['AUTH PLAIN', { verb: 'AUTH', mechanism: 'PLAIN' }],
    ['auth plain AGFsaWNlAHNlY3JldA==', { verb: 'AUTH', mechanism: 'PLAIN', initial: 'AGFsaWNlAHNlY3JldA==' }],
    ['AUTH PLAIN =', { verb: 'AUTH', mechanism: 'PLAIN', initial: '=' }],
    ['AUTH LOGIN', { verb: 'AUTH', mechanism: 'LOGIN' }],
    ['  EHLO   alice-pc  ', { verb: 'EHLO', domain: 'alice-pc' }],
  ])('%j', (line, cmd) => {
    expect(parseSmtpCommand(line)).toEqual(cmd);
  });
});

describe('parseSmtpCommand: what Postfix refuses (shared/REAL-REPLIES.md)', () => {
  it.each([
    ['MAIL FROM:<someone@example.net', '501 5.1.7 Bad sender address syntax'],
    ['MAIL TO:<x@example.org>', '501 5.5.4 Syntax: MAIL FROM:<address>'],
    ['MAIL', '501 5.5.4 Syntax: MAIL FROM:<address>'],
    ['MAIL FROM:', '501 5.5.4 Syntax: MAIL FROM:<address>'],
    ['MAIL FROM :<x@example.org>', '501 5.5.4 Syntax: MAIL FROM:<address>'],
    ['MAIL FROM:<a b@example.org>', '501 5.1.7 Bad sender address syntax'],
    ['MAIL FROM:<a@example.org>SIZE=1', '501 5.1.7 Bad sender address syntax'],
    ['MAIL FROM:<a@>', '501 5.1.7 Bad sender address syntax'],
    ['RCPT TO:<>', '501 5.1.3 Bad recipient address syntax'],
    ['RCPT TO:<bob@example.org', '501 5.1.3 Bad recipient address syntax'],
    ['RCPT FROM:<bob@example.org>', '501 5.5.4 Syntax: RCPT TO:<address>'],
    ['EHLO', '501 Syntax: EHLO hostname'],
    ['ehlo   ', '501 Syntax: EHLO hostname'],
    ['HELO', '501 Syntax: HELO hostname'],
    ['FROBNICATE', '500 5.5.2 Error: command not recognized'],
    ['MAILFROM:<a@example.org>', '500 5.5.2 Error: command not recognized'],
    ['', '500 5.5.2 Error: bad syntax'],
    ['\ufffd\ufffd', '500 5.5.2 Error: bad UTF-8 syntax'],
    ['EHLO \ud800x', '500 5.5.2 Error: bad UTF-8 syntax'],
    ['DATA now', '501 5.5.4 Syntax: DATA'],
    ['RSET x', '501 5.5.4 Syntax: RSET'],
    ['STARTTLS now', '501 5.5.4 Syntax: STARTTLS'],
    ['VRFY', '501 5.5.4 Syntax: VRFY address'],
    ['AUTH', '501 5.5.4 Syntax: AUTH mechanism'],
    ['AUTH PLAIN a b', '501 5.5.4 Syntax: AUTH mechanism'],
  ])('%j → %s', (line, wire) => {
    const result = parseSmtpCommand(line);
    expect(isSyntaxError(result)).toBe(true);
    if (!isSyntaxError(result)) return;
    expect(formatReply(replyFor(result.replyKey, result.vars))).toEqual([wire]);
  });
});

describe('rejectEsmtpParams (Postfix smtpd)', () => {
  const offered = ['SIZE 10240000', '8BITMIME', 'SMTPUTF8', 'DSN', 'AUTH PLAIN LOGIN'];
  it.each<[string, string[], string | undefined]>([
    ['MAIL FROM:<a@example.org> SIZE=1000 BODY=8BITMIME SMTPUTF8', offered, undefined],
    ['MAIL FROM:<a@example.org> body=7bit', offered, undefined],
    ['MAIL FROM:<a@example.org> RET=HDRS ENVID=x1 AUTH=<>', offered, undefined],
    ['MAIL FROM:bad syntax', offered, '555 5.5.4 Unsupported option: syntax'],
    ['MAIL FROM:<someone@example.net> FROBNICATE=1', offered, '555 5.5.4 Unsupported option: FROBNICATE=1'],
    ['MAIL FROM:<a@example.org> SIZE=10MB', offered, '501 5.5.4 Bad message size syntax'],
    ['MAIL FROM:<a@example.org> BODY=BINARYMIME', offered, '501 5.5.4 Unsupported BODY type'],
    ['MAIL FROM:<a@example.org> SMTPUTF8', ['SIZE 1000'], '555 5.5.4 Unsupported option: SMTPUTF8'],
    ['MAIL FROM:<a@example.org> RET=FULL', ['SIZE 1000'], '555 5.5.4 Unsupported option: RET=FULL'],
    ['RCPT TO:<b@example.org> NOTIFY=NEVER', offered, undefined],
    ['RCPT TO:<b@example.org> NOTIFY=NEVER', ['SIZE 1000'], '555 5.5.4 Unsupported option: NOTIFY=NEVER'],
    ['RCPT TO:<b@example.org> SIZE=10', offered, '555 5.5.4 Unsupported option: SIZE=10'],
  ])('%j', (line, ehlo, wire) => {
    const cmd = parseSmtpCommand(line);
    if (isSyntaxError(cmd) || (cmd.verb !== 'MAIL' && cmd.verb !== 'RCPT')) throw new Error(`test line did not parse: ${line}`);
    const refusal = rejectEsmtpParams(cmd.verb, cmd.params, ehlo);
    expect(refusal && formatReply(replyFor(refusal.replyKey, refusal.vars))[0]).toBe(wire);
  });

  it('reads SIZE whatever its case', () => {
    expect(declaredSize({ size: '10240001' })).toBe(10240001);
    expect(declaredSize({ SIZE: 'abc' })).toBeUndefined();
    expect(declaredSize({})).toBeUndefined();
    expect(esmtpParam({ Body: '8BITMIME' }, 'BODY')).toBe('8BITMIME');
  });
});

describe('addresses', () => {
  it.each([
    ['<bob@example.org>', { address: 'bob@example.org', localPart: 'bob', domain: 'example.org' }],
    ['bob@Example.ORG', { address: 'bob@Example.ORG', localPart: 'bob', domain: 'Example.ORG' }],
    ['<>', { address: '', localPart: '', domain: '' }],
    ['<postmaster>', { address: 'postmaster', localPart: 'postmaster', domain: '' }],
    ['<"a@b"@example.org>', { address: '"a@b"@example.org', localPart: '"a@b"', domain: 'example.org' }],
    ['<bob@[203.0.113.5]>', { address: 'bob@[203.0.113.5]', localPart: 'bob', domain: '[203.0.113.5]' }],
    ['<@a.example,@b.example:bob@example.org>', { address: 'bob@example.org', localPart: 'bob', domain: 'example.org' }],
  ])('parseAddress(%j)', (text, parsed) => {
    expect(parseAddress(text)).toEqual(parsed);
  });

  it.each(['', '<bob@example.org', 'bob@example.org>', '<a b@c>', '<@example.org>', '<bob@>', '<bob@exa mple.org>', '<"unclosed@example.org>', '<a<b@c>', 'a,b@c'])(
    'parseAddress(%j) is undefined', (text) => {
      expect(parseAddress(text)).toBeUndefined();
    },
  );

  it.each([
    ['bob@Example.ORG', 'example.org', 'bob'],
    ['<Bob@example.org>', 'example.org', 'Bob'],
    ['postmaster', '', 'postmaster'],
    ['"x@y"@example.net', 'example.net', '"x@y"'],
  ])('domainOf/localPartOf(%j)', (address, domain, local) => {
    expect(domainOf(address)).toBe(domain);
    expect(localPartOf(address)).toBe(local);
  });
});

describe('line lengths', () => {
  it('names the RFC 5321 and Postfix limits', () => {
    expect([SMTP_COMMAND_LINE_MAX, SMTP_TEXT_LINE_MAX, POSTFIX_LINE_LENGTH_LIMIT]).toEqual([512, 1000, 2048]);
  });

  it.each([
    ['short', 5],
    ['NOOP ' + 'x'.repeat(1095), 1100],
    ['NOOP ' + 'x'.repeat(4995), 2048],
    ['ä'.repeat(1100), 2048],
    ['😀'.repeat(600), 2048],
    ['a' + '€'.repeat(700), 2047],
  ])('clampCommandLine keeps at most 2048 octets (%#)', (line, n) => {
    const kept = clampCommandLine(line);
    expect(octets(kept)).toBe(n);
    expect(line.startsWith(kept)).toBe(true);
  });

  it('a clamped long NOOP still parses, as Postfix answers 250', () => {
    expect(parseSmtpCommand(clampCommandLine('NOOP ' + 'x'.repeat(4995)))).toEqual({ verb: 'NOOP' });
  });
});

describe('frameLines', () => {
  it.each([
    ['', 'EHLO a\r\nMAIL', ['EHLO a'], 'MAIL'],
    ['MA', 'IL FROM:<>\r\n', ['MAIL FROM:<>'], ''],
    ['', 'a\nb\r\n\r\n', ['a', 'b', ''], ''],
    ['', 'partial', [], 'partial'],
  ])('(%j, %j)', (pending, chunk, lines, rest) => {
    expect(frameLines(pending, chunk)).toEqual({ lines, pending: rest });
  });
});

describe('formatSmtpCommand', () => {
  it.each<[SmtpCommand, string]>([
    [{ verb: 'EHLO', domain: 'alice-pc' }, 'EHLO alice-pc'],
    [{ verb: 'MAIL', address: '', params: {} }, 'MAIL FROM:<>'],
    [{ verb: 'MAIL', address: 'a@example.com', params: { SIZE: '123', SMTPUTF8: true } }, 'MAIL FROM:<a@example.com> SIZE=123 SMTPUTF8'],
    [{ verb: 'RCPT', address: 'b@example.org', params: {} }, 'RCPT TO:<b@example.org>'],
    [{ verb: 'AUTH', mechanism: 'PLAIN', initial: '' }, 'AUTH PLAIN ='],
    [{ verb: 'AUTH', mechanism: 'LOGIN' }, 'AUTH LOGIN'],
    [{ verb: 'VRFY', arg: 'bob' }, 'VRFY bob'],
    [{ verb: 'HELP', arg: '' }, 'HELP'],
    [{ verb: 'QUIT' }, 'QUIT'],
  ])('%j → %s', (cmd, line) => {
    expect(formatSmtpCommand(cmd)).toBe(line);
  });

  it('parse(format(cmd)) gives cmd back', () => {
    const atom = fc.stringMatching(/^[a-z0-9][a-z0-9.+_-]{0,15}$/);
    const address = fc.oneof(fc.constant(''), fc.tuple(atom, atom).map(([l, d]) => `${l}@${d}`));
    const params = fc.dictionary(fc.stringMatching(/^[A-Z][A-Z0-9-]{0,8}$/), fc.oneof(fc.constant(true as const), fc.stringMatching(/^[!-~]{0,10}$/)), { maxKeys: 4 })
      .map((p): EsmtpParams => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v === true || v.includes('=') ? true : v])) as EsmtpParams);
    const cmd: fc.Arbitrary<SmtpCommand> = fc.oneof(
      atom.map((domain) => ({ verb: 'EHLO' as const, domain })),
      fc.tuple(address, params).map(([a, p]) => ({ verb: 'MAIL' as const, address: a, params: p })),
      fc.tuple(address.filter((a) => a !== ''), params).map(([a, p]) => ({ verb: 'RCPT' as const, address: a, params: p })),
      fc.constantFrom('DATA', 'RSET', 'NOOP', 'QUIT', 'STARTTLS').map((verb) => ({ verb }) as SmtpCommand),
      fc.tuple(fc.constantFrom('PLAIN', 'LOGIN'), fc.option(fc.base64String({ minLength: 4 }), { nil: undefined }))
        .map(([mechanism, initial]) => (initial === undefined ? { verb: 'AUTH' as const, mechanism } : { verb: 'AUTH' as const, mechanism, initial })),
    );
    fc.assert(fc.property(cmd, (c) => {
      expect(parseSmtpCommand(formatSmtpCommand(c))).toEqual(c);
    }));
  });

  it('never throws on any input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (line) => {
      const r = parseSmtpCommand(line);
      expect(typeof r).toBe('object');
    }), { numRuns: 2000 });
  });
});
