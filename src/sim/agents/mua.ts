/**
 * muaMachine: a person's mail program (MUA). It keeps account settings like a real one
 * (outgoing server, port, encryption, user name, password), composes messages and sends each
 * through the submission server, one at a time from the outbox. What the settings say is what
 * happens: a wrong port, password or encryption mode fails as it does in reality, and the
 * program shows the error a real one would.
 */
import { assign, fromCallback, setup } from 'xstate';
import type { SmtpClientResult } from './smtp-client';

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
}

/** MuaInput: whose program, on which host, with which settings. */
export interface MuaInput {
  host: string;
  address: string;
  outgoing: OutgoingSettings;
  services: MuaServices;
}

interface Ctx extends MuaInput {
  outbox: OutboxItem[];
  current?: OutboxItem & { raw: string };
}

type Ev =
  | { type: 'mua.send'; draft: Draft }
  | { type: 'mua.configure'; outgoing: Partial<OutgoingSettings> }
  | { type: 'mua.submitted'; outcome: SendOutcome };

/** muaMachine: idle until something is in the outbox, then sending, one message at a time. */
export const muaMachine = setup({
  types: {} as { context: Ctx; events: Ev; input: MuaInput },
  actors: {
    submit: fromCallback<Ev, { services: MuaServices; settings: OutgoingSettings; item: OutboxItem & { raw: string } }>(({ sendBack, input }) => {
      input.services.submit(input.settings, input.item.draft, input.item.msg, input.item.raw, (outcome) => sendBack({ type: 'mua.submitted', outcome }));
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
  },
  guards: {
    hasWaiting: ({ context }) => context.outbox.some((i) => i.state === 'waiting'),
  },
}).createMachine({
  id: 'mua',
  context: ({ input }) => ({ ...input, outbox: [] }),
  initial: 'idle',
  on: {
    'mua.send': { actions: 'enqueue', target: '.check' },
    'mua.configure': { actions: 'configure' },
  },
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
});
