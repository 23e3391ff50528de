/**
 * startMailboxServices: Dovecot on a mail store host — POP3 on 110 (STLS) and 995 (implicit TLS),
 * IMAP on 143 (STARTTLS) and 993 (implicit TLS) — logging people in against the world's
 * accounts (app passwords too) and reading and changing the store's mailboxes: POP3 deletes at
 * QUIT, IMAP sets flags, expunges, copies and appends.
 */
import { createActor } from 'xstate';
import type { Endpoint } from '../kernel/connection';
import { pop3ServerMachine } from '../agents/pop3-server';
import { imapServerMachine } from '../agents/imap-server';
import { octets } from '../protocol/bytes';
import { getHeader } from '../protocol/message';
import { pop3Uidl, type Pop3Hooks } from '../protocol/pop3-rules';
import type { ImapHooks } from '../protocol/imap-session';
import type { Folder, Mailbox, Mailboxes } from '../store/mailboxes';
import type { WorldContext } from './context';
import { authenticateAccount } from './account-auth';

/** MAILBOX_PORTS: the standard ports of the mailbox services. */
export const MAILBOX_PORTS = { pop3: 110, pop3s: 995, imap: 143, imaps: 993 } as const;
/** LOGIN_TIMEOUT_MS: Dovecot's login processes hang up after 3 minutes without login. */
export const LOGIN_TIMEOUT_MS = 180_000;
/** POP3_TIMEOUT_MS: a POP3 session idle this long after login is closed (10 min). */
export const POP3_TIMEOUT_MS = 600_000;
/** IMAP_TIMEOUT_MS: Dovecot's IMAP autologout (30 min). */
export const IMAP_TIMEOUT_MS = 1_800_000;

/** MailboxServiceOptions: which protocols to run (both by default). */
export interface MailboxServiceOptions {
  imap?: boolean;
  pop3?: boolean;
}

/** storeHostOf finds the store a mail host serves: its own, or the one its plan names. */
function storeHostOf(ctx: WorldContext, host: string): string {
  if (ctx.stores.has(host)) return host;
  return ctx.plan.mailHosts.find((m) => m.host === host)?.store ?? host;
}

/** startMailboxServices registers the POP3 and IMAP listeners of one host. */
export function startMailboxServices(ctx: WorldContext, host: string, opts: MailboxServiceOptions = {}): void {
  const storeHost = storeHostOf(ctx, host);
  const store = () => ctx.stores.get(storeHost);
  const mailboxOf = (user: string): Mailbox | undefined => {
    const account = ctx.account(user);
    return account && account.address.toLowerCase() === user.toLowerCase() ? store()?.get(account.address) : undefined;
  };
  const cert = () => ctx.certificate(host);
  if (opts.pop3 !== false) {
    const serve = (tls: 'starttls' | 'implicit') => (endpoint: Endpoint) => {
      const actor = createActor(pop3ServerMachine, {
        clock: ctx.scheduler,
        input: { endpoint, policy: { tls }, cert: cert(), hooks: pop3Hooks(ctx, mailboxOf), loginTimeoutMs: LOGIN_TIMEOUT_MS, sessionTimeoutMs: POP3_TIMEOUT_MS },
      });
      endpoint.onLine = (line) => actor.send({ type: 'line', line });
      endpoint.onClose = () => actor.send({ type: 'net.closed' });
      actor.start();
    };
    ctx.transport.listen(host, MAILBOX_PORTS.pop3, { proto: 'pop3', label: 'POP3 (STLS)', listener: serve('starttls') });
    ctx.transport.listen(host, MAILBOX_PORTS.pop3s, { proto: 'pop3', label: 'POP3S (implicit TLS)', listener: serve('implicit') });
  }
  if (opts.imap !== false) {
    const serve = (tls: 'starttls' | 'implicit') => (endpoint: Endpoint) => {
      const actor = createActor(imapServerMachine, {
        clock: ctx.scheduler,
        input: { endpoint, policy: { tls }, cert: cert(), hooks: imapHooks(ctx, mailboxOf, store), loginTimeoutMs: LOGIN_TIMEOUT_MS, sessionTimeoutMs: IMAP_TIMEOUT_MS },
      });
      endpoint.onLine = (line) => actor.send({ type: 'line', line });
      endpoint.onClose = () => actor.send({ type: 'net.closed' });
      actor.start();
    };
    ctx.transport.listen(host, MAILBOX_PORTS.imap, { proto: 'imap', label: 'IMAP (STARTTLS)', listener: serve('starttls') });
    ctx.transport.listen(host, MAILBOX_PORTS.imaps, { proto: 'imap', label: 'IMAPS (implicit TLS)', listener: serve('implicit') });
  }
}

function removeUids(folder: Folder, uids: readonly number[]): void {
  const doomed = new Set(uids);
  folder.messages = folder.messages.filter((m) => !doomed.has(m.uid));
}

function pop3Hooks(ctx: WorldContext, mailboxOf: (user: string) => Mailbox | undefined): Pop3Hooks {
  return {
    authenticate: (user, password) => authenticateAccount(ctx, user, password),
    openMaildrop: (user) => {
      const inbox = mailboxOf(user)?.folders.get('INBOX');
      if (!inbox) return undefined;
      return inbox.messages.map((m) => ({ uid: m.uid, uidl: pop3Uidl(m.uid, inbox.uidValidity), size: m.size, raw: m.raw, msg: m.msg }));
    },
    // RFC 1939 §6: the UPDATE state removes what was marked; Dovecot also flags retrieved mail \Seen.
    commit: (user, change) => {
      const inbox = mailboxOf(user)?.folders.get('INBOX');
      if (!inbox) return;
      const seen = new Set(change.seen);
      for (const m of inbox.messages) if (seen.has(m.uid)) m.flags.add('\\Seen');
      removeUids(inbox, change.deleted);
    },
  };
}

function imapHooks(ctx: WorldContext, mailboxOf: (user: string) => Mailbox | undefined, store: () => Mailboxes | undefined): ImapHooks {
  return {
    authenticate: (user, password) => authenticateAccount(ctx, user, password),
    mailbox: mailboxOf,
    internalDate: (m) => ctx.plan.epoch + m.at,
    expunge: (_user, folder, uids) => removeUids(folder, uids),
    append: (user, folder, raw, flags) => {
      const box = mailboxOf(user);
      const s = store();
      if (!box || !s || !box.folders.has(folder)) return undefined;
      const size = octets(raw);
      if (box.quota !== undefined && s.used(box) + size > box.quota) return undefined;
      const msg = ctx.ledger.idForMessageId(getHeader(raw, 'Message-ID')) ?? '-';
      const m = s.store(box, folder, msg, raw, size, ctx.scheduler.now());
      for (const f of flags) m.flags.add(f);
      return m;
    },
    createFolder: (user, name) => {
      const box = mailboxOf(user);
      if (!box || box.folders.has(name)) return false;
      box.folders.set(name, { name, messages: [], uidNext: 1, uidValidity: 1795822144 + box.folders.size });
      return true;
    },
    deleteFolder: (user, name) => mailboxOf(user)?.folders.delete(name) ?? false,
  };
}
