/**
 * The incoming side of the mail programs: the services a `muaMachine` uses to check for mail
 * (dial the incoming server, record what came as `mail.fetch` events, show errors the way a
 * mail program words them), the wake-up when mail is stored in a resting program's mailbox,
 * and the program's downloaded messages as the UI shows them.
 */
import type { Actor } from 'xstate';
import type { muaMachine, MuaServices } from '../agents/mua';
import type { FetchOutcome, IncomingSettings } from '../agents/mail-fetch';
import { getHeader } from '../protocol/message';
import type { AccountPlan } from './default-world';
import type { WorldContext } from './context';
import type { StoredMessageView } from './view-model';
import { dialFetch } from './fetch-dial';

/** FETCH_TIMEOUT_MS: how long a mail program waits for each answer of the incoming server. */
export const FETCH_TIMEOUT_MS = 60_000;

/** CheckingProgram: what the check services need to know about one program. */
export interface CheckingProgram {
  account: AccountPlan;
  host: string;
  errors: string[];
}

/** incomingSettingsOf reads an account's incoming server, with the account-level POP3 "keep" choice. */
export function incomingSettingsOf(account: AccountPlan): IncomingSettings | undefined {
  if (!account.incoming) return undefined;
  return { ...account.incoming, keepOnServer: account.incoming.keepOnServer ?? account.keepOnServer ?? false };
}

/** fetchErrorText words a failed check as a mail program shows it. */
export function fetchErrorText(settings: IncomingSettings, outcome: FetchOutcome): string | undefined {
  const where = `${settings.server}:${settings.port}`;
  if (outcome.kind === 'connect-failed') {
    return outcome.reason === 'refused'
      ? `Could not connect to ${where} (${settings.protocol.toUpperCase()}): the connection was refused. Check the server name and port.`
      : `Connection to ${where} (${settings.protocol.toUpperCase()}) timed out.`;
  }
  const r = outcome.result;
  if (r.kind !== 'failed') return undefined;
  if (r.network === 'tls-failed') return `Secure connection to ${where} failed (${r.tlsReason ?? 'handshake'}). Check the encryption setting and the server's certificate.`;
  if (r.network === 'timeout') return `The server ${where} did not answer in time (${r.stage}).`;
  if (r.network === 'closed') return `The server ${where} closed the connection (${r.stage}).`;
  if (r.stage === 'login') return `Login to ${settings.server} as "${settings.user}" failed. The server said: ${r.reply ?? ''}`.trim();
  return `The server ${settings.server} said: ${r.reply ?? r.stage}`;
}

/** checkServices builds the fetch side of a program's `MuaServices`. */
export function checkServices(ctx: WorldContext, program: CheckingProgram): Pick<MuaServices, 'fetch' | 'fetched' | 'now'> {
  const settings = incomingSettingsOf(program.account);
  return {
    now: () => ctx.scheduler.now(),
    fetch: (s, memory, done) => dialFetch(ctx, program.host, s, memory, FETCH_TIMEOUT_MS, done),
    fetched: (outcome) => {
      if (!settings) return;
      const error = fetchErrorText(settings, outcome);
      if (error) {
        program.errors.push(error);
        ctx.trace.record({ type: 'mail.error', host: program.host, msg: '-', to: [program.account.address], reason: error });
        return;
      }
      if (outcome.kind !== 'session') return;
      const how = settings.protocol === 'imap' ? 'IMAP, kept on the server' : settings.keepOnServer ? 'POP3, copy left on the server' : 'POP3, deleted from the server';
      for (const m of outcome.result.messages) {
        ctx.trace.record({ type: 'mail.fetch', host: program.host, via: settings.server, msg: m.msg ?? '-', mailbox: program.account.address, folder: 'INBOX', proto: settings.protocol, reason: how, subject: getHeader(m.raw, 'Subject') });
      }
    },
  };
}

/**
 * wakeOnDelivery tells each resting program when mail is stored in its INBOX, and every program
 * when the world changes (a fault cleared, a setting or zone edited), so that it checks again at
 * its next regular time (see `muaMachine`). It returns the unsubscribe function.
 */
export function wakeOnDelivery(
  ctx: WorldContext,
  programFor: (address: string) => { actor: Actor<typeof muaMachine> } | undefined,
  all: () => Iterable<{ actor: Actor<typeof muaMachine> }>,
): () => void {
  return ctx.trace.subscribe((e) => {
    if (e.type === 'fault.clear' || e.type === 'world.change') {
      for (const p of all()) p.actor.send({ type: 'mua.worldChanged' });
      return;
    }
    if (e.type !== 'mail.store' || e.via || e.folder !== 'INBOX' || !e.mailbox) return;
    const account = ctx.account(e.mailbox);
    if (account) programFor(account.address)?.actor.send({ type: 'mua.mailArrived' });
  });
}

/** downloadedViews shows a program's downloaded messages like stored ones. */
export function downloadedViews(actor: Actor<typeof muaMachine> | undefined): StoredMessageView[] {
  const downloaded = actor?.getSnapshot().context.downloaded ?? [];
  return downloaded.map((m, i) => ({
    uid: m.uid ?? i + 1, msg: m.msg ?? '-', from: getHeader(m.raw, 'From') ?? '', subject: getHeader(m.raw, 'Subject') ?? '',
    date: getHeader(m.raw, 'Date') ?? '', size: m.size, flags: [...m.flags].sort(), raw: m.raw,
  }));
}
