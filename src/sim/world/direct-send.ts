/**
 * directSend: a host without a mail program of its own talks straight to the recipient domain's
 * MX on port 25, as a spammer's script, a spoofing attacker (`mallory-pc`) or a misconfigured
 * home server does. It claims any envelope sender and From it likes; nothing authenticates it,
 * so only the receiving server's checks (block lists, SPF, DKIM, DMARC, spam score) stand in the
 * way. There is no queue: whatever the MX refuses is the message's fate, and nothing is retried.
 */
import type { Reply } from '../protocol/smtp-reply';
import { buildMessage, messageId as makeMessageId } from '../protocol/message';
import { domainOf } from '../protocol/smtp-command';
import type { Target } from '../agents/mta-queue';
import type { SmtpClientResult } from '../agents/smtp-client';
import type { WorldContext } from './context';
import { dialSmtp } from './smtp-dial';
import { resolveDomain } from './mx-resolution';
import type { SendPlan } from './scenario-plan';

/** DirectMail: one message sent straight to the recipients' MX. */
export interface DirectMail {
  /** The client host that sends (e.g. `mallory-pc`). */
  host: string;
  to: string[];
  cc?: string[];
  /** Blind recipients: in the envelope only. */
  bcc?: string[];
  /** Envelope sender (MAIL FROM); '' is the null sender. */
  mailFrom: string;
  /** The From header, which may claim anyone. */
  from: string;
  subject: string;
  body?: string;
  /** Extra header fields, in order. */
  headers?: [string, string][];
  /** The name given in EHLO (default: the host's name). */
  helo?: string;
  port?: number;
  /** Client TLS: STARTTLS when offered (default), never, required, or implicit. */
  tls?: 'none' | 'starttls' | 'required' | 'implicit';
  /** Pad the body to this many octets. */
  size?: number;
}

/** DIRECT_TIMEOUT_MS: how long the sending script waits for each reply. */
const DIRECT_TIMEOUT_MS = 60_000;

const isPending = (ctx: WorldContext, msg: string, rcpt: string): boolean =>
  (ctx.ledger.get(msg)?.fates.get(rcpt.toLowerCase()) ?? []).every((f) => f.fate === 'pending');

/**
 * directSend composes the message, registers it in the ledger (so the run reports its fate) and
 * delivers it per recipient domain to the MX found in DNS (RFC 5321 §5.1), trying MX hosts in
 * order until one answers. A recipient the MX refuses, at RCPT or after DATA, ends `rejected`
 * with the server's code. Returns the message id (`m7`).
 */
export function directSend(ctx: WorldContext, mail: DirectMail): string {
  const msg = ctx.ledger.newId();
  const now = ctx.scheduler.now();
  const fromDomain = domainOf(mail.from.replace(/.*<([^>]*)>.*/, '$1')) || mail.host;
  const messageId = makeMessageId(`${now}.${ctx.queueId()}`, fromDomain);
  let body = mail.body ?? '';
  if (mail.size && mail.size > body.length) body += ('x'.repeat(76) + '\r\n').repeat(Math.ceil((mail.size - body.length) / 78));
  const raw = buildMessage({ from: mail.from, to: mail.to, cc: mail.cc, subject: mail.subject, body, date: ctx.dateHeader(), messageId, headers: mail.headers });
  const rcpts = [...mail.to, ...(mail.cc ?? []), ...(mail.bcc ?? [])];
  ctx.ledger.add({ id: msg, messageId, from: mail.mailFrom, rcpts, subject: mail.subject, created: now, isDsn: false });
  ctx.trace.record({ type: 'mail.submit', host: mail.host, msg, from: mail.mailFrom || '<>', to: rcpts, subject: mail.subject, reason: `sent straight to the recipient's MX, From: ${mail.from}` });

  const refuse = (rcpt: string, reply: Reply | undefined, reason: string) => {
    if (!isPending(ctx, msg, rcpt)) return;
    const text = reply ? reply.lines.join(' ') : reason;
    ctx.trace.record({ type: 'mail.error', host: mail.host, msg, to: [rcpt], code: reply?.code, enhanced: reply?.enhanced, reason: text });
    ctx.ledger.settle(msg, rcpt, { fate: 'rejected', code: reply?.code, enhanced: reply?.enhanced, reason: text, at: ctx.scheduler.now() });
  };
  const settleSession = (group: string[], r: SmtpClientResult) => {
    for (const rcpt of group) {
      const answer = r.rcpts.find((x) => x.rcpt === rcpt);
      if (answer && answer.reply.code >= 300) refuse(rcpt, answer.reply, answer.reply.lines.join(' '));
      // After DATA the MX settles what it refused itself; anything else left open failed here.
      else if (r.kind === 'failed') refuse(rcpt, r.reply, `session ended at ${r.stage}: ${r.network ?? 'no reply'}`);
    }
  };

  const byDomain = new Map<string, string[]>();
  for (const r of rcpts) byDomain.set(domainOf(r).toLowerCase(), [...(byDomain.get(domainOf(r).toLowerCase()) ?? []), r]);
  for (const [domain, group] of byDomain) {
    resolveDomain(ctx, mail.host, domain, (res) => {
      if (res.kind !== 'targets') {
        for (const rcpt of group) refuse(rcpt, res.kind === 'permanent' ? res.reply : undefined, res.reason);
        return;
      }
      const tryTarget = (i: number, lastError: string) => {
        const target: Target | undefined = res.targets[i];
        if (!target) {
          for (const rcpt of group) refuse(rcpt, undefined, lastError);
          return;
        }
        dialSmtp(ctx, mail.host, target.ip, mail.port ?? 25, {
          serverName: target.host, helo: mail.helo ?? mail.host, tls: mail.tls ?? 'starttls', from: mail.mailFrom, rcpts: group, data: raw, msg, timeoutMs: DIRECT_TIMEOUT_MS,
        }, (o) => (o.kind === 'session' ? settleSession(group, o.result) : tryTarget(i + 1, o.detail)));
      };
      tryTarget(0, `no MX host of ${domain} answered`);
    });
  }
  return msg;
}

/**
 * DirectSendSpec: a scenario's `send` entry with `via: direct` (the fields this needs; the
 * loader's SendSpec fits it): `host` sends, `heloAs` is its EHLO name, `mailFrom` the envelope
 * sender ('' for `<>`, default `from`), `at` the time in ms.
 */
export interface DirectSendSpec {
  at?: number;
  from: string;
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  body?: string;
  size?: number;
  headers?: Record<string, string>;
  host?: string;
  heloAs?: string;
  mailFrom?: string;
}

/** DirectSendStart: what `PlannedRun.directSends` holds. */
export interface DirectSendStart {
  at: number;
  start: (world: WorldContext) => void;
}

/**
 * directSendFromSpec turns a scenario's `send` entry with `via: direct` into a planned start.
 * Without `host`, the sender's own client host (from its account) sends; a host that does not
 * exist in the world is reported as a `mail.error` when the time comes.
 */
export function directSendFromSpec(spec: DirectSendSpec): DirectSendStart {
  return {
    at: spec.at ?? 0,
    start: (ctx) => {
      const host = spec.host ?? ctx.account(spec.from)?.clientHost;
      if (!host || !ctx.net.hosts.has(host)) {
        ctx.trace.record({ type: 'mail.error', host: host ?? '-', msg: '-', from: spec.from, reason: `no host ${host ?? '(none given)'} to send from directly in this world` });
        return;
      }
      directSend(ctx, {
        host, to: spec.to, cc: spec.cc, bcc: spec.bcc, mailFrom: spec.mailFrom ?? spec.from, from: spec.from, subject: spec.subject,
        body: spec.body ?? '', headers: spec.headers ? Object.entries(spec.headers) : undefined, helo: spec.heloAs, size: spec.size,
      });
    },
  };
}

/**
 * startDirectSend starts a planned `via: direct` mail now; its signature is that of
 * what scenario-plan.ts calls for a `send` with `via: direct`.
 */
export function startDirectSend(ctx: WorldContext, send: SendPlan): void {
  const { draft } = send;
  directSendFromSpec({
    from: draft.from, to: draft.to, cc: draft.cc, subject: draft.subject, body: draft.body, size: draft.size,
    headers: send.headers, host: send.host, heloAs: send.heloAs, mailFrom: send.mailFrom,
  }).start(ctx);
}
