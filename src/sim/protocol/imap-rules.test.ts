import { describe, expect, it } from 'vitest';
import { Mailboxes } from '../store/mailboxes';
import { octets } from './bytes';
import { decideImap, idleCheck, imapGreeting, newImapSession, type ImapHooks, type ImapPolicy, type ImapSession } from './imap-rules';
import { encodePlain } from './sasl';
import { explainImapReply, IMAP_REPLIES } from './imap-replies';

const MSG1 = 'From: Alice <alice@example.com>\r\nTo: bob@example.org\r\nSubject: Hello Bob\r\nDate: Fri, 27 Nov 2026 09:00:01 +0000\r\nMessage-ID: <m1@example.com>\r\n\r\nHi Bob,\r\n.dot line\r\n';
const MSG2 = 'From: carol@example.org\r\nTo: bob@example.org\r\nSubject: Lunch?\r\n\r\nNoon?\r\n';

function world() {
  const store = new Mailboxes('mail.example.org');
  const box = store.create('bob@example.org');
  store.store(box, 'INBOX', 'm1', MSG1, octets(MSG1), 1000);
  store.store(box, 'INBOX', 'm2', MSG2, octets(MSG2), 2000);
  const hooks: ImapHooks = {
    authenticate: (u, p) => (u === 'bob@example.org' && p === 'bob secret' ? 'ok' : 'fail'),
    mailbox: (u) => store.get(u),
    internalDate: (m) => Date.UTC(2026, 10, 27, 9, 0, 0) + m.at,
    expunge: (_u, folder, uids) => void (folder.messages = folder.messages.filter((m) => !uids.includes(m.uid))),
    append: (u, folder, raw, flags) => {
      const m = store.store(store.get(u)!, folder, '-', raw, octets(raw), 3000);
      flags.forEach((f) => m.flags.add(f));
      return m;
    },
    createFolder: () => true,
    deleteFolder: () => true,
  };
  return { store, box, hooks };
}

const policy: ImapPolicy = { tls: 'starttls' };
const LOGIN = 'a0 LOGIN bob@example.org "bob secret"';

function run(lines: string[], w = world(), start: ImapSession = newImapSession(false)) {
  let s = start;
  const out: string[] = [];
  const decisions = [];
  for (const line of lines) {
    const d = decideImap(policy, s, line, w.hooks);
    decisions.push(d);
    out.push(...d.out);
    s = { ...s, ...d.patch };
    if (d.next === 'close') break;
  }
  return { out, s, decisions, w };
}

/** after runs LOGIN (and more) first and returns only the answers to `lines`. */
function after(prefix: string[], lines: string[], w = world()) {
  const first = run(prefix, w);
  const r = run(lines, w, first.s);
  return { ...r, out: r.out };
}

const PRE_CAPS = 'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN AUTH=LOGIN';

describe('IMAP not-authenticated state (Dovecot replies from shared/REAL-REPLIES.md)', () => {
  it('greets with the pre-login capabilities, without STARTTLS once TLS is on', () => {
    expect(imapGreeting(policy, newImapSession(false))).toBe(`* OK [CAPABILITY ${PRE_CAPS}] Dovecot (Debian) ready.`);
    expect(imapGreeting({ tls: 'implicit' }, newImapSession(true))).not.toContain('STARTTLS');
  });

  it.each<[string[], string[]]>([
    [['a1 CAPABILITY'], [`* CAPABILITY ${PRE_CAPS}`, 'a1 OK Pre-login capabilities listed, post-login capabilities have more.']],
    [['a1 STARTTLS'], ['a1 OK Begin TLS negotiation now.']],
    [['a1 SELECT INBOX'], ['a1 BAD Error in IMAP command received by server.']],
    [['a1 LOGIN bob@example.org wrong'], ['a1 NO [AUTHENTICATIONFAILED] Authentication failed.']],
    [['a1 NOOP'], ['a1 OK NOOP completed.']],
    [['a1 LOGOUT'], ['* BYE Logging out', 'a1 OK Logout completed.']],
    [['%%% FOO'], ['* BAD Error in IMAP tag: Invalid tag']],
    [['LOGIN bob pass'], ["LOGIN BAD First parameter in line is IMAP's command tag, not the command name. Add that before the command, like: a login user pass"]],
    [['a1 LOGIN {15}'], ['+ OK']],
    [['a1 AUTHENTICATE CRAM-MD5'], ['a1 NO Unsupported authentication mechanism.']],
    [['a1 AUTHENTICATE PLAIN', '*'], ['+ ', 'a1 BAD Authentication aborted by client.']],
    [['x', 'y', 'z'], ['x BAD Error in IMAP command received by server.', 'y BAD Error in IMAP command received by server.', '* BYE Too many invalid IMAP commands.']],
    [['a1 ' + 'x'.repeat(9000)], ['* BYE Input buffer full, aborting']],
  ])('%j → %j', (lines, replies) => {
    expect(run(lines).out).toEqual(replies);
  });

  it.each([
    ['LOGIN with a quoted password', [LOGIN]],
    ['LOGIN with synchronizing literals', ['a0 LOGIN {15}', 'bob@example.org {10}', 'bob secret']],
    ['AUTHENTICATE PLAIN with SASL-IR', [`a0 AUTHENTICATE PLAIN ${encodePlain({ authcid: 'bob@example.org', password: 'bob secret' })}`]],
    ['AUTHENTICATE PLAIN after a + continuation', ['a0 AUTHENTICATE PLAIN', encodePlain({ authcid: 'bob@example.org', password: 'bob secret' })]],
    ['AUTHENTICATE LOGIN', ['a0 AUTHENTICATE LOGIN', btoa('bob@example.org'), btoa('bob secret')]],
  ])('%s logs in with the post-login capabilities', (_what, lines) => {
    const r = run(lines);
    expect(r.s.state).toBe('authenticated');
    expect(r.out.at(-2)).toMatch(/^\* CAPABILITY IMAP4rev1 .*IDLE/);
    expect(r.out.at(-1)).toMatch(/^a0 OK \[CAPABILITY IMAP4rev1 [^\]]+\] Logged in$/);
  });

  it('answers a failed login only after the failure delay', () => {
    expect(run(['a1 LOGIN bob@example.org nope']).decisions[0].delay).toBe(true);
  });
});

describe('IMAP authenticated and selected states', () => {
  it('SELECT INBOX gives Dovecot’s exact untagged lines', () => {
    expect(after([LOGIN], ['a1 SELECT INBOX']).out).toEqual([
      '* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)',
      '* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.',
      '* 2 EXISTS',
      '* 0 RECENT',
      '* OK [UNSEEN 1] First unseen.',
      '* OK [UIDVALIDITY 1795822144] UIDs valid',
      '* OK [UIDNEXT 3] Predicted next UID',
      'a1 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).',
    ]);
  });

  const sel = [LOGIN, 'a0 SELECT INBOX'];
  const size1 = octets(MSG1);

  it.each<[string[], string[]]>([
    [['a1 FETCH 1 (FLAGS UID RFC822.SIZE)'], [`* 1 FETCH (FLAGS () UID 1 RFC822.SIZE ${size1})`, 'a1 OK Fetch completed (0.001 + 0.000 secs).']],
    [['a1 FETCH 99 FLAGS'], ['a1 BAD Error in IMAP command FETCH: Invalid messageset']],
    [['a1 FROBNICATE'], ['a1 BAD Error in IMAP command FROBNICATE: Unknown command']],
    [['a1 SELECT'], ['a1 BAD Error in IMAP command SELECT: Invalid arguments']],
    [['a1 UID SEARCH ALL'], ['* SEARCH 1 2', 'a1 OK Search completed (0.001 + 0.000 secs).']],
    [['a1 SEARCH FROM carol'], ['* SEARCH 2', 'a1 OK Search completed (0.001 + 0.000 secs).']],
    [['a1 SEARCH SUBJECT "hello bob"'], ['* SEARCH 1', 'a1 OK Search completed (0.001 + 0.000 secs).']],
    [['a1 SEARCH OR SUBJECT lunch UID 1'], ['* SEARCH 1 2', 'a1 OK Search completed (0.001 + 0.000 secs).']],
    [['a1 SEARCH FROBKEY'], ['a1 BAD Error in IMAP command SEARCH: Unknown argument FROBKEY']],
    [['a1 STORE 2 +FLAGS (\\Deleted)', 'a2 EXPUNGE'], ['* 2 FETCH (FLAGS (\\Deleted))', 'a1 OK Store completed (0.001 + 0.000 secs).', '* 2 EXPUNGE', 'a2 OK Expunge completed (0.001 + 0.000 secs).']],
    [['a1 UID STORE 1 +FLAGS.SILENT (\\Flagged)', 'a2 FETCH 1 FLAGS'], ['a1 OK Store completed (0.001 + 0.000 secs).', '* 1 FETCH (FLAGS (\\Flagged))', 'a2 OK Fetch completed (0.001 + 0.000 secs).']],
    [['a1 FETCH 2 BODY[HEADER.FIELDS (SUBJECT)]'], ['* 2 FETCH (FLAGS (\\Seen) BODY[HEADER.FIELDS (SUBJECT)] {19}\r\nSubject: Lunch?\r\n\r\n)', 'a1 OK Fetch completed (0.001 + 0.000 secs).']],
    [['a1 FETCH 2 BODY[TEXT]'], ['* 2 FETCH (FLAGS (\\Seen) BODY[TEXT] {7}\r\nNoon?\r\n)', 'a1 OK Fetch completed (0.001 + 0.000 secs).']],
    [['a1 FETCH 2 ENVELOPE'], ['* 2 FETCH (ENVELOPE (NIL "Lunch?" ((NIL NIL "carol" "example.org")) ((NIL NIL "carol" "example.org")) ((NIL NIL "carol" "example.org")) ((NIL NIL "bob" "example.org")) NIL NIL NIL NIL))', 'a1 OK Fetch completed (0.001 + 0.000 secs).']],
    [['a1 FETCH 1 INTERNALDATE'], ['* 1 FETCH (INTERNALDATE "27-Nov-2026 09:00:01 +0000")', 'a1 OK Fetch completed (0.001 + 0.000 secs).']],
    [['a1 FETCH 2 BODYSTRUCTURE'], ['* 2 FETCH (BODYSTRUCTURE ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 7 1 NIL NIL NIL NIL))', 'a1 OK Fetch completed (0.001 + 0.000 secs).']],
    [['a1 STATUS INBOX (MESSAGES UNSEEN UIDNEXT)'], ['* STATUS INBOX (MESSAGES 2 UNSEEN 2 UIDNEXT 3)', 'a1 OK Status completed (0.001 + 0.000 secs).']],
    [['a1 LIST "" "*"'], ['* LIST (\\HasNoChildren) "/" INBOX', '* LIST (\\HasNoChildren \\Junk) "/" Junk', '* LIST (\\HasNoChildren \\Sent) "/" Sent', '* LIST (\\HasNoChildren \\Trash) "/" Trash', 'a1 OK List completed (0.001 + 0.000 secs).']],
    [['a1 LIST "" "%"', 'a2 SELECT Nowhere', 'a3 FETCH 1 FLAGS'], ['* LIST (\\HasNoChildren) "/" INBOX', '* LIST (\\HasNoChildren \\Junk) "/" Junk', '* LIST (\\HasNoChildren \\Sent) "/" Sent', '* LIST (\\HasNoChildren \\Trash) "/" Trash', 'a1 OK List completed (0.001 + 0.000 secs).', "a2 NO Mailbox doesn't exist: Nowhere", 'a3 BAD No mailbox selected.']],
    [['a1 CLOSE', 'a2 FETCH 1 FLAGS'], ['a1 OK Close completed.', 'a2 BAD No mailbox selected.']],
    [['a1 LOGOUT'], ['* BYE Logging out', 'a1 OK Logout completed.']],
  ])('%j → %j', (lines, replies) => {
    expect(after(sel, lines).out).toEqual(replies);
  });

  it('BODY.PEEK[HEADER] leaves the flags alone; BODY[] sets \\Seen and reports it in the same response', () => {
    const w = world();
    const peek = after(sel, ['a1 FETCH 1 (FLAGS BODY.PEEK[HEADER])'], w).out[0];
    expect(peek.startsWith('* 1 FETCH (FLAGS () BODY[HEADER] {')).toBe(true);
    expect(peek.endsWith('\r\n\r\n)')).toBe(true);
    const full = after(sel, ['a1 FETCH 1 BODY[]'], w).out[0];
    expect(full).toBe(`* 1 FETCH (FLAGS (\\Seen) BODY[] {${size1}}\r\n${MSG1})`);
    expect(w.box.folders.get('INBOX')!.messages[0].flags.has('\\Seen')).toBe(true);
    expect(after(sel, ['a1 UID FETCH 1:* (FLAGS)'], w).out.slice(0, 2)).toEqual(['* 1 FETCH (UID 1 FLAGS (\\Seen))', '* 2 FETCH (UID 2 FLAGS ())']);
  });

  it('UID FETCH reports the UID first and the implicit FLAGS after it', () => {
    expect(after(sel, ['a1 UID FETCH 2 BODY[]']).out[0]).toBe(`* 2 FETCH (UID 2 FLAGS (\\Seen) BODY[] {${octets(MSG2)}}\r\n${MSG2})`);
    expect(after(sel, ['a1 UID FETCH 7:* FLAGS']).out[0]).toBe('* 2 FETCH (UID 2 FLAGS ())');
  });

  it('EXAMINE opens read-only: BODY[] does not set \\Seen and STORE is refused', () => {
    const w = world();
    const r = after([LOGIN, 'a0 EXAMINE INBOX'], ['a1 FETCH 1 BODY[]', 'a2 STORE 1 +FLAGS (\\Seen)'], w);
    expect(r.out[0].startsWith('* 1 FETCH (BODY[] {')).toBe(true);
    expect(r.out.at(-1)).toBe('a2 NO Mailbox is read-only.');
    expect(w.box.folders.get('INBOX')!.messages[0].flags.size).toBe(0);
  });

  it('reports new mail before the tagged answer and during IDLE', () => {
    const w = world();
    const first = run([...sel, 'a1 IDLE'], w);
    expect(first.out.at(-1)).toBe('+ idling');
    expect(first.decisions.at(-1)!.next).toBe('idle');
    w.store.store(w.box, 'INBOX', 'm3', MSG2, octets(MSG2), 4000);
    const check = idleCheck(first.s, w.hooks);
    expect(check.out).toEqual(['* 3 EXISTS', '* 0 RECENT']);
    const r = run(['DONE'], w, { ...first.s, ...check.patch });
    expect(r.out).toEqual(['a1 OK Idle completed (0.001 + 0.000 secs).']);
  });

  it('APPEND stores a message sent as a literal and COPY files a copy', () => {
    const w = world();
    const r = after(sel, ['a1 APPEND Sent (\\Seen) {11+}', 'Hi', 'there', '', 'a2 COPY 1 Trash', 'a3 COPY 1 Nowhere'], w);
    expect(r.out).toEqual(['a1 OK Append completed (0.001 + 0.000 secs).', 'a2 OK Copy completed (0.001 + 0.000 secs).', "a3 NO [TRYCREATE] Mailbox doesn't exist: Nowhere"]);
    expect(w.box.folders.get('Sent')!.messages[0].raw).toBe('Hi\r\nthere\r\n');
    expect(w.box.folders.get('Trash')!.messages).toHaveLength(1);
  });

  it('reports messages another session expunged at NOOP, renumbering as it goes', () => {
    const w = world();
    const first = run(sel, w);
    w.box.folders.get('INBOX')!.messages.shift();
    expect(run(['a1 NOOP'], w, first.s).out).toEqual(['* 1 EXPUNGE', 'a1 OK NOOP completed (0.001 + 0.000 secs).']);
  });
});

describe('the IMAP reply table', () => {
  it('explains every entry in English and German', () => {
    for (const [key, entry] of Object.entries(IMAP_REPLIES)) {
      for (const lang of ['en', 'de'] as const) expect(entry[lang].meaning.length, key).toBeGreaterThan(10);
    }
  });

  it.each([
    ['a1 NO [AUTHENTICATIONFAILED] Authentication failed.', 'login.failed'],
    ['+ OK', 'literal.continue'],
    ['+ idling', 'idle.continue'],
    ['+ ', 'auth.continue'],
    ['* BYE Logging out', 'logout.bye'],
    ['a9 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).', 'select.ok'],
    ['x BAD Error in IMAP command FETCH: Invalid messageset', 'bad.messageset'],
  ])('explains %j as %s', (line, key) => {
    expect(explainImapReply(line, 'en')?.key).toBe(key);
    expect(explainImapReply(line, 'de')?.title).toBeTruthy();
  });
});
