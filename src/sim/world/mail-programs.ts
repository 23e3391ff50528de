/**
 * MailPrograms: one `muaMachine` actor per person with a client host, wired to the world:
 * composing builds a real RFC 5322 message, sending dials the configured outgoing server with
 * the configured port, encryption and credentials (faults on the account can spoil them, as a
 * student would), and the outcome is reported as a mail program shows it.
 */
import { createActor, type Actor } from 'xstate';
import { muaMachine, type Draft, type OutboxItem, type OutgoingSettings, type SendOutcome } from '../agents/mua';
import { buildMessage, messageId as makeMessageId } from '../protocol/message';
import type { AccountView } from './view-model';
import type { AccountPlan } from './default-world';
import type { WorldContext } from './context';
import { dialSmtp } from './smtp-dial';
import { submissionError, withAccountFaults, type SubmissionPlan } from './submission';
import { checkServices, downloadedViews, incomingSettingsOf, wakeOnDelivery } from './mail-checks';

/** MUA_TIMEOUT_MS: how long a mail program waits for a server (Thunderbird: about 60 s). */
export const MUA_TIMEOUT_MS = 60_000;

/** MailProgram: one person's program. */
export interface MailProgram {
  account: AccountPlan;
  host: string;
  actor: Actor<typeof muaMachine>;
  /** Error texts shown to the person, newest last. */
  errors: string[];
}

/** MailPrograms: all mail programs of a world. */
export class MailPrograms {
  readonly programs = new Map<string, MailProgram>();
  /** Sends per program so far (faults bound to an attempt count them). */
  private sends = new Map<MailProgram, number>();
  /** The settings each message in flight was sent with. */
  private used = new Map<string, SubmissionPlan>();

  constructor(private readonly ctx: WorldContext) {}

  /** start creates a program for every account that has a client host. */
  start(): void {
    for (const account of this.ctx.plan.accounts) {
      if (!account.clientHost) continue;
      const program: MailProgram = { account, host: account.clientHost, actor: undefined as never, errors: [] };
      program.actor = createActor(muaMachine, {
        clock: this.ctx.scheduler,
        input: {
          host: account.clientHost, address: account.address, outgoing: { ...account.outgoing }, incoming: incomingSettingsOf(account),
          services: {
            compose: (draft) => this.compose(account.clientHost!, draft),
            submit: (settings, draft, msg, raw, done) => this.submit(program, settings, draft, msg, raw, done),
            report: (item, outcome) => this.report(program, item, outcome),
            ...checkServices(this.ctx, program),
          },
        },
      });
      this.programs.set(account.address.toLowerCase(), program);
    }
    wakeOnDelivery(this.ctx, (address) => this.programFor(address), () => this.programs.values());
    for (const program of this.programs.values()) program.actor.start();
  }

  /** programFor finds the program of an address. */
  programFor(address: string): MailProgram | undefined {
    return this.programs.get(address.toLowerCase());
  }

  private compose(host: string, draft: Draft): { msg: string; raw: string } {
    const ctx = this.ctx;
    const msg = ctx.ledger.newId();
    const messageId = makeMessageId(`${msg}.${ctx.random.hex(8)}`, host.includes('.') ? host : 'example.com');
    let body = draft.body;
    if (draft.size && draft.size > body.length) body += ('x'.repeat(76) + '\r\n').repeat(Math.ceil((draft.size - body.length) / 78));
    const raw = buildMessage({ from: draft.from, to: draft.to, cc: draft.cc, subject: draft.subject, body, date: ctx.dateHeader(), messageId, headers: [['MIME-Version', '1.0'], ['Content-Type', 'text/plain; charset=utf-8'], ['Content-Transfer-Encoding', '8bit'], ['User-Agent', 'SMTP Lab Mail 1.0']] });
    ctx.ledger.add({ id: msg, messageId, from: draft.from, rcpts: [...draft.to, ...(draft.cc ?? [])], subject: draft.subject, created: ctx.scheduler.now(), isDsn: false });
    ctx.trace.record({ type: 'mail.submit', host, msg, from: draft.from, to: [...draft.to, ...(draft.cc ?? [])], subject: draft.subject });
    return { msg, raw };
  }

  private submit(program: MailProgram, settings: OutgoingSettings, draft: Draft, msg: string, raw: string, done: (o: SendOutcome) => void): void {
    const attempt = (this.sends.get(program) ?? 0) + 1;
    this.sends.set(program, attempt);
    const plan = withAccountFaults(this.ctx, program.account, program.host, settings, draft.from, attempt);
    this.used.set(msg, plan);
    const s = plan.settings;
    // A wrong sender address is what the program puts in From: as well.
    const content = plan.from === draft.from ? raw : raw.replace(/^From: .*$/m, `From: ${plan.from}`);
    dialSmtp(this.ctx, program.host, s.server, s.port, {
      serverName: s.server, helo: program.host, tls: s.security === 'tls' ? 'implicit' : s.security === 'starttls' ? 'required' : 'none',
      auth: s.user ? { user: s.user, password: s.password, mechanism: 'PLAIN' } : undefined,
      from: plan.from, rcpts: [...draft.to, ...(draft.cc ?? [])], data: content, msg, timeoutMs: MUA_TIMEOUT_MS,
    }, done);
  }

  private report(program: MailProgram, item: OutboxItem, outcome: SendOutcome): void {
    const ctx = this.ctx;
    const now = ctx.scheduler.now();
    const rcpts = [...item.draft.to, ...(item.draft.cc ?? [])];
    const plan = this.used.get(item.msg) ?? { settings: program.account.outgoing, from: item.draft.from };
    this.used.delete(item.msg);
    const error = submissionError(outcome, plan, rcpts);
    if (!error) return;
    item.error = error.text;
    item.errorDe = submissionError(outcome, plan, rcpts, 'de')?.text;
    program.errors.push(error.text);
    const reply = error.reply;
    if (outcome.kind === 'session' && outcome.result.kind === 'sent') {
      // Recipients the server refused at RCPT were refused in front of the sender; the others got it.
      const refused = outcome.result.rcpts.filter((rr) => rr.reply.code >= 400);
      ctx.trace.record({ type: 'mail.error', host: program.host, msg: item.msg, to: refused.map((rr) => rr.rcpt), code: reply?.code, enhanced: reply?.enhanced, reason: error.text });
      for (const rr of refused) ctx.ledger.settle(item.msg, rr.rcpt, { fate: 'rejected', code: rr.reply.code, enhanced: rr.reply.enhanced, reason: rr.reply.lines.join(' '), at: now });
      return;
    }
    if (error.unsure && ctx.ledger.accepted(item.msg)) {
      // The reply after the data was lost, but the server had taken the message: it goes on its way.
      ctx.trace.record({ type: 'mail.error', host: program.host, msg: item.msg, reason: `${error.text} (the server had already accepted the message)` });
      return;
    }
    ctx.trace.record({ type: 'mail.error', host: program.host, msg: item.msg, to: rcpts, code: reply?.code, enhanced: reply?.enhanced, reason: error.text });
    for (const rcpt of rcpts) {
      ctx.ledger.settle(item.msg, rcpt, { fate: 'rejected', code: reply?.code, enhanced: reply?.enhanced, reason: reply ? reply.lines.join(' ') : error.text, at: now });
    }
  }

  /** views returns each account's program as the UI shows it; `downloaded` is what its checks brought. */
  views(): AccountView[] {
    return this.ctx.plan.accounts.map((a) => {
      const p = this.programFor(a.address);
      const snap = p?.actor.getSnapshot();
      return {
        address: a.address, clientHost: a.clientHost, reads: a.reads,
        outgoing: snap ? { ...snap.context.outgoing } : { ...a.outgoing },
        incoming: a.incoming ? { ...a.incoming } : undefined,
        outbox: (snap?.context.outbox ?? []).map((i) => ({ msg: i.msg, to: i.draft.to, subject: i.draft.subject, state: i.state === 'waiting' ? 'sending' : i.state, error: i.error, errorDe: i.errorDe })),
        downloaded: downloadedViews(p?.actor),
      };
    });
  }
}
