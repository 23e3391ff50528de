/**
 * muaMachine: a person's mail program (MUA). It keeps account settings like a real one
 * (outgoing server, port, encryption, user name, password), composes messages and sends each
 * through the submission server, one at a time from the outbox. What the settings say is what
 * happens: a wrong port, password or encryption mode fails as it does in reality, and the
 * program shows the error a real one would.
 *
 * In parallel it checks for new mail with the incoming settings (IMAP or POP3): right after
 * start and then every `checkInterval` (60 s), as real programs poll, and keeps what it
 * downloaded. So that a quiet world can finish, a check that brings nothing new (or fails) lets
 * the program rest; new mail arriving in its mailbox (`mua.mailArrived`, sent by the world) wakes
 * it for its next regular check time, never earlier, and so does a change in the world
 * (`mua.worldChanged`: a fault cleared, a setting changed) after a failed check. The checks that
 * happen are those of a program that polls forever, minus the ones that would change nothing.
 */
import { assign, fromCallback, setup } from 'xstate';
import type { SmtpClientResult } from './smtp-client';
import { DEFAULT_CHECK_INTERVAL_MS, nextCheckTime, type DownloadedMessage, type FetchOutcome, type IncomingSettings, type MailCheckMemory } from './mail-fetch';

/** OutgoingSettings: the "outgoing server (SMTP)" page of an account. */
export interface OutgoingSettings {
  server: string;
  port: number;
  security: 'none' | 'starttls' | 'tls';
  user: string;
  password: string;
}

/** Draft: a message the person wrote. */
export interface Draft {
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  body: string;
  /** Pad the body to this many octets (size-limit lessons). */
  size?: number;
}

/** OutboxItem: a message on its way out, as the program lists it. */
export interface OutboxItem {
  msg: string;
  draft: Draft;
  state: 'waiting' | 'sending' | 'sent' | 'failed';
  error?: string;
  /** The same error as a German mail program shows it. */
  errorDe?: string;
  result?: SmtpClientResult;
}

/** SendOutcome: what a submission attempt ended with (from the world's connect + SMTP client). */
export type SendOutcome =
  | { kind: 'session'; result: SmtpClientResult }
  | { kind: 'connect-failed'; reason: 'refused' | 'timeout'; detail: string };

/** MuaServices: the world's side of the mail program. */
export interface MuaServices {
  /** Gives a new message id and builds the RFC 5322 message. */
  compose(draft: Draft): { msg: string; raw: string };
  /** Connects to the outgoing server and runs an SMTP client session for the message. */
  submit(settings: OutgoingSettings, draft: Draft, msg: string, raw: string, done: (o: SendOutcome) => void): void;
  /** The program tells the person what happened. */
  report(item: OutboxItem, outcome: SendOutcome): void;
  /** Connects to the incoming server and runs one IMAP or POP3 check (absent: the program never fetches). */
  fetch?(settings: IncomingSettings, memory: MailCheckMemory, done: (o: FetchOutcome) => void): void;
  /** The program shows what a check brought (new mail, or an error). */
  fetched?(outcome: FetchOutcome): void;
  /** The current virtual time, for the check schedule. */
  now?(): number;
}

/** MuaInput: whose program, on which host, with which settings. */
export interface MuaInput {
  host: string;
  address: string;
  outgoing: OutgoingSettings;
  /** The incoming server; without it the program only sends. */
  incoming?: IncomingSettings;
  services: MuaServices;
}

interface Ctx extends MuaInput {
  outbox: OutboxItem[];
  current?: OutboxItem & { raw: string };
  /** Messages downloaded so far (the program's local INBOX). */
  downloaded: DownloadedMessage[];
  memory: MailCheckMemory;
  /** When the program started: its checks fall on start + k·interval. */
  started: number;
  /** Mail arrived since the current check began. */
  mailSinceCheck: boolean;
  /** The outcome of the last check. */
  lastCheck?: FetchOutcome;
}

type Ev =
  | { type: 'mua.send'; draft: Draft }
  | { type: 'mua.configure'; outgoing: Partial<OutgoingSettings> }
  | { type: 'mua.submitted'; outcome: SendOutcome }
  | { type: 'mua.fetched'; outcome: FetchOutcome }
  | { type: 'mua.mailArrived' }
  | { type: 'mua.worldChanged' }
  | { type: 'mua.check' };

const now = (ctx: Ctx) => ctx.services.now?.() ?? 0;
const interval = (ctx: Ctx) => ctx.incoming?.checkInterval ?? DEFAULT_CHECK_INTERVAL_MS;

/** muaMachine: outgoing (idle, sending one message at a time) and incoming (checking, waiting, resting) in parallel. */
export const muaMachine = setup({
  types: {} as { context: Ctx; events: Ev; input: MuaInput },
  actors: {
    submit: fromCallback<Ev, { services: MuaServices; settings: OutgoingSettings; item: OutboxItem & { raw: string } }>(({ sendBack, input }) => {
      input.services.submit(input.settings, input.item.draft, input.item.msg, input.item.raw, (outcome) => sendBack({ type: 'mua.submitted', outcome }));
    }),
    fetch: fromCallback<Ev, { services: MuaServices; settings: IncomingSettings; memory: MailCheckMemory }>(({ sendBack, input }) => {
      input.services.fetch?.(input.settings, input.memory, (outcome) => sendBack({ type: 'mua.fetched', outcome }));
    }),
  },
  actions: {
    enqueue: assign(({ context, event }) => {
      if (event.type !== 'mua.send') return {};
      const { msg, raw } = context.services.compose(event.draft);
      const item: OutboxItem & { raw: string } = { msg, draft: event.draft, state: 'waiting', raw };
      return { outbox: [...context.outbox, item] };
    }),
    configure: assign(({ context, event }) => (event.type === 'mua.configure' ? { outgoing: { ...context.outgoing, ...event.outgoing } } : {})),
    takeNext: assign(({ context }) => {
      const next = context.outbox.find((i) => i.state === 'waiting') as (OutboxItem & { raw: string }) | undefined;
      if (next) next.state = 'sending';
      return { current: next };
    }),
    finish: assign(({ context, event }) => {
      if (event.type !== 'mua.submitted' || !context.current) return {};
      const item = context.current;
      const o = event.outcome;
      item.state = o.kind === 'session' && o.result.kind === 'sent' ? 'sent' : 'failed';
      if (o.kind === 'session') item.result = o.result;
      context.services.report(item, o);
      return { current: undefined };
    }),
    beginCheck: assign({ mailSinceCheck: false }),
    noteMail: assign({ mailSinceCheck: true }),
    keepFetched: assign(({ context, event }) => {
      if (event.type !== 'mua.fetched') return {};
      context.services.fetched?.(event.outcome);
      if (event.outcome.kind !== 'session') return { lastCheck: event.outcome };
      const r = event.outcome.result;
      const at = now(context);
      const protocol = context.incoming?.protocol ?? 'imap';
      return { lastCheck: event.outcome, memory: r.memory, downloaded: [...context.downloaded, ...r.messages.map((m) => ({ ...m, at, protocol }))] };
    }),
  },
  guards: {
    hasWaiting: ({ context }) => context.outbox.some((i) => i.state === 'waiting'),
    fetches: ({ context }) => context.incoming !== undefined && context.services.fetch !== undefined,
    // Nothing new and no mail arrived meanwhile: rest until the world reports new mail.
    quiet: ({ context, event }) => event.type === 'mua.fetched' && !context.mailSinceCheck && (event.outcome.kind !== 'session' || event.outcome.result.messages.length === 0),
    lastFailed: ({ context }) => context.lastCheck !== undefined && (context.lastCheck.kind !== 'session' || context.lastCheck.result.kind === 'failed'),
  },
  delays: {
    untilNextCheck: ({ context }) => nextCheckTime(context.started, interval(context), now(context)) - now(context),
  },
}).createMachine({
  id: 'mua',
  context: ({ input }) => ({ ...input, outbox: [], downloaded: [], memory: { lastUid: 0, uidls: [] }, started: input.services.now?.() ?? 0, mailSinceCheck: false }),
  type: 'parallel',
  on: { 'mua.configure': { actions: 'configure' } },
  states: {
    outgoing: {
      initial: 'idle',
      on: { 'mua.send': { actions: 'enqueue', target: '.check' } },
      states: {
        idle: {},
        check: { always: [{ guard: 'hasWaiting', target: 'sending' }, { target: 'idle' }] },
        sending: {
          entry: 'takeNext',
          invoke: { src: 'submit', input: ({ context }) => ({ services: context.services, settings: context.outgoing, item: context.current! }) },
          on: {
            'mua.submitted': { target: 'check', actions: 'finish' },
            // A new draft while sending waits in the outbox; stay in this state.
            'mua.send': { actions: 'enqueue' },
          },
        },
      },
    },
    incoming: {
      initial: 'start',
      on: { 'mua.mailArrived': { actions: 'noteMail' } },
      states: {
        start: { always: [{ guard: 'fetches', target: 'checking' }, { target: 'off' }] },
        off: {},
        checking: {
          entry: 'beginCheck',
          invoke: { src: 'fetch', input: ({ context }) => ({ services: context.services, settings: context.incoming!, memory: context.memory }) },
          on: { 'mua.fetched': [{ guard: 'quiet', target: 'resting', actions: 'keepFetched' }, { target: 'waiting', actions: 'keepFetched' }] },
        },
        waiting: { after: { untilNextCheck: 'checking' }, on: { 'mua.check': 'checking' } },
        resting: {
          on: {
            'mua.mailArrived': { target: 'waiting', actions: 'noteMail' },
            'mua.worldChanged': { guard: 'lastFailed', target: 'waiting' },
            'mua.check': 'checking',
          },
        },
      },
    },
  },
});
