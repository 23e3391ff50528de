/**
 * Delivery status notifications (RFC 3464 in an RFC 6522 multipart/report), as Postfix writes
 * them: a human-readable part, the machine-readable `message/delivery-status` part, and the
 * original message's headers (`text/rfc822-headers`). Sent with the null sender `<>` so that a
 * bounce is never bounced (RFC 5321 §4.5.5).
 */

/** DsnRecipient: the per-recipient fields of a DSN (RFC 3464 §2.3). */
export interface DsnRecipient {
  rcpt: string;
  action: 'failed' | 'delayed';
  /** RFC 3463 status, e.g. `5.1.1`. */
  status: string;
  remoteMta?: string;
  /** The reply the remote server gave, e.g. `550 5.1.1 <bob@example.org>: ...`. */
  diagnostic?: string;
  /** Which command the reply answered (for the human-readable part). */
  inReplyTo?: string;
  /** `smtp` when `diagnostic` is a remote server's reply; `X-Postfix` for the MTA's own words (DNS, timeouts). */
  diagnosticType?: 'smtp' | 'X-Postfix';
  /** The line the human-readable part shows for this recipient (Postfix: `host X said: ...`). */
  text?: string;
  /** RFC 3464 §2.3.9: until when a delayed message is retried (an RFC 5322 date). */
  willRetryUntil?: string;
}

/** DsnInput: everything a DSN is made of. */
export interface DsnInput {
  reportingMta: string;
  to: string;
  originalHeaders: string;
  recipients: DsnRecipient[];
  arrivalDate: string;
  date: string;
  messageId: string;
  queueId: string;
  boundary: string;
  /** For a delay warning: how long the message has waited, and the queue lifetime, as words (`4 hour(s)`, `5 day(s)`). */
  delayedFor?: string;
  lifetime?: string;
}

/** buildDsn writes the whole DSN message with CRLF line endings. */
export function buildDsn(d: DsnInput): string {
  const delayed = d.recipients.every((r) => r.action === 'delayed');
  const human = delayed
    ? [
        `This is the mail system at host ${d.reportingMta}.`,
        '',
        '####################################################################',
        '# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #',
        '####################################################################',
        '',
        ...(d.delayedFor ? [`Your message could not be delivered for more than ${d.delayedFor}.`, `It will be retried until it is ${d.lifetime ?? '5 day(s)'} old.`] : ['Your message could not be delivered yet. The mail system will keep', 'trying; you will be told if it finally gives up.']),
        '',
        'For further assistance, please send mail to postmaster.',
        '',
        '                   The mail system',
      ]
    : [
        `This is the mail system at host ${d.reportingMta}.`,
        '',
        "I'm sorry to have to inform you that your message could not",
        'be delivered to one or more recipients. It\'s attached below.',
        '',
        'For further assistance, please send mail to postmaster.',
        '',
        'If you do so, please include this problem report. You can',
        'delete your own text from the attached returned message.',
        '',
        '                   The mail system',
      ];
  for (const r of d.recipients) {
    human.push('', `<${r.rcpt}>: ${r.text ?? `${r.remoteMta ? `host ${r.remoteMta} said: ` : ''}${r.diagnostic ?? r.status}${r.inReplyTo ? ` (in reply to ${r.inReplyTo} command)` : ''}`}`);
  }
  const status: string[] = [`Reporting-MTA: dns; ${d.reportingMta}`, `X-Postfix-Queue-ID: ${d.queueId}`, `Arrival-Date: ${d.arrivalDate}`];
  for (const r of d.recipients) {
    status.push('', `Final-Recipient: rfc822; ${r.rcpt}`, `Original-Recipient: rfc822;${r.rcpt}`, `Action: ${r.action}`, `Status: ${r.status}`);
    if (r.remoteMta) status.push(`Remote-MTA: dns; ${r.remoteMta}`);
    if (r.diagnostic) status.push(`Diagnostic-Code: ${r.diagnosticType ?? 'smtp'}; ${r.diagnostic}`);
    if (r.willRetryUntil) status.push(`Will-Retry-Until: ${r.willRetryUntil}`);
  }
  const headers = d.originalHeaders.replace(/(\r\n)+$/, '');
  const lines = [
    `From: MAILER-DAEMON@${d.reportingMta} (Mail Delivery System)`,
    `To: ${d.to}`,
    `Subject: ${delayed ? 'Delayed Mail (still being retried)' : 'Undelivered Mail Returned to Sender'}`,
    `Date: ${d.date}`,
    `Message-ID: ${d.messageId}`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary="${d.boundary}"`,
    'Content-Transfer-Encoding: 8bit',
    '',
    'This is a MIME-encapsulated message.',
    '',
    `--${d.boundary}`,
    'Content-Description: Notification',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    ...human,
    '',
    `--${d.boundary}`,
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    ...status,
    '',
    `--${d.boundary}`,
    'Content-Description: Undelivered Message Headers',
    'Content-Type: text/rfc822-headers',
    'Content-Transfer-Encoding: 8bit',
    '',
    headers,
    '',
    `--${d.boundary}--`,
    '',
  ];
  return lines.join('\r\n');
}
