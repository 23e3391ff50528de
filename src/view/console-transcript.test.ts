import { describe, expect, it } from 'vitest';
import { simulate, type Intervention } from '../sim/index';
import { authPlain, base64Text, completeCommand, consoleScreen, consoleSessions, consoleStatus, linesAt, nextImapTag, protoOfPort, replyDueBy } from './console-transcript';

/** A hand-typed submission session as the console panel records it: one intervention per line. */
async function handTyped(script: (string | 'TLS')[], port = 587) {
  let at = 10_000;
  const interventions: Intervention[] = [{ at, action: { do: 'console-open', session: 's1', from: 'alice-pc', to: 'smtp.example.com', port } }];
  const times: number[] = [at];
  for (const line of script) {
    at += 1000;
    times.push(at);
    interventions.push({ at, action: line === 'TLS' ? { do: 'console-tls', session: 's1' } : { do: 'console-type', session: 's1', line } });
  }
  const run = await simulate({ interventions });
  if (!run.ok) throw new Error('run failed');
  return { trace: run.trace, times };
}

describe('the console screen from the trace', () => {
  it('lists console sessions with their connection and target', async () => {
    const { trace } = await handTyped(['QUIT']);
    expect(consoleSessions(trace)).toEqual([expect.objectContaining({ session: 's1', from: 'alice-pc', to: 'smtp.example.com', port: 587, opened: 10_000 })]);
  });

  it('shows typed lines, the server’s replies when they arrive, and notes for connect, TLS and close', async () => {
    const { trace, times } = await handTyped(['EHLO alice-pc', 'STARTTLS', 'TLS', 'EHLO alice-pc', `AUTH PLAIN ${authPlain('alice@example.com', 'alice-secret')}`, 'QUIT']);
    const lines = consoleScreen(trace, 's1');
    const text = lines.map((l) => (l.dir === 'info' ? `* ${l.note}` : `${l.dir}: ${l.text}`));
    expect(text[0]).toBe('* connecting');
    expect(text[1]).toBe('* connected');
    expect(text[2]).toBe('S: 220 smtp.example.com ESMTP Postfix');
    expect(text).toContain('C: STARTTLS');
    expect(text).toContain('S: 220 2.0.0 Ready to start TLS');
    expect(text.indexOf('* tls')).toBeGreaterThan(text.indexOf('* tls-start'));
    expect(text).toContain('S: 235 2.7.0 Authentication successful');
    expect(text.at(-2)).toBe('S: 221 2.0.0 Bye');
    expect(text.at(-1)).toBe('* closed');
    const greeting = lines[2];
    expect(greeting.at).toBeGreaterThan(trace[greeting.index].t);
    expect(lines.find((l) => l.text.startsWith('235'))).toMatchObject({ code: 235, enhanced: '2.7.0', tls: true, answers: expect.stringMatching(/^AUTH PLAIN /) });
    // Before the first EHLO is typed, only the greeting has arrived.
    expect(linesAt(lines, times[1] - 1).filter((l) => l.dir !== 'info').map((l) => l.text)).toEqual(['220 smtp.example.com ESMTP Postfix']);
  });

  it('says how long to play until the answer to a typed line has arrived', async () => {
    const { trace, times } = await handTyped(['EHLO alice-pc', 'DATA']);
    const lines = consoleScreen(trace, 's1');
    const greeting = lines.find((l) => l.text.startsWith('220 '))!;
    expect(replyDueBy(lines, times[0])).toBe(greeting.at);
    const ehloLast = lines.filter((l) => l.text.startsWith('250')).at(-1)!;
    expect(replyDueBy(lines, times[1])).toBe(ehloLast.at);
    // DATA before STARTTLS is refused (530); much later the server gives up on the idle connection.
    const refusal = lines.find((l) => /^5\d\d /.test(l.text))!;
    expect(replyDueBy(lines, times[2])).toBe(refusal.at);
    expect(lines.at(-1)).toMatchObject({ note: 'closed' });
    expect(lines.at(-1)!.at - refusal.at).toBeGreaterThan(60_000);
    expect(replyDueBy(lines, times[2] + 5000)).toBeUndefined();
  });

  it('offers STARTTLS only after the server agreed to it, and not again once TLS is up', async () => {
    const { trace, times } = await handTyped(['EHLO alice-pc', 'STARTTLS', 'TLS']);
    const lines = consoleScreen(trace, 's1');
    expect(consoleStatus(linesAt(lines, times[1] + 500)).canStartTls).toBe(false);
    const agreed = consoleStatus(linesAt(lines, times[3] - 1));
    expect(agreed).toMatchObject({ open: true, tls: false, canStartTls: true });
    expect(consoleStatus(linesAt(lines, times[3] + 1000))).toMatchObject({ open: true, tls: true, canStartTls: false });
  });

  it('marks lines typed after the server closed the connection', async () => {
    const { trace } = await handTyped(['QUIT', 'NOOP']);
    const lines = consoleScreen(trace, 's1');
    expect(lines.at(-1)).toMatchObject({ dir: 'info', note: 'not-connected' });
    expect(consoleStatus(lines)).toMatchObject({ open: false, closed: true });
  });

  it('marks a line typed before the connection was open as not sent', async () => {
    const run = await simulate({
      interventions: [
        { at: 10_000, action: { do: 'console-open', session: 's1', from: 'alice-pc', to: 'smtp.example.com', port: 587 } },
        { at: 10_001, action: { do: 'console-type', session: 's1', line: 'EHLO too-early' } },
      ],
    });
    if (!run.ok) throw new Error('run failed');
    const lines = consoleScreen(run.trace, 's1');
    const typed = lines.findIndex((l) => l.text === 'EHLO too-early');
    expect(lines[typed + 1]).toMatchObject({ dir: 'info', note: 'not-connected' });
  });

  it('reports a refused connection', async () => {
    const { trace } = await handTyped([], 2525);
    const lines = consoleScreen(trace, 's1');
    expect(lines.map((l) => l.note)).toEqual(['connecting', 'refused']);
  });
});

describe('console helpers', () => {
  it('knows the protocol of the usual ports', () => {
    expect([25, 465, 587, 110, 995, 143, 993, 8080].map(protoOfPort)).toEqual(['smtp', 'smtp', 'smtp', 'pop3', 'pop3', 'imap', 'imap', 'tcp']);
  });

  it('completes commands per protocol', () => {
    expect(completeCommand('eh', 'smtp')).toEqual({ text: 'EHLO ', options: [] });
    expect(completeCommand('MA', 'smtp').text).toBe('MAIL FROM:<');
    expect(completeCommand('R', 'smtp')).toEqual({ text: 'R', options: ['RCPT TO:<', 'RSET'] });
    expect(completeCommand('AUTH', 'smtp')).toEqual({ text: 'AUTH ', options: ['AUTH PLAIN', 'AUTH LOGIN'] });
    expect(completeCommand('ST', 'pop3')).toEqual({ text: 'ST', options: ['STLS', 'STAT'] });
    expect(completeCommand('a1 LOG', 'imap')).toEqual({ text: 'a1 LOG', options: ['LOGIN', 'LOGOUT'] });
    expect(completeCommand('a2 sel', 'imap').text).toBe('a2 SELECT INBOX');
    expect(completeCommand('xyz', 'smtp')).toEqual({ text: 'xyz', options: [] });
    expect(completeCommand('anything', 'tcp')).toEqual({ text: 'anything', options: [] });
  });

  it('proposes the next IMAP tag', () => {
    expect(nextImapTag([])).toBe('a1');
    expect(nextImapTag([{ index: 0, at: 0, dir: 'C', text: 'a1 LOGIN x y' }, { index: 1, at: 0, dir: 'C', text: 'a7 NOOP' }])).toBe('a8');
  });

  it('encodes AUTH PLAIN (RFC 4616) and AUTH LOGIN values', () => {
    expect(authPlain('alice@example.com', 'alice-secret')).toBe('AGFsaWNlQGV4YW1wbGUuY29tAGFsaWNlLXNlY3JldA==');
    expect(Buffer.from(authPlain('jörg@example.com', 'pässword'), 'base64').toString('utf8')).toBe('\u0000jörg@example.com\u0000pässword');
    expect(base64Text('alice@example.com')).toBe('YWxpY2VAZXhhbXBsZS5jb20=');
  });
});
