/**
 * Outbound: what an MTA does with an accepted message — DKIM-sign it for its own domains,
 * file local recipients into their mailboxes through the MDA, and queue the rest per recipient
 * domain (one `mtaQueueMachine` actor per entry), bouncing with a DSN what cannot be delivered.
 */
import { createActor, type Actor } from 'xstate';
import { mtaQueueMachine, POSTFIX_QUEUE_DEFAULTS, type QueueServices, type QueueSettings, type Resolution, type Target } from '../agents/mta-queue';
import type { Reply } from '../protocol/smtp-reply';
import { domainOf } from '../protocol/smtp-command';
import { getHeader, splitMessage, messageId as makeMessageId } from '../protocol/message';
import { octets } from '../protocol/bytes';
import { buildDsn } from '../protocol/dsn';
import { signDkim } from '../auth/dkim-sign';
import type { QueueEntryView } from './view-model';
import type { MailHostPlan } from './default-world';
import type { WorldContext } from './context';
import { dialSmtp } from './smtp-dial';
import { resolveDomain, resolveHost } from './mx-resolution';

/** QueuedMessage: what `enqueue` takes. */
export interface QueuedMessage {
  msg: string;
  queueId: string;
  from: string;
  rcpts: string[];
  raw: string;
  folder: 'INBOX' | 'Junk';
  /** DKIM-sign before sending (submission). */
  sign: boolean;
}

interface Entry {
  view: QueueEntryView;
  actor: Actor<typeof mtaQueueMachine>;
}

/** Outbound: one host's queue and delivery. */
export class Outbound {
  readonly entries: Entry[] = [];
  settings: QueueSettings;

  constructor(
    private readonly ctx: WorldContext,
    private readonly plan: MailHostPlan,
  ) {
    const { retry, ...q } = plan.queue ?? {};
    this.settings = { ...POSTFIX_QUEUE_DEFAULTS, ...q, ...(retry ? { retry } : {}) };
  }

  /**
   * enqueue takes an accepted message: sign, then deliver locally or queue per domain. It runs
   * as a task of its own, so queue actors are never created inside another machine's action.
   */
  enqueue(m: QueuedMessage): void {
    this.ctx.scheduler.setTimeout(() => this.enqueueNow(m), 0);
  }

  private enqueueNow(m: QueuedMessage): void {
    const fromDomain = domainOf(getHeader(m.raw, 'From')?.replace(/.*<([^>]+)>.*/, '$1') ?? m.from).toLowerCase();
    const selector = this.plan.dkimSign[fromDomain];
    const key = this.ctx.plan.dkimKeys[fromDomain];
    if (m.sign && selector && key) {
      const signing = signDkim({
        raw: m.raw, domain: fromDomain, selector, privateKeyPkcs8Base64: key.privateKey,
        headers: ['from', 'from', 'to', 'subject', 'date', 'message-id', 'mime-version', 'content-type'],
        canon: 'relaxed/relaxed', timestamp: Math.floor((this.ctx.plan.epoch + this.ctx.scheduler.now()) / 1000),
      });
      this.ctx.scheduler.waitFor(signing.then((signed) => this.route({ ...m, raw: signed, sign: false })));
      return;
    }
    this.route(m);
  }

  private route(m: QueuedMessage): void {
    const byDomain = new Map<string, string[]>();
    for (const rcpt of m.rcpts) {
      const d = domainOf(rcpt).toLowerCase();
      if (this.plan.localDomains.includes(d)) this.deliverLocal(m, rcpt);
      else byDomain.set(d, [...(byDomain.get(d) ?? []), rcpt]);
    }
    for (const [domain, rcpts] of byDomain) this.queue(m, domain, rcpts);
  }

  /** deliverLocal hands a message for a local recipient to the mail store's MDA. */
  deliverLocal(m: QueuedMessage, rcpt: string): void {
    const ctx = this.ctx;
    const storeHost = this.plan.store ?? this.plan.host;
    const mda = ctx.mdas.get(storeHost);
    const deliver = () => {
      mda?.send({
        type: 'mda.deliver', rcpt, folder: m.folder, msg: m.msg, raw: m.raw, size: octets(m.raw),
        reply: (o) => {
          if (o.kind === 'stored') {
            ctx.trace.record({ type: 'mail.store', host: storeHost, msg: m.msg, mailbox: rcpt, folder: o.folder });
            ctx.ledger.settle(m.msg, rcpt, { fate: 'delivered', mailbox: rcpt, folder: o.folder, at: ctx.scheduler.now() });
          } else {
            const reply: Reply = o.reason === 'mailbox-full'
              ? { code: 552, enhanced: '5.2.2', lines: [`<${rcpt}>: Quota exceeded (mailbox for user is full)`] }
              : { code: 550, enhanced: '5.1.1', lines: [`<${rcpt}>: User doesn't exist: ${rcpt}`] };
            ctx.trace.record({ type: 'mail.error', host: storeHost, msg: m.msg, to: [rcpt], code: reply.code, enhanced: reply.enhanced, reason: reply.lines[0] });
            this.bounce(m, rcpt, reply, storeHost);
          }
        },
      });
    };
    if (storeHost === this.plan.host) return deliver();
    // The MX hands the message to the mail store (Dovecot LMTP in a real setup).
    ctx.net.send({ type: 'mail.store', host: storeHost, via: this.plan.host, from: this.plan.host, to: storeHost, proto: 'lmtp', msg: m.msg, mailbox: rcpt, folder: m.folder, reason: 'hand-off to the mail store' } as never, deliver);
  }

  private queue(m: QueuedMessage, domain: string, rcpts: string[]): void {
    const ctx = this.ctx;
    const view: QueueEntryView = { host: this.plan.host, msg: m.msg, queueId: m.queueId, from: m.from, rcpts, domain, state: 'active', attempts: [], arrived: ctx.scheduler.now() };
    const services: QueueServices = {
      now: () => ctx.scheduler.now(),
      resolve: (d, done) => this.resolve(d, done),
      attempt: (target, pending, done) => {
        dialSmtp(ctx, this.plan.host, target.ip, 25, {
          serverName: target.host, helo: this.plan.host, tls: 'starttls', from: m.from, rcpts: pending, data: m.raw, msg: m.msg, timeoutMs: 300_000,
        }, (o) => done(o.kind === 'session' ? { kind: 'session', target, result: o.result } : { kind: 'connect-failed', target, reason: o.detail }));
      },
      settle: (rcpt, outcome) => {
        if (outcome.kind === 'sent') {
          ctx.trace.record({ type: 'queue.sent', host: this.plan.host, msg: m.msg, rcpts: [rcpt], domain, target: outcome.target.host, code: outcome.reply.code, enhanced: outcome.reply.enhanced, reason: outcome.reply.lines.join(' ') });
        } else {
          this.bounce(m, rcpt, outcome.reply, outcome.target, outcome.reason);
        }
      },
      note: (e) => {
        ctx.trace.record({ ...e, host: this.plan.host, msg: m.msg, domain });
        if (e.type === 'queue.attempt') view.attempts.push({ at: ctx.scheduler.now(), target: e.target ?? '', text: 'trying' });
        if (e.type === 'queue.defer') {
          const last = view.attempts[view.attempts.length - 1];
          if (last) Object.assign(last, { code: e.code, enhanced: e.enhanced, text: e.reason ?? '' });
          view.state = 'deferred';
          view.nextRetry = e.nextRetry;
          view.lastError = e.reason;
        }
      },
    };
    const actor = createActor(mtaQueueMachine, { clock: ctx.scheduler, input: { domain, rcpts, arrived: ctx.scheduler.now(), settings: this.settings, services } });
    actor.subscribe((s) => {
      view.state = s.status === 'done' ? 'done' : String(s.value);
      if (s.status === 'done') view.nextRetry = undefined;
    });
    this.entries.push({ view, actor });
    actor.start();
  }

  private resolve(domain: string, done: (r: Resolution) => void): void {
    const host = this.plan.host;
    if (this.plan.smarthost) {
      resolveHost(this.ctx, host, this.plan.smarthost, 'smart host', (targets, problem) => {
        done(targets.length ? { kind: 'targets', targets } : problem ?? { kind: 'temporary', reason: `smart host ${this.plan.smarthost} not found` });
      });
      return;
    }
    resolveDomain(this.ctx, host, domain, done);
  }

  /** bounce settles a recipient as bounced and sends a DSN to the envelope sender. */
  bounce(m: QueuedMessage, rcpt: string, reply: Reply, remote?: string | Target, reason?: string): void {
    const ctx = this.ctx;
    const remoteHost = typeof remote === 'string' ? remote : remote?.host;
    const text = `${reply.code}${reply.enhanced ? ' ' + reply.enhanced : ''} ${reply.lines.join(' ')}`;
    ctx.trace.record({ type: 'queue.bounce', host: this.plan.host, msg: m.msg, rcpts: [rcpt], target: remoteHost, code: reply.code, enhanced: reply.enhanced, reason: reason ?? text });
    ctx.ledger.settle(m.msg, rcpt, { fate: 'bounced', code: reply.code, enhanced: reply.enhanced, reason: reason ?? text, at: ctx.scheduler.now() });
    // RFC 5321 §4.5.5: never bounce a bounce (null reverse-path).
    if (m.from === '' || ctx.ledger.get(m.msg)?.isDsn) return;
    const dsnId = ctx.ledger.newId();
    const queueId = ctx.queueId();
    const messageId = makeMessageId(`${ctx.scheduler.now()}.${queueId}`, this.plan.host);
    const raw = buildDsn({
      reportingMta: this.plan.host, to: m.from, originalHeaders: splitMessage(m.raw).header,
      recipients: [{ rcpt, action: 'failed', status: reply.enhanced ?? (reply.code >= 500 ? '5.0.0' : '4.0.0'), remoteMta: remoteHost, diagnostic: text }],
      arrivalDate: ctx.dateHeader(), date: ctx.dateHeader(), messageId, queueId, boundary: `${queueId}.${ctx.scheduler.now()}/${this.plan.host}`,
    });
    ctx.ledger.add({ id: dsnId, messageId, from: '', rcpts: [m.from], subject: 'Undelivered Mail Returned to Sender', created: ctx.scheduler.now(), isDsn: true });
    ctx.trace.record({ type: 'mail.submit', host: this.plan.host, msg: dsnId, from: '<>', to: [m.from], subject: 'Undelivered Mail Returned to Sender', reason: `bounce of ${m.msg}` });
    this.enqueue({ msg: dsnId, queueId, from: '', rcpts: [m.from], raw, folder: 'INBOX', sign: false });
  }

  /** retryNow wakes every deferred entry (postqueue -f), or one message's entries. */
  retryNow(msg?: string): void {
    this.ctx.trace.record({ type: 'queue.flush', host: this.plan.host, msg: msg ?? '*', rcpts: [] });
    for (const e of this.entries) if (!msg || e.view.msg === msg) e.actor.send({ type: 'queue.retry-now' });
  }

  /** pending lists entries not yet done. */
  pending(): QueueEntryView[] {
    return this.entries.filter((e) => e.view.state !== 'done').map((e) => e.view);
  }
}
