/**
 * dialFetch: open a connection to an account's incoming server and run one IMAP or POP3 check
 * over it, as a mail program does every few minutes. The downloaded messages are tagged with
 * the world's message ids (found by Message-ID) for the trace and the views.
 */
import { createActor } from 'xstate';
import { imapClientMachine } from '../agents/imap-client';
import { pop3ClientMachine } from '../agents/pop3-client';
import type { FetchOutcome, FetchResult, IncomingSettings, MailCheckMemory } from '../agents/mail-fetch';
import type { Endpoint } from '../kernel/connection';
import { getHeader } from '../protocol/message';
import type { WorldContext } from './context';

/** dialFetch connects `from` → the incoming server and runs one check; `done` gets the outcome. */
export function dialFetch(
  ctx: WorldContext,
  from: string,
  settings: IncomingSettings,
  memory: MailCheckMemory,
  timeoutMs: number,
  done: (o: FetchOutcome) => void,
): void {
  const { server, port } = settings;
  ctx.transport.connect(from, server, port, (outcome) => {
    if (outcome.kind === 'refused') return done({ kind: 'connect-failed', reason: 'refused', detail: `connect to ${server}[${ctx.ipOf(server)}]:${port}: Connection refused` });
    if (outcome.kind === 'timeout') return done({ kind: 'connect-failed', reason: 'timeout', detail: `connect to ${server}:${port}: Connection timed out (${outcome.reason})` });
    const finish = (result: FetchResult) => {
      for (const m of result.messages) m.msg = ctx.ledger.idForMessageId(getHeader(m.raw, 'Message-ID'));
      done({ kind: 'session', result });
    };
    if (settings.protocol === 'pop3') runPop3(ctx, outcome.client, settings, memory, timeoutMs, finish);
    else runImap(ctx, outcome.client, settings, memory, timeoutMs, finish);
  });
}

const tlsMode = (s: IncomingSettings) => (s.security === 'tls' ? 'implicit' : s.security === 'starttls' ? 'required' : 'none') as 'implicit' | 'required' | 'none';

function runPop3(ctx: WorldContext, endpoint: Endpoint, s: IncomingSettings, memory: MailCheckMemory, timeoutMs: number, finish: (r: FetchResult) => void): void {
  const actor = createActor(pop3ClientMachine, {
    clock: ctx.scheduler,
    input: { endpoint, serverName: s.server, tls: tlsMode(s), user: s.user, password: s.password, keepOnServer: s.keepOnServer ?? false, memory, timeoutMs },
  });
  endpoint.onLine = (text) => actor.send({ type: 'pop3.reply', text });
  endpoint.onClose = () => actor.send({ type: 'net.closed' });
  let reported = false;
  actor.subscribe((snap) => {
    if (snap.status !== 'done' || reported) return;
    reported = true;
    finish(snap.output!);
  });
  actor.start();
}

function runImap(ctx: WorldContext, endpoint: Endpoint, s: IncomingSettings, memory: MailCheckMemory, timeoutMs: number, finish: (r: FetchResult) => void): void {
  const actor = createActor(imapClientMachine, {
    clock: ctx.scheduler,
    input: { endpoint, serverName: s.server, tls: tlsMode(s), user: s.user, password: s.password, memory, timeoutMs },
  });
  endpoint.onLine = (line) => actor.send({ type: 'imap.line', line });
  endpoint.onClose = () => actor.send({ type: 'net.closed' });
  let reported = false;
  actor.subscribe((snap) => {
    if (snap.status !== 'done' || reported) return;
    reported = true;
    finish(snap.output!);
  });
  actor.start();
}
