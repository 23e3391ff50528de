import { describe, expect, it } from 'vitest';
import {
  feedImapLine, isImapParseError, isValidImapTag, NEW_IMAP_FRAME, octetEnd, parseFetchItems, parseFlagList, parseImapCommand,
  parseSection, parseSequenceSet, resolveSequenceNumbers, resolveUidSet, sectionText, type FrameStep, type ImapFrame, type ImapValue,
} from './imap-parse';

const atom = (text: string): ImapValue => ({ kind: 'atom', text });
const str = (text: string, literal = false): ImapValue => ({ kind: 'string', text, literal });

describe('parseImapCommand', () => {
  it.each([
    ['a1 CAPABILITY', { tag: 'a1', name: 'CAPABILITY', args: [] }],
    ['a1 login bob secret', { tag: 'a1', name: 'LOGIN', args: [atom('bob'), atom('secret')] }],
    ['a2 LOGIN "bob@example.org" "p a\\"s\\\\s"', { tag: 'a2', name: 'LOGIN', args: [str('bob@example.org'), str('p a"s\\s')] }],
    ['a3 LOGIN {3}\r\nbob {6+}\r\nsecret', { tag: 'a3', name: 'LOGIN', args: [str('bob', true), str('secret', true)] }],
    ['a4 SELECT INBOX', { tag: 'a4', name: 'SELECT', args: [atom('INBOX')] }],
    ['a5 FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)]<0.100>)', { tag: 'a5', name: 'FETCH', args: [atom('1:*'), { kind: 'list', items: [atom('FLAGS'), atom('BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)]<0.100>')] }] }],
    ['a6 STORE 1 +FLAGS (\\Seen \\Deleted)', { tag: 'a6', name: 'STORE', args: [atom('1'), atom('+FLAGS'), { kind: 'list', items: [atom('\\Seen'), atom('\\Deleted')] }] }],
    ['a7 LIST "" "*"', { tag: 'a7', name: 'LIST', args: [str(''), str('*')] }],
    ['a8 UID fetch 3:5 BODY[]', { tag: 'a8', name: 'UID', args: [atom('fetch'), atom('3:5'), atom('BODY[]')] }],
    ['a9 LOGIN {4}\r\ngrüß x', { tag: 'a9', name: 'LOGIN', args: [str('grü', true), atom('ß'), atom('x')] }],
  ])('%j', (line, expected) => {
    expect(parseImapCommand(line)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['%%% FOO', 'bad-tag'],
    ['a+1 NOOP', 'bad-tag'],
    ['a1', 'no-command'],
    ['a1 LOGIN "unterminated', 'syntax'],
    ['a1 LOGIN "bad \\x escape"', 'syntax'],
    ['a1 FETCH 1 (FLAGS', 'syntax'],
    ['a1 FETCH 1 FLAGS)', 'syntax'],
    ['a1 LOGIN {10}\r\nshort', 'syntax'],
  ])('%j is an error of kind %s', (line, kind) => {
    const r = parseImapCommand(line);
    expect(isImapParseError(r) && r.error).toBe(kind);
  });

  it('validates tags like Dovecot', () => {
    expect(isValidImapTag('A0001')).toBe(true);
    expect(isValidImapTag('x.y-z')).toBe(true);
    for (const bad of ['', 'a b', 'a(', 'a*', 'a%', 'a"', 'a\\', '+', 'a{']) expect(isValidImapTag(bad), bad).toBe(false);
  });

  it('counts literal octets in UTF-8', () => {
    expect(octetEnd('grüß', 0, 2)).toBe(2);
    expect(octetEnd('grüß', 0, 4)).toBe(3);
    expect(octetEnd('grüß', 0, 3)).toBe(-1);
    expect(octetEnd('ü', 0, 1)).toBe(-1);
    expect(octetEnd('abc', 0, 4)).toBe(-1);
  });
});

describe('feedImapLine joins a command across its literals', () => {
  function feed(lines: string[]): FrameStep[] {
    let frame: ImapFrame = NEW_IMAP_FRAME;
    const steps: FrameStep[] = [];
    for (const l of lines) {
      const s = feedImapLine(frame, l, 8192, 1 << 20);
      steps.push(s);
      if (s.kind === 'more') frame = s.frame;
      else frame = NEW_IMAP_FRAME;
    }
    return steps;
  }

  it('asks for a synchronizing literal with a continuation and completes after it', () => {
    const steps = feed(['a1 LOGIN {3}', 'bob {6}', 'secret']);
    expect(steps.map((s) => s.kind)).toEqual(['more', 'more', 'complete']);
    expect(steps.slice(0, 2).map((s) => s.kind === 'more' && s.continuation)).toEqual([true, true]);
    const done = steps[2];
    expect(done.kind === 'complete' && parseImapCommand(done.text)).toEqual({ tag: 'a1', name: 'LOGIN', args: [str('bob', true), str('secret', true)] });
  });

  it('does not wait for LITERAL+ and keeps CRLFs inside a literal', () => {
    const steps = feed(['a1 APPEND INBOX {11+}', 'Hi', 'there', '']);
    expect(steps.map((s) => s.kind)).toEqual(['more', 'more', 'more', 'complete']);
    expect(steps[0].kind === 'more' && steps[0].continuation).toBe(false);
    const done = steps[3];
    const cmd = done.kind === 'complete' ? parseImapCommand(done.text) : undefined;
    expect(cmd && !isImapParseError(cmd) && cmd.args[1]).toEqual(str('Hi\r\nthere\r\n', true));
  });

  it('refuses lines and literals that are too long', () => {
    expect(feedImapLine(NEW_IMAP_FRAME, 'x'.repeat(9000), 8192, 100).kind).toBe('too-long');
    expect(feedImapLine(NEW_IMAP_FRAME, 'a1 APPEND INBOX {101}', 8192, 100).kind).toBe('too-long');
  });
});

describe('sequence sets', () => {
  it.each([
    ['1', [{ from: 1, to: 1 }]],
    ['1:3,7', [{ from: 1, to: 3 }, { from: 7, to: 7 }]],
    ['5:*', [{ from: 5, to: '*' }]],
    ['*', [{ from: '*', to: '*' }]],
  ])('%s', (text, set) => expect(parseSequenceSet(text)).toEqual(set));

  it.each(['', '0', '1:0', 'a', '1,,2', '1:2:3', '-1'])('rejects %j', (text) => expect(parseSequenceSet(text)).toBeUndefined());

  it('resolves message numbers and refuses numbers beyond EXISTS (Dovecot: Invalid messageset)', () => {
    expect(resolveSequenceNumbers(parseSequenceSet('3:1')!, 5)).toEqual([1, 2, 3]);
    expect(resolveSequenceNumbers(parseSequenceSet('2,4:*')!, 5)).toEqual([2, 4, 5]);
    expect(resolveSequenceNumbers(parseSequenceSet('99')!, 5)).toBeUndefined();
    expect(resolveSequenceNumbers(parseSequenceSet('1:*')!, 0)).toBeUndefined();
  });

  it('resolves UIDs, ignoring missing ones; n:* includes the largest UID (RFC 9051 §6.4.9)', () => {
    expect(resolveUidSet(parseSequenceSet('1:*')!, [2, 5, 9])).toEqual([2, 5, 9]);
    expect(resolveUidSet(parseSequenceSet('3:6')!, [2, 5, 9])).toEqual([5]);
    expect(resolveUidSet(parseSequenceSet('10:*')!, [2, 5, 9])).toEqual([9]);
    expect(resolveUidSet(parseSequenceSet('1:*')!, [])).toEqual([]);
  });
});

describe('FETCH items and body sections', () => {
  it('reads macros, single items and lists', () => {
    expect(parseFetchItems(atom('FAST'))?.map((i) => i.kind)).toEqual(['FLAGS', 'INTERNALDATE', 'RFC822.SIZE']);
    expect(parseFetchItems(atom('ALL'))?.map((i) => i.kind)).toEqual(['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE']);
    expect(parseFetchItems(atom('uid'))).toEqual([{ kind: 'UID' }]);
    expect(parseFetchItems({ kind: 'list', items: [atom('FLAGS'), atom('BODY.PEEK[]'), atom('BODY[TEXT]<10.20>')] })).toEqual([
      { kind: 'FLAGS' },
      { kind: 'section', peek: true, section: { part: [], spec: '', fields: [] } },
      { kind: 'section', peek: false, section: { part: [], spec: 'TEXT', fields: [] }, partial: { start: 10, length: 20 } },
    ]);
    expect(parseFetchItems(atom('FROB'))).toBeUndefined();
    expect(parseFetchItems({ kind: 'list', items: [] })).toBeUndefined();
  });

  it.each([
    ['', { part: [], spec: '', fields: [] }, ''],
    ['HEADER', { part: [], spec: 'HEADER', fields: [] }, 'HEADER'],
    ['text', { part: [], spec: 'TEXT', fields: [] }, 'TEXT'],
    ['HEADER.FIELDS (From subject)', { part: [], spec: 'HEADER.FIELDS', fields: ['FROM', 'SUBJECT'] }, 'HEADER.FIELDS (FROM SUBJECT)'],
    ['HEADER.FIELDS.NOT (Received)', { part: [], spec: 'HEADER.FIELDS.NOT', fields: ['RECEIVED'] }, 'HEADER.FIELDS.NOT (RECEIVED)'],
    ['1', { part: [1], spec: '', fields: [] }, '1'],
    ['2.1.MIME', { part: [2, 1], spec: 'MIME', fields: [] }, '2.1.MIME'],
    ['3.HEADER', { part: [3], spec: 'HEADER', fields: [] }, '3.HEADER'],
  ])('section %j', (text, section, back) => {
    expect(parseSection(text)).toEqual(section);
    expect(sectionText(parseSection(text)!)).toBe(back);
  });

  it.each(['MIME', 'HEADER.FIELDS', 'FOO', '0', '1HEADER', 'HEADER.FIELDS ()'])('rejects section %j', (text) => expect(parseSection(text)).toBeUndefined());
});

describe('flag lists', () => {
  it('normalises system flags, keeps keywords, drops \\Recent', () => {
    expect(parseFlagList([{ kind: 'list', items: [atom('\\seen'), atom('\\DELETED'), atom('$Label1'), atom('\\Recent')] }])).toEqual(['\\Seen', '\\Deleted', '$Label1']);
    expect(parseFlagList([atom('\\Flagged')])).toEqual(['\\Flagged']);
    expect(parseFlagList([atom('\\Bogus')])).toBeUndefined();
    expect(parseFlagList([str('quoted')])).toBeUndefined();
  });
});
