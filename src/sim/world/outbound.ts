/**
 * Outbound: what an MTA does with an accepted message — DKIM-sign it for its own domains,
 * file local recipients into their mailboxes through the MDA, and queue the rest per recipient
 * domain (one `mtaQueueMachine` actor per entry), returning what cannot be delivered to the
 * envelope sender in a DSN (`bounces.ts`), and warning the sender about long delays if asked to.
 */
import { createActor, type Actor } from 'xstate';
import { mtaQueueMachine, nextRetryTime, POSTFIX_QUEUE_DEFAULTS, type Attempt, type QueueServices, type QueueSettings, type Resolution } from '../agents/mta-queue';
import { domainOf } from '../protocol/smtp-command';
import { getHeader, prependHeader } from '../protocol/message';
import { octets } from '../protocol/bytes';
import { MAY_BE_SENT_TWICE, replyText, type Failure } from '../protocol/delivery-outcome';
import { signDkim } from '../auth/dkim-sign';
import type { QueueEntryView } from './view-model';
import type { MailHostPlan } from './default-world';
import type { WorldContext } from './context';
import { dialSmtp } from './smtp-dial';
import { resolveDomain, resolveHost } from './mx-resolution';
import { makeDsn, type DsnRequest } from './bounces';

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
  /** When this MTA accepted it (set by `enqueue`). */
  arrived?: number;
}

interface Entry {
  view: QueueEntryView;
  actor: Actor<typeof mtaQueueMachine>;
}

/** SMTP_TIMEOUT_MS: Postfix smtp_helo/mail/rcpt/data_init_timeout (300 s). */
const SMTP_TIMEOUT_MS = 300_000;
/** SMTP_DATA_DONE_TIMEOUT_MS: Postfix smtp_data_done_timeout (600 s). */
const SMTP_DATA_DONE_TIMEOUT_MS = 600_000;

/** Outbound: one host's queue and delivery. */
export class Outbound {
  readonly entries: Entry[] = [];
  settings: QueueSettings;
  /** Recipients that failed in this delivery run, per message: one DSN each, sent when the run ends. */
  private returning = new Map<string, { m: QueuedMessage; requests: DsnRequest[] }>();
  /** Hand-offs to the mail store that wait for a retry, by `msg|rcpt`. */
  private handoffs = new Map<string, QueueEntryView>();

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
    const arrived = m.arrived ?? this.ctx.scheduler.now();
    this.ctx.ledger.markAccepted(m.msg, this.plan.host);
    this.ctx.scheduler.setTimeout(() => this.enqueueNow({ ...m, arrived }), 0);
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
    // RFC 5321 §4.4: final delivery records the envelope sender (`<>` for a DSN) in Return-Path.
    const raw = prependHeader(m.raw, 'Return-Path', `<${m.from}>`);
    const deliver = () => {
      mda?.send({
        type: 'mda.deliver', rcpt, folder: m.folder, msg: m.msg, raw, size: octets(raw),
        reply: (o) => {
          if (o.kind === 'stored') {
            ctx.trace.record({ type: 'mail.store', host: storeHost, msg: m.msg, mailbox: rcpt, folder: o.folder });
            ctx.ledger.settle(m.msg, rcpt, { fate: 'delivered', mailbox: rcpt, folder: o.folder, at: ctx.scheduler.now() });
            return;
          }
          // Dovecot LMTP's refusals, as the MX's local delivery reports them.
          const reply = o.reason === 'mailbox-full'
            ? { code: 552, enhanced: '5.2.2', lines: [`<${rcpt}>: Quota exceeded (mailbox for user is full)`] }
            : { code: 550, enhanced: '5.1.1', lines: [`<${rcpt}>: User doesn't exist: ${rcpt}`] };
          ctx.trace.record({ type: 'mail.error', host: storeHost, msg: m.msg, to: [rcpt], code: reply.code, enhanced: reply.enhanced, reason: reply.lines[0] });
          this.bounce(m, rcpt, { status: reply.enhanced, text: `host ${storeHost}[${ctx.ipOf(storeHost)}] said: ${replyText(reply)} (in reply to end of DATA command)`, reply, remote: storeHost });
        },
      });
    };
    if (storeHost === this.plan.host) return deliver();
    this.handOff(m, rcpt, storeHost, deliver, 0);
  }

  /**
   * handOff passes a message to the mail store (Dovecot LMTP in a real setup). When the store
   * cannot be reached (down, cut off, the packet lost) the message stays queued here and is
   * tried again on the queue's schedule, as Postfix's lmtp client defers.
   */
  private handOff(m: QueuedMessage, rcpt: string, store: string, deliver: () => void, tries: number): void {
    const ctx = this.ctx;
    const key = `${m.msg}|${rcpt}`;
    const reached = !ctx.net.faults.hostDown(store) && ctx.net.send({ type: 'mail.store', host: store, via: this.plan.host, from: this.plan.host, to: store, proto: 'lmtp', msg: m.msg, mailbox: rcpt, folder: m.folder, reason: 'hand-off to the mail store' } as never, deliver);
    if (reached) return void this.handoffs.delete(key);
    const now = ctx.scheduler.now();
    const arrived = m.arrived ?? now;
    const failure: Failure = { status: '4.4.1', text: `connect to ${store}[${ctx.ipOf(store)}]:24: Connection timed out`, remote: store };
    if (now - arrived >= this.settings.lifetime) {
      this.handoffs.delete(key);
      return this.bounce(m, rcpt, { ...failure, status: '4.4.7', text: `message expired after ${Math.round(this.settings.lifetime / 86_400_000)} days in the queue; last error: ${failure.text}` });
    }
    const nextRetry = nextRetryTime(now, arrived, tries + 1, this.settings);
    ctx.trace.record({ type: 'queue.defer', host: this.plan.host, msg: m.msg, rcpts: [rcpt], target: store, enhanced: failure.status, reason: failure.text, attempt: tries + 1, nextRetry });
    this.handoffs.set(key, { host: this.plan.host, msg: m.msg, queueId: m.queueId, from: m.from, rcpts: [rcpt], domain: domainOf(rcpt), state: 'deferred', attempts: [], arrived, nextRetry, lastError: failure.text });
    ctx.scheduler.at(nextRetry, () => this.handOff(m, rcpt, store, deliver, tries + 1));
  }

  private queue(m: QueuedMessage, domain: string, rcpts: string[]): void {
    const ctx = this.ctx;
    const arrived = m.arrived ?? ctx.scheduler.now();
    const view: QueueEntryView = { host: this.plan.host, msg: m.msg, queueId: m.queueId, from: m.from, rcpts, domain, state: 'active', attempts: [], arrived };
    const services: QueueServices = {
      now: () => ctx.scheduler.now(),
      resolve: (d, done) => this.resolve(d, done),
      attempt: (target, pending, done) => {
        dialSmtp(ctx, this.plan.host, target.ip, 25, {
          serverName: target.host, helo: this.plan.host, tls: 'starttls', verifyCert: false, from: m.from, rcpts: pending, data: m.raw, msg: m.msg,
          timeoutMs: SMTP_TIMEOUT_MS, dataTimeoutMs: SMTP_DATA_DONE_TIMEOUT_MS,
        }, (o) => {
          const a: Attempt = o.kind === 'session' ? { kind: 'session', target, port: 25, result: o.result } : { kind: 'connect-failed', target, port: 25, reason: o.reason };
          const last = view.attempts[view.attempts.length - 1];
          if (last) Object.assign(last, attemptSummary(a));
          done(a);
        });
      },
      settle: (rcpt, outcome) => {
        if (outcome.kind === 'sent') {
          ctx.trace.record({ type: 'queue.sent', host: this.plan.host, msg: m.msg, rcpts: [rcpt], domain, target: outcome.target.host, code: outcome.reply.code, enhanced: outcome.reply.enhanced, reason: outcome.reply.lines.join(' ') });
        } else {
          this.bounce(m, rcpt, outcome.failure);
        }
      },
      warn: (waiting) => this.warn(m, waiting),
      note: (e) => {
        ctx.trace.record({ ...e, host: this.plan.host, msg: m.msg, domain });
        if (e.type === 'queue.attempt') view.attempts.push({ at: ctx.scheduler.now(), target: e.target ?? '', text: 'trying' });
        // The next host or retry may deliver a copy the last host already took: the ledger says why.
        if (e.type === 'queue.defer' && e.reason?.includes(MAY_BE_SENT_TWICE)) ctx.ledger.noteLostReply(m.msg, e.rcpts, `${this.plan.host}: ${e.reason}`);
        if (e.type === 'queue.defer' && e.nextRetry !== ctx.scheduler.now()) {
          view.state = 'deferred';
          view.nextRetry = e.nextRetry;
          view.lastError = e.reason;
        }
      },
    };
    const actor = createActor(mtaQueueMachine, { clock: ctx.scheduler, input: { domain, rcpts, arrived, settings: this.settings, services } });
    actor.subscribe((s) => {
      view.state = s.status === 'done' ? 'done' : String(s.value);
      if (s.status === 'done' || s.value !== 'deferred') view.nextRetry = undefined;
    });
    this.entries.push({ view, actor });
    actor.start();
  }

  private resolve(domain: string, done: (r: Resolution) => void): void {
    const host = this.plan.host;
    if (this.plan.smarthost) {
      // Postfix relayhost = [relay]: the smart host's address, no MX lookup.
      resolveHost(this.ctx, host, this.plan.smarthost, 'smart host', (targets, problem) => done(targets.length ? { kind: 'targets', targets } : problem!));
      return;
    }
    resolveDomain(this.ctx, host, domain, (r) => {
      // RFC 5321 §5.1: finding itself in the MX list, an MTA drops itself and every less preferred host.
      const self = r.kind === 'targets' ? r.targets.findIndex((t) => t.host.toLowerCase() === host.toLowerCase()) : -1;
      if (r.kind !== 'targets' || self < 0) return done(r);
      if (self > 0) return done({ kind: 'targets', targets: r.targets.slice(0, self) });
      const failure = { status: '5.4.6', text: `mail for ${domain} loops back to myself` };
      done({ kind: 'permanent', failure, reason: failure.text, reply: { code: 554, enhanced: failure.status, lines: [failure.text] } });
    });
  }

  /**
   * bounce settles a recipient as bounced and reports it to the envelope sender in a DSN, one
   * per message and delivery run. RFC 5321 §4.5.5: a message with the null sender (a DSN) is
   * never bounced; its failure just ends there.
   */
  bounce(m: QueuedMessage, rcpt: string, failure: Failure): void {
    const ctx = this.ctx;
    const code = failure.reply?.code ?? failure.code;
    ctx.trace.record({ type: 'queue.bounce', host: this.plan.host, msg: m.msg, rcpts: [rcpt], target: failure.remote, code, enhanced: failure.status, reason: failure.text });
    ctx.ledger.settle(m.msg, rcpt, { fate: 'bounced', code, enhanced: failure.status, reason: failure.text, at: ctx.scheduler.now() });
    if (m.from === '' || ctx.ledger.get(m.msg)?.isDsn) return;
    const batch = this.returning.get(m.msg);
    if (batch) return void batch.requests.push({ rcpt, failure });
    this.returning.set(m.msg, { m, requests: [{ rcpt, failure }] });
    ctx.scheduler.setTimeout(() => {
      const b = this.returning.get(m.msg);
      this.returning.delete(m.msg);
      if (b) this.enqueueDsn(makeDsn(ctx, this.plan.host, this.returned(b.m), b.requests, 'failed'));
    }, 0);
  }

  /** warn sends one delay warning (RFC 3464 Action: delayed) for recipients still queued. */
  private warn(m: QueuedMessage, waiting: DsnRequest[]): void {
    if (m.from === '' || this.ctx.ledger.get(m.msg)?.isDsn || waiting.length === 0) return;
    this.enqueueDsn(makeDsn(this.ctx, this.plan.host, this.returned(m), waiting, 'delayed', { warnAfter: this.settings.delayWarning, lifetime: this.settings.lifetime }));
  }

  private returned(m: QueuedMessage) {
    return { msg: m.msg, queueId: m.queueId, from: m.from, raw: m.raw, arrived: m.arrived ?? this.ctx.scheduler.now() };
  }

  private enqueueDsn(d: { msg: string; queueId: string; rcpts: string[]; raw: string }): void {
    this.enqueue({ msg: d.msg, queueId: d.queueId, from: '', rcpts: d.rcpts, raw: d.raw, folder: 'INBOX', sign: false });
  }

  /** retryNow wakes every deferred entry (postqueue -f), or one message's entries. */
  retryNow(msg?: string): void {
    this.ctx.trace.record({ type: 'queue.flush', host: this.plan.host, msg: msg ?? '*', rcpts: [] });
    for (const e of this.entries) if (!msg || e.view.msg === msg) e.actor.send({ type: 'queue.retry-now' });
  }

  /** pending lists entries not yet done (including hand-offs to the mail store waiting for a retry). */
  pending(): QueueEntryView[] {
    return [...this.entries.filter((e) => e.view.state !== 'done').map((e) => e.view), ...this.handoffs.values()];
  }
}

/** attemptSummary: one attempt as the queue timeline shows it (the reply that decided it). */
function attemptSummary(a: Attempt): { code?: number; enhanced?: string; text: string } {
  if (a.kind === 'connect-failed') return { text: a.reason === 'refused' ? 'connection refused' : 'connection timed out' };
  const r = a.result;
  const decisive = r.kind === 'sent' ? r.reply : r.reply ?? r.rcpts.find((x) => x.reply.code >= 400)?.reply;
  if (decisive) return { code: decisive.code, enhanced: decisive.enhanced, text: replyText(decisive) };
  return { text: r.dataSentNoReply ? 'reply after the data lost' : `${r.network ?? 'lost connection'} at ${r.stage}` };
}
