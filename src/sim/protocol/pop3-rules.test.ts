import { describe, expect, it } from 'vitest';
import { decidePop3, newPop3Session, pop3Capabilities, pop3Uidl, topOf, type Pop3Hooks, type Pop3Message, type Pop3Policy, type Pop3Session } from './pop3-rules';
import { encodePlain } from './sasl';
import { dotUnstuff } from './dot-stuffing';
import { explainPop3Reply, POP3_REPLIES, pop3Reply } from './pop3-replies';

const RAW1 = 'From: alice@example.com\r\nSubject: Hello\r\n\r\nHi Bob,\r\n.hidden dot\r\n..two\r\nbye\r\n';
const RAW2 = 'Subject: Second\r\n\r\nline\r\n';
const msgs = (): Pop3Message[] => [
  { uid: 1, uidl: pop3Uidl(1, 1795822144), size: 77, raw: RAW1, msg: 'm1' },
  { uid: 2, uidl: pop3Uidl(2, 1795822144), size: 25, raw: RAW2, msg: 'm2' },
];

function hooks(log: { commits: unknown[] } = { commits: [] }): Pop3Hooks {
  return {
    authenticate: (u, p) => (u === 'bob@example.org' && p === 'bob-secret' ? 'ok' : u === 'app@example.org' && p === 'main' ? 'app-password-required' : 'fail'),
    openMaildrop: (u) => (u === 'bob@example.org' ? msgs() : undefined),
    commit: (_u, change) => void log.commits.push(change),
  };
}

const policy: Pop3Policy = { tls: 'starttls' };

/** run feeds lines through the rules and returns every reply and the final session. */
function run(lines: string[], h = hooks(), start = newPop3Session(false)) {
  let s: Pop3Session = start;
  const out: string[] = [];
  const nexts: (string | undefined)[] = [];
  for (const line of lines) {
    const d = decidePop3(policy, s, line, h);
    out.push(...d.out);
    nexts.push(d.next);
    s = { ...s, ...d.patch };
    if (d.next === 'close') break;
  }
  return { out, s, nexts };
}

describe('POP3 AUTHORIZATION state', () => {
  it('answers CAPA as Dovecot does, with STLS only before TLS', () => {
    expect(run(['CAPA']).out).toEqual(['+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nSTLS\r\nUSER\r\nSASL PLAIN LOGIN\r\n.']);
    expect(pop3Capabilities(policy, newPop3Session(true))).not.toContain('STLS');
    expect(pop3Capabilities({ tls: 'implicit' }, newPop3Session(true))).toContain('USER');
  });

  it.each<[string[], string[]]>([
    [['STAT'], ['-ERR Unknown command.']],
    [['USER bob@example.org', 'PASS wrong'], ['+OK', '-ERR [AUTH] Authentication failed.']],
    [['USER bob@example.org', 'PASS bob-secret'], ['+OK', '+OK Logged in.']],
    [['user bob@example.org', 'pass bob-secret'], ['+OK', '+OK Logged in.']],
    [['PASS bob-secret'], ['-ERR No username given.']],
    [['USER app@example.org', 'PASS main'], ['+OK', '-ERR [AUTH] Application-specific password required.']],
    [['STLS'], ['+OK Begin TLS negotiation now.']],
    [['QUIT'], ['+OK Logging out']],
    [['AUTH'], ['+OK\r\nPLAIN\r\nLOGIN\r\n.']],
    [['AUTH CRAM-MD5'], ['-ERR Unsupported authentication mechanism.']],
    [['AUTH PLAIN'], ['+ ']],
    [['AUTH PLAIN', '*'], ['+ ', '-ERR Authentication aborted by client.']],
    [[`AUTH PLAIN ${encodePlain({ authcid: 'bob@example.org', password: 'bob-secret' })}`], ['+OK Logged in.']],
    [['AUTH PLAIN', encodePlain({ authcid: 'bob@example.org', password: 'bob-secret' })], ['+ ', '+OK Logged in.']],
    [['AUTH PLAIN not~base64'], ['-ERR [AUTH] Invalid base64 data in initial response']],
    [['AUTH LOGIN', btoa('bob@example.org'), btoa('bob-secret')], ['+ VXNlcm5hbWU6', '+ UGFzc3dvcmQ6', '+OK Logged in.']],
    [['FROB', 'FROB', 'FROB'], ['-ERR Unknown command.', '-ERR Unknown command.', '-ERR Unknown command.', '-ERR Too many invalid bad commands.']],
  ])('%j → %j', (lines, replies) => {
    expect(run(lines).out).toEqual(replies);
  });

  it('delays a failed login and lets the client retry on the same connection', () => {
    const d = decidePop3(policy, { ...newPop3Session(false), user: 'bob@example.org' }, 'PASS nope', hooks());
    expect(d.delay).toBe(true);
    expect(run(['USER bob@example.org', 'PASS nope', 'USER bob@example.org', 'PASS bob-secret']).out.at(-1)).toBe('+OK Logged in.');
  });

  it('refuses STLS twice and hangs up on a line longer than its buffer', () => {
    expect(run(['STLS'], hooks(), newPop3Session(true)).out).toEqual(['-ERR TLS is already active.']);
    expect(run(['X'.repeat(5000)]).out).toEqual(['-ERR Input buffer full, aborting']);
    expect(run(['X'.repeat(5000)]).nexts).toEqual(['close']);
  });
});

describe('POP3 TRANSACTION and UPDATE states', () => {
  const login = ['USER bob@example.org', 'PASS bob-secret'];

  it.each<[string[], string[]]>([
    [['STAT'], ['+OK 2 102']],
    [['LIST'], ['+OK 2 messages:\r\n1 77\r\n2 25\r\n.']],
    [['LIST 2'], ['+OK 2 25']],
    [['LIST 99999'], ["-ERR There's no message 99999."]],
    [['LIST 0'], ["-ERR There's no message 0."]],
    [['RETR'], ['-ERR Invalid message number: ']],
    [['RETR x'], ['-ERR Invalid message number: x']],
    [['RETR 1 2'], ['-ERR Noise after message number:  2']],
    [['UIDL'], ['+OK\r\n1 000000016b0a1240\r\n2 000000026b0a1240\r\n.']],
    [['UIDL 2'], ['+OK 2 000000026b0a1240']],
    [['DELE 1', 'DELE 1', 'RETR 1'], ['+OK Marked to be deleted.', '-ERR Message is deleted.', '-ERR Message is deleted.']],
    [['DELE 1', 'STAT', 'LIST'], ['+OK Marked to be deleted.', '+OK 1 25', '+OK 1 messages:\r\n2 25\r\n.']],
    [['DELE 1', 'RSET', 'STAT'], ['+OK Marked to be deleted.', '+OK', '+OK 2 102']],
    [['NOOP'], ['+OK']],
    [['FROBNICATE'], ['-ERR Unknown command: FROBNICATE']],
    [['TOP 1'], ['-ERR Noise after message number: ']],
    [['TOP 1 x'], ['-ERR Invalid size: x']],
    [['CAPA'], ['+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\n.']],
    [['QUIT'], ['+OK Logging out.']],
    [['DELE 2', 'QUIT'], ['+OK Marked to be deleted.', '+OK Logging out, messages deleted.']],
  ])('%j → %j', (lines, replies) => {
    expect(run([...login, ...lines]).out.slice(2)).toEqual(replies);
  });

  it('RETR sends "+OK n octets" and the byte-stuffed message; unstuffed it is the stored message', () => {
    const [reply] = run([...login, 'RETR 1']).out.slice(2);
    const [first, ...rest] = reply.split('\r\n');
    expect(first).toBe('+OK 77 octets');
    expect(rest).toContain('..hidden dot');
    expect(rest).toContain('...two');
    expect(rest.at(-1)).toBe('.');
    expect(dotUnstuff(rest)).toBe(RAW1);
  });

  it('TOP n 0 gives the header and the empty line', () => {
    const [reply] = run([...login, 'TOP 1 0']).out.slice(2);
    expect(reply).toBe('+OK\r\nFrom: alice@example.com\r\nSubject: Hello\r\n\r\n.');
    expect(topOf(RAW1, 1)).toBe('From: alice@example.com\r\nSubject: Hello\r\n\r\nHi Bob,\r\n');
  });

  it('removes messages only in the UPDATE state after QUIT, and flags retrieved ones \\Seen', () => {
    const log = { commits: [] as unknown[] };
    const r = run([...login, 'RETR 2', 'DELE 1', 'QUIT'], hooks(log));
    expect(r.s.phase).toBe('update');
    expect(log.commits).toEqual([{ deleted: [1], seen: [2] }]);
    const dropped = { commits: [] as unknown[] };
    run([...login, 'DELE 1'], hooks(dropped));
    expect(dropped.commits).toEqual([]);
  });

  it('hangs up after 20 failed commands in a row', () => {
    const r = run([...login, ...Array(20).fill('RETR 9')]);
    expect(r.out.at(-1)).toBe('-ERR Too many bad commands.');
    expect(r.nexts.at(-1)).toBe('close');
  });
});

describe('the POP3 reply table', () => {
  it('explains every entry in English and German', () => {
    for (const [key, entry] of Object.entries(POP3_REPLIES)) {
      for (const lang of ['en', 'de'] as const) {
        expect(entry[lang].title, key).not.toBe('');
        expect(entry[lang].meaning.length, key).toBeGreaterThan(10);
      }
    }
  });

  it.each([
    ['+OK Logged in.', undefined, 'login.ok'],
    ['+OK', 'USER bob', 'user.ok'],
    ['+OK', 'RSET', 'rset.ok'],
    ['+OK 3 octets\r\nabc\r\n.', 'RETR 1', 'retr'],
    ['-ERR Unknown command: FROB', undefined, 'unknown'],
    ["-ERR There's no message 7.", undefined, 'msg.none'],
    ['+OK Dovecot (Debian) ready.', undefined, 'greeting'],
  ])('explains %j (after %s) as %s', (line, command, key) => {
    expect(explainPop3Reply(line, 'en', command)?.key).toBe(key);
    expect(explainPop3Reply(line, 'de', command)?.title).toBeTruthy();
  });

  it('fills templates', () => {
    expect(pop3Reply('stat', { count: 7, size: 3359 })).toBe('+OK 7 3359');
    expect(explainPop3Reply('something else', 'en')).toBeUndefined();
  });
});
