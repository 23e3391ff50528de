import { describe, expect, it } from 'vitest';
import { connectFailure, judgeSession, said, type SessionReport } from './delivery-outcome';
import type { Reply } from './smtp-reply';

const S = 'mx1.example.org[192.0.2.131]';
const reply = (code: number, enhanced: string | undefined, text: string): Reply => ({ code, enhanced, lines: [text] });
const ok = reply(250, '2.1.5', 'Ok');
const queued = reply(250, '2.0.0', 'Ok: queued as ABC');
const A = 'a@example.org';
const B = 'b@example.org';

/** outcome lists [rcpt, sent|bounced|kept, status?] for easy comparison. */
function outcome(r: SessionReport, pending = [A, B]) {
  const j = judgeSession(S, pending, r);
  return [...j.sent.map((x) => [x.rcpt, 'sent']), ...j.bounced.map((x) => [x.rcpt, 'bounced', x.failure.status]), ...j.kept.map((x) => [x.rcpt, 'kept', x.failure.status])];
}

describe('judgeSession: per recipient, as Postfix\'s SMTP client (smtp_trouble.c) decides', () => {
  it.each<[string, SessionReport, (string | undefined)[][]]>([
    ['delivered to both', { kind: 'sent', stage: 'body', reply: queued, rcpts: [{ rcpt: A, reply: ok }, { rcpt: B, reply: ok }] }, [[A, 'sent'], [B, 'sent']]],
    ['one unknown, one delivered', { kind: 'sent', stage: 'body', reply: queued, rcpts: [{ rcpt: A, reply: reply(550, '5.1.1', 'User unknown') }, { rcpt: B, reply: ok }] }, [[B, 'sent'], [A, 'bounced', '5.1.1']]],
    ['one greylisted, one delivered', { kind: 'sent', stage: 'body', reply: queued, rcpts: [{ rcpt: A, reply: reply(451, '4.7.1', 'Greylisting') }, { rcpt: B, reply: ok }] }, [[B, 'sent'], [A, 'kept', '4.7.1']]],
    ['421 at the greeting keeps everyone', { kind: 'failed', stage: 'greeting', reply: reply(421, '4.3.2', 'busy'), rcpts: [] }, [[A, 'kept', '4.3.2'], [B, 'kept', '4.3.2']]],
    ['554 at the greeting is skipped, not final (smtp_skip_5xx_greeting)', { kind: 'failed', stage: 'greeting', reply: reply(554, '5.3.2', 'go away'), rcpts: [] }, [[A, 'kept', '5.3.2'], [B, 'kept', '5.3.2']]],
    ['550 to MAIL FROM bounces everyone', { kind: 'failed', stage: 'mail', reply: reply(550, '5.7.1', 'no'), rcpts: [] }, [[A, 'bounced', '5.7.1'], [B, 'bounced', '5.7.1']]],
    ['452 to MAIL FROM keeps everyone', { kind: 'failed', stage: 'mail', reply: reply(452, '4.3.1', 'full'), rcpts: [] }, [[A, 'kept', '4.3.1'], [B, 'kept', '4.3.1']]],
    ['421 at the second RCPT: the first refused hard, the second kept', { kind: 'failed', stage: 'rcpt', reply: reply(421, '4.3.2', 'busy'), rcpts: [{ rcpt: A, reply: reply(550, '5.1.1', 'unknown') }, { rcpt: B, reply: reply(421, '4.3.2', 'busy') }] }, [[A, 'bounced', '5.1.1'], [B, 'kept', '4.3.2']]],
    ['451 to DATA keeps the accepted', { kind: 'failed', stage: 'data', reply: reply(451, '4.3.0', 'error'), rcpts: [{ rcpt: A, reply: ok }, { rcpt: B, reply: ok }] }, [[A, 'kept', '4.3.0'], [B, 'kept', '4.3.0']]],
    ['552 after the data bounces the accepted', { kind: 'failed', stage: 'body', reply: reply(552, '5.3.4', 'too big'), rcpts: [{ rcpt: A, reply: ok }, { rcpt: B, reply: reply(550, '5.1.1', 'unknown') }] }, [[A, 'bounced', '5.3.4'], [B, 'bounced', '5.1.1']]],
    ['the reply after the data is lost: kept, the message may arrive twice', { kind: 'failed', stage: 'body', network: 'closed', dataSentNoReply: true, rcpts: [{ rcpt: A, reply: ok }, { rcpt: B, reply: ok }] }, [[A, 'kept', '4.4.2'], [B, 'kept', '4.4.2']]],
    ['a timeout waiting for the EHLO reply keeps everyone', { kind: 'failed', stage: 'ehlo', network: 'timeout', rcpts: [] }, [[A, 'kept', '4.4.2'], [B, 'kept', '4.4.2']]],
  ])('%s', (_name, report, expected) => {
    expect(outcome(report)).toEqual(expected);
  });

  it('writes Postfix\'s texts', () => {
    expect(said(S, reply(550, '5.1.1', '<b@example.org>: User unknown'), 'rcpt').text).toBe('host mx1.example.org[192.0.2.131] said: 550 5.1.1 <b@example.org>: User unknown (in reply to RCPT TO command)');
    expect(said(S, reply(421, '4.3.2', 'busy'), 'greeting').text).toBe('host mx1.example.org[192.0.2.131] refused to talk to me: 421 4.3.2 busy');
    expect(said(S, reply(451, '4.3.0', 'err'), 'body').text).toMatch(/\(in reply to end of DATA command\)$/);
    expect(connectFailure(S, 25, 'timeout')).toEqual({ status: '4.4.1', text: 'connect to mx1.example.org[192.0.2.131]:25: Connection timed out', remote: 'mx1.example.org' });
    const lost = judgeSession(S, [A], { kind: 'failed', stage: 'body', network: 'closed', dataSentNoReply: true, rcpts: [{ rcpt: A, reply: ok }] });
    expect(lost.kept[0].failure.text).toBe('lost connection with mx1.example.org[192.0.2.131] while sending end of data -- message may be sent more than once');
  });
});
