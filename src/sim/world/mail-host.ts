/**
 * MailHost: the mail software of one server host, Postfix-like: its SMTP listeners (MSA on
 * 587/465, MX or relay on 25), the policy checks behind each reply, what happens to an
 * accepted message (Received header, DKIM signature, queue or local delivery), and its queue.
 */
import { createActor } from 'xstate';
import { smtpServerMachine, type Envelope, type SmtpServerHooks } from '../agents/smtp-server';
import type { Endpoint, Connection } from '../kernel/connection';
import type { ServerPolicy, SessionState, Verdict } from '../protocol/smtp-server-rules';
import type { Reply } from '../protocol/smtp-reply';
import { replyFor } from '../protocol/reply-table';
import { getHeader, prependHeader, receivedHeader, messageId as makeMessageId } from '../protocol/message';
import { domainOf } from '../protocol/smtp-command';
import { ipInCidr } from '../protocol/ip';
import { octets } from '../protocol/bytes';
import type { MailHostPlan, SmtpServicePlan } from './default-world';
import type { WorldContext } from './context';
import { Outbound } from './outbound';
import { checkInbound, screenClient } from './inbound-checks';
import { Greylist, stageFault, type SessionInfo } from './session-faults';
import type { DnsblListing } from './dnsbl';
import { describeChanges, hasChanges, modifyInTransit, type TransitChanges } from './message-modify';

/** TLS_INFO: what Postfix writes into Received for a TLS session. */
const TLS_INFO = 'TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)';
/** SMTPD_TIMEOUT_MS: Postfix smtpd_timeout. */
const SMTPD_TIMEOUT_MS = 300_000;

/** MailHost: one host's SMTP services and queue. */
export class MailHost {
  readonly outbound: Outbound;
  private greylist = new Greylist();

  constructor(
    private readonly ctx: WorldContext,
    readonly plan: MailHostPlan,
  ) {
    this.outbound = new Outbound(ctx, plan);
  }

  /** start registers the SMTP listeners. */
  start(): void {
    for (const service of this.plan.smtp) {
      const label = `${service.policy === 'msa' ? 'submission' : service.policy === 'mx' ? 'SMTP (MX)' : 'SMTP (relay)'}${service.tls === 'implicit' ? ', implicit TLS' : service.tls === 'starttls' ? ', STARTTLS' : ''}`;
      this.ctx.transport.listen(this.plan.host, service.port, { proto: 'smtp', label, listener: (ep, conn) => this.serve(service, ep, conn) });
    }
  }

  /** policyFor returns the server policy of one listener, with faults applied. */
  policyFor(service: SmtpServicePlan, attempt?: number): ServerPolicy {
    const tooLarge = this.ctx.faults.active('too-large', this.plan.host, { attempt });
    return {
      hostname: this.plan.host,
      role: service.policy,
      tls: service.tls,
      requireTls: service.policy === 'msa',
      auth: service.policy === 'msa',
      sizeLimit: tooLarge ? Number(tooLarge.params?.limit ?? 512) : this.plan.sizeLimit,
    };
  }

  private serve(service: SmtpServicePlan, endpoint: Endpoint, conn: Connection): void {
    const clientIp = this.ctx.ipOf(conn.clientHost);
    const session: SessionInfo = { client: conn.clientHost, attempt: conn.attempt };
    // An MX looks the client up in block lists before it greets (DNS time delays the greeting).
    const screen = service.policy === 'mx' && !this.plan.relayFrom.some((c) => inCidr(clientIp, c)) ? screenClient(this.ctx, this.plan.host, clientIp) : undefined;
    const open = () => {
      const actor = createActor(smtpServerMachine, {
        clock: this.ctx.scheduler,
        input: { endpoint, policy: this.policyFor(service, session.attempt), cert: this.ctx.certificate(this.plan.host, session.attempt), hooks: this.hooks(service, clientIp, session, screen?.listings[0]), clientIp, idleTimeoutMs: SMTPD_TIMEOUT_MS },
      });
      endpoint.onLine = (line) => actor.send({ type: 'line', line });
      endpoint.onClose = () => actor.send({ type: 'net.closed' });
      actor.start();
    };
    if (!screen || screen.delay === 0) return open();
    let closed = false;
    endpoint.onClose = () => void (closed = true);
    this.ctx.scheduler.setTimeout(() => !closed && open(), screen.delay);
  }

  private hooks(service: SmtpServicePlan, clientIp: string, session: SessionInfo, listed?: DnsblListing): SmtpServerHooks {
    const host = this.plan.host;
    // Faults bound to a stage of the session (busy, local-error, a link cut at end-of-data, ...).
    const at = (stage: string) => stageFault(this.ctx, host, stage, session);
    return {
      greeting: () => at('greeting'),
      checkCommand: (verb) => at(verb),
      authenticate: (user, password) => this.authenticate(user, password, session.attempt),
      checkMail: () => at('MAIL'),
      checkRcpt: (state, rcpt) => {
        const v = at('RCPT');
        return v !== 'ok' ? v : this.checkRcpt(service, state, rcpt, clientIp, session, listed);
      },
      checkData: () => at('DATA'),
      accept: (envelope, content, respond) => {
        const v = at('end-of-data');
        if (v !== 'ok') return respond(replyFor(v.key, v.vars));
        this.accept(service, envelope, content, respond);
      },
    };
  }

  private authenticate(user: string, password: string, attempt: number): 'ok' | 'fail' | 'app-password-required' {
    const account = this.ctx.account(user);
    if (!account || account.address.toLowerCase() !== user.toLowerCase()) return 'fail';
    const needsApp = account.requireAppPassword || this.ctx.faults.active('app-password-required', account.address, { attempt }) !== undefined;
    if (needsApp) {
      if (account.appPassword && password === account.appPassword) return 'ok';
      return password === account.password ? 'app-password-required' : 'fail';
    }
    return password === account.password ? 'ok' : 'fail';
  }

  private ownsSender(user: string, from: string): boolean {
    const account = this.ctx.account(user);
    if (!account) return false;
    const f = from.toLowerCase();
    return account.address.toLowerCase() === f || account.aliases.some((a) => a.toLowerCase() === f);
  }

  private checkRcpt(service: SmtpServicePlan, state: SessionState, rcpt: string, clientIp: string, session: SessionInfo, listed?: DnsblListing): Verdict {
    const strike = (kind: string, target: string) => this.ctx.faults.active(kind, target, { attempt: session.attempt, consume: true });
    const from = state.mailFrom ?? '';
    if (service.policy === 'msa') {
      // Postfix smtpd_delay_reject: the sender is judged at RCPT time.
      if (!state.authUser) {
        return this.ctx.account(from) ? { key: 'sender.not-logged-in', vars: { address: from } } : { key: 'rcpt.access-denied', vars: { address: rcpt } };
      }
      if (from !== '' && !this.ownsSender(state.authUser, from)) return { key: 'sender.not-owned', vars: { address: from, user: state.authUser } };
      return 'ok';
    }
    const domain = domainOf(rcpt).toLowerCase();
    const local = this.plan.localDomains.includes(domain);
    if (!local) {
      // Postfix reject_unauth_destination: other domains only for logged-in users and mynetworks
      // (a relay-denied fault takes the client off mynetworks).
      const trusted = this.plan.relayFrom.some((c) => inCidr(clientIp, c)) && !strike('relay-denied', this.plan.host);
      return state.authUser !== undefined || trusted ? 'ok' : { key: 'relay-denied', vars: { address: rcpt } };
    }
    // Postfix reject_rbl_client, after reject_unauth_destination and before the recipient lookup.
    if (listed) return { key: 'dnsbl.listed', vars: { ip: clientIp, zone: listed.zone } };
    const account = this.ctx.account(rcpt);
    if (!account || strike('unknown-user', rcpt)) return { key: 'user-unknown', vars: { address: rcpt } };
    const full = strike('mailbox-full', account.address);
    if (full) return { key: full.params?.permanent === false || full.params?.permanent === 'false' ? 'mailbox-full.temporary' : 'mailbox-full', vars: { address: rcpt } };
    const grey = this.ctx.faults.active('greylist', this.plan.host, { attempt: session.attempt });
    // Greylisting: a new (client, sender, recipient) triplet is told to come back later.
    if (grey && this.greylist.defer(grey, clientIp, from, rcpt, this.ctx.scheduler.now())) return { key: 'greylisted.milter', vars: { address: rcpt } };
    return 'ok';
  }

  private accept(service: SmtpServicePlan, env: Envelope, content: string, respond: (r: Reply) => void): void {
    const ctx = this.ctx;
    const queueId = ctx.queueId();
    let raw = content;
    let msgId = ctx.ledger.idForMessageId(getHeader(raw, 'Message-ID'));
    if (service.policy === 'msa') {
      // Submission fixes up what the mail program left out (RFC 6409 §8).
      if (!getHeader(raw, 'Date')) raw = prependHeader(raw, 'Date', ctx.dateHeader());
      if (!getHeader(raw, 'Message-ID')) raw = prependHeader(raw, 'Message-ID', makeMessageId(`${ctx.scheduler.now()}.${queueId}`, this.plan.host));
    }
    if (!msgId) {
      msgId = ctx.ledger.newId();
      ctx.ledger.add({ id: msgId, messageId: getHeader(raw, 'Message-ID') ?? '', from: env.from, rcpts: env.rcpts, subject: getHeader(raw, 'Subject') ?? '', created: ctx.scheduler.now(), isDsn: env.from === '' });
    }
    const protocol = (env.authUser ? 'ESMTPSA' : env.tls ? 'ESMTPS' : 'ESMTP') as 'ESMTPSA' | 'ESMTPS' | 'ESMTP';
    const received = receivedHeader({
      fromHelo: env.helo, fromHost: env.clientHost, fromIp: env.clientIp, by: this.plan.host, protocol, id: queueId,
      for: env.rcpts.length === 1 ? env.rcpts[0] : undefined, date: ctx.dateHeader(), tls: env.tls ? TLS_INFO : undefined,
    });
    const id = msgId;
    if (service.policy === 'relay' || service.policy === 'mta') raw = this.changeInTransit(raw, id);
    const proceed = (checked: { raw: string; folder: 'INBOX' | 'Junk'; reject?: Reply; delay: number }) => {
      const finish = () => {
        if (checked.reject) {
          // The client settles the fate: a mail program or direct sender as rejected, an MTA as bounced.
          respond(checked.reject);
          return;
        }
        const withReceived = prependHeader(checked.raw, 'Received', received);
        respond(replyFor('data.queued', { id: queueId }));
        ctx.trace.record({ type: 'queue.enqueue', host: this.plan.host, msg: id, rcpts: env.rcpts, target: queueId });
        this.outbound.enqueue({ msg: id, queueId, from: env.from, rcpts: env.rcpts, raw: withReceived, folder: checked.folder, sign: service.policy === 'msa' });
      };
      if (checked.delay > 0) ctx.scheduler.setTimeout(finish, checked.delay);
      else finish();
    };
    if (service.policy === 'mx') {
      ctx.scheduler.waitFor(checkInbound(ctx, this.plan.host, env, raw, id).then(proceed));
    } else {
      proceed({ raw, folder: 'INBOX', delay: 0 });
    }
  }

  /** changeInTransit applies the host's own changes (plan `modify`, fault `body-modified`) to a message it relays. */
  private changeInTransit(raw: string, msg: string): string {
    const fault = this.ctx.faults.active('body-modified', this.plan.host);
    const changes: TransitChanges = { ...this.plan.modify, ...(fault ? { footer: String(fault.params?.footer ?? 'This message was scanned for viruses.') } : {}) };
    if (!hasChanges(changes)) return raw;
    this.ctx.trace.record({ type: 'mail.modify', host: this.plan.host, msg, reason: describeChanges(changes) });
    return modifyInTransit(raw, changes);
  }

  /** sizeOf returns a message's size in octets. */
  static sizeOf(raw: string): number {
    return octets(raw);
  }
}

function inCidr(ip: string, cidr: string): boolean {
  const [net, prefix] = cidr.split('/');
  return ipInCidr(ip, net, Number(prefix ?? (net.includes(':') ? 128 : 32))) === true;
}
