/**
 * Bounces and delay warnings: the delivery status notifications (RFC 3464) an MTA sends back
 * to a message's envelope sender, with the null reverse-path `<>` so that they are never bounced
 * themselves (RFC 5321 §4.5.5). As Postfix's bounce daemon does, the recipients that fail in one
 * delivery run are reported together in one DSN, which then travels like any other mail.
 */
import { buildDsn, type DsnRecipient } from '../protocol/dsn';
import { splitMessage, messageId as makeMessageId, formatDate } from '../protocol/message';
import type { Failure } from '../protocol/delivery-outcome';
import type { WorldContext } from './context';

/** ReturnedMessage: the message a DSN reports on, as the reporting MTA queued it. */
export interface ReturnedMessage {
  msg: string;
  queueId: string;
  from: string;
  raw: string;
  /** When this MTA accepted it (virtual ms). */
  arrived: number;
}

/** DsnRequest: one recipient to report. */
export interface DsnRequest {
  rcpt: string;
  failure: Failure;
}

/** DsnMail: a DSN ready to be queued like any other message. */
export interface DsnMail {
  msg: string;
  queueId: string;
  from: '';
  rcpts: string[];
  raw: string;
}

const SUBJECT = { failed: 'Undelivered Mail Returned to Sender', delayed: 'Delayed Mail (still being retried)' } as const;

function dsnRecipient(r: DsnRequest, action: 'failed' | 'delayed', willRetryUntil?: string): DsnRecipient {
  const reply = r.failure.reply;
  return {
    rcpt: r.rcpt, action, status: r.failure.status, remoteMta: r.failure.remote, text: r.failure.text,
    diagnostic: reply ? `${reply.code}${reply.enhanced ? ' ' + reply.enhanced : ''} ${reply.lines.join(' ')}` : r.failure.text,
    diagnosticType: reply ? 'smtp' : 'X-Postfix',
    ...(willRetryUntil ? { willRetryUntil } : {}),
  };
}

const words = (ms: number, unit: number, name: string) => `${Math.max(1, Math.round(ms / unit))} ${name}(s)`;

/** DelayInfo: for a warning, the configured warning time and queue lifetime (ms), as Postfix's template states them. */
export interface DelayInfo {
  warnAfter: number;
  lifetime: number;
}

/**
 * makeDsn writes a DSN from `reportingMta` about `m` for the given recipients: `failed` (a bounce)
 * or `delayed` (a warning, with `delay` saying after how long and until when it is retried). It
 * registers the DSN in the ledger and records its creation; the caller queues it.
 */
export function makeDsn(ctx: WorldContext, reportingMta: string, m: ReturnedMessage, requests: DsnRequest[], action: 'failed' | 'delayed', delay?: DelayInfo): DsnMail {
  const now = ctx.scheduler.now();
  const dsnId = ctx.ledger.newId();
  const queueId = ctx.queueId();
  const messageId = makeMessageId(`${now}.${queueId}`, reportingMta);
  const until = action === 'delayed' && delay ? formatDate(ctx.plan.epoch + m.arrived + delay.lifetime) : undefined;
  const raw = buildDsn({
    reportingMta, to: m.from, originalHeaders: splitMessage(m.raw).header,
    recipients: requests.map((r) => dsnRecipient(r, action, until)),
    arrivalDate: formatDate(ctx.plan.epoch + m.arrived), date: ctx.dateHeader(), messageId, queueId: m.queueId,
    boundary: `${queueId}.${now}/${reportingMta}`,
    ...(action === 'delayed' && delay ? { delayedFor: words(delay.warnAfter, 3_600_000, 'hour'), lifetime: words(delay.lifetime, 86_400_000, 'day') } : {}),
  });
  ctx.ledger.add({ id: dsnId, messageId, from: '', rcpts: [m.from], subject: SUBJECT[action], created: now, isDsn: true });
  ctx.trace.record({ type: 'mail.submit', host: reportingMta, msg: dsnId, from: '<>', to: [m.from], subject: SUBJECT[action], reason: `${action === 'failed' ? 'bounce' : 'delay warning'} of ${m.msg} for ${requests.map((r) => r.rcpt).join(', ')}` });
  return { msg: dsnId, queueId, from: '', rcpts: [m.from], raw };
}
