/**
 * pop3ClientMachine: a mail program checking mail over POP3 (RFC 1939, RFC 2449 CAPA, RFC 2595
 * STLS): greeting, CAPA, STLS when the settings ask for it, USER/PASS, STAT, UIDL, then RETR for
 * every message not downloaded before and DELE unless "leave messages on server" is on, and
 * QUIT, which makes the server delete them (UPDATE state). Each state sends one command and
 * waits for its answer; a -ERR ends the session with that answer as the result.
 */
import { assign, setup } from 'xstate';
import type { Endpoint, TlsOutcome } from '../kernel/connection';
import { dotUnstuff } from '../protocol/dot-stuffing';
import { octets } from '../protocol/bytes';
import type { FetchedMessage, FetchResult, MailCheckMemory } from './mail-fetch';

/** Pop3ClientInput: what one check needs. */
export interface Pop3ClientInput {
  endpoint: Endpoint;
  serverName: string;
  /** `implicit` on 995; `required`: STLS or give up; `none`: plain text. */
  tls: 'implicit' | 'required' | 'none';
  user: string;
  password: string;
  keepOnServer: boolean;
  memory: MailCheckMemory;
  timeoutMs: number;
}

interface Ctx extends Pop3ClientInput {
  secure: boolean;
  caps: string[];
  /** Message numbers and UIDLs to download, and where the loop stands. */
  todo: { num: number; uidl: string }[];
  index: number;
  fetched: FetchedMessage[];
  deleted: number;
  seenUidls: string[];
  result?: FetchResult;
}

type Ev = { type: 'pop3.reply'; text: string } | { type: 'tls.done'; outcome: TlsOutcome } | { type: 'net.closed' };

const ok = (e: Ev) => e.type === 'pop3.reply' && e.text.startsWith('+OK');
const text = (e: Ev) => (e.type === 'pop3.reply' ? e.text : '');
const lines = (e: Ev) => text(e).split('\r\n').slice(1, -1);

function outcome(ctx: Ctx, kind: FetchResult['kind'], stage: string, extra: Partial<FetchResult> = {}): FetchResult {
  const memory: MailCheckMemory = { ...ctx.memory, uidls: ctx.keepOnServer ? ctx.seenUidls : [] };
  return { kind, stage, messages: ctx.fetched, deleted: ctx.deleted, memory, ...extra };
}

/** pop3ClientMachine: the POP3 client statechart. */
export const pop3ClientMachine = setup({
  types: {} as { context: Ctx; events: Ev; input: Pop3ClientInput; output: FetchResult },
  actions: {
    send: ({ context }, params: { line: string }) => context.endpoint.send(params.line),
    startTls: ({ context, self }) => context.endpoint.conn.clientStartTls(context.serverName, (o) => self.send({ type: 'tls.done', outcome: o })),
    fail: assign(({ context, event }, params: { stage: string }) => ({
      result: outcome(context, 'failed', params.stage, {
        reply: event.type === 'pop3.reply' ? event.text.split('\r\n')[0] : undefined,
        network: event.type === 'net.closed' ? ('closed' as const) : event.type === 'tls.done' ? ('tls-failed' as const) : undefined,
        tlsReason: event.type === 'tls.done' && !event.outcome.ok ? event.outcome.reason : undefined,
      }),
    })),
    timedOut: assign(({ context }, params: { stage: string }) => ({ result: outcome(context, 'failed', params.stage, { network: 'timeout' }) })),
    close: ({ context }) => context.endpoint.close(),
  },
  guards: {
    ok: ({ event }) => ok(event),
    tlsOk: ({ event }) => event.type === 'tls.done' && event.outcome.ok,
    needsStls: ({ context }) => context.tls === 'required' && !context.secure,
    more: ({ context }) => context.index < context.todo.length,
  },
  delays: { reply: ({ context }) => context.timeoutMs },
}).createMachine({
  id: 'pop3-client',
  context: ({ input }) => ({ ...input, secure: false, caps: [], todo: [], index: 0, fetched: [], deleted: 0, seenUidls: [...input.memory.uidls] }),
  initial: 'start',
  on: { 'net.closed': { target: '.done', actions: { type: 'fail', params: { stage: 'connection' } } } },
  states: {
    start: { always: [{ guard: ({ context }) => context.tls === 'implicit', target: 'implicitTls' }, { target: 'greeting' }] },
    implicitTls: {
      entry: 'startTls',
      on: { 'tls.done': [{ guard: 'tlsOk', target: 'greeting', actions: assign({ secure: true }) }, { target: 'done', actions: [{ type: 'fail', params: { stage: 'tls' } }, 'close'] }] },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'tls' } }, 'close'] } },
    },
    greeting: {
      on: { 'pop3.reply': [{ guard: 'ok', target: 'capa' }, { target: 'quit', actions: { type: 'fail', params: { stage: 'greeting' } } }] },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'greeting' } }, 'close'] } },
    },
    // RFC 2449 §5: ask what the server can do before choosing how to log in.
    capa: {
      entry: { type: 'send', params: { line: 'CAPA' } },
      on: {
        'pop3.reply': [
          { guard: 'needsStls', target: 'stls', actions: assign({ caps: ({ event }) => (ok(event) ? lines(event) : []) }) },
          { target: 'user', actions: assign({ caps: ({ event }) => (ok(event) ? lines(event) : []) }) },
        ],
      },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'capa' } }, 'close'] } },
    },
    stls: {
      entry: { type: 'send', params: { line: 'STLS' } },
      on: { 'pop3.reply': [{ guard: 'ok', target: 'handshake' }, { target: 'quit', actions: { type: 'fail', params: { stage: 'starttls' } } }] },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'starttls' } }, 'close'] } },
    },
    handshake: {
      entry: 'startTls',
      on: { 'tls.done': [{ guard: 'tlsOk', target: 'user', actions: assign({ secure: true }) }, { target: 'done', actions: [{ type: 'fail', params: { stage: 'tls' } }, 'close'] }] },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'tls' } }, 'close'] } },
    },
    user: {
      entry: { type: 'send', params: ({ context }) => ({ line: `USER ${context.user}` }) },
      on: { 'pop3.reply': [{ guard: 'ok', target: 'pass' }, { target: 'quit', actions: { type: 'fail', params: { stage: 'login' } } }] },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'login' } }, 'close'] } },
    },
    pass: {
      entry: { type: 'send', params: ({ context }) => ({ line: `PASS ${context.password}` }) },
      on: { 'pop3.reply': [{ guard: 'ok', target: 'stat' }, { target: 'quit', actions: { type: 'fail', params: { stage: 'login' } } }] },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'login' } }, 'close'] } },
    },
    stat: {
      entry: { type: 'send', params: { line: 'STAT' } },
      on: {
        'pop3.reply': [
          { guard: ({ event }) => ok(event) && Number(text(event).split(' ')[1]) > 0, target: 'uidl' },
          { guard: 'ok', target: 'quit' },
          { target: 'quit', actions: { type: 'fail', params: { stage: 'stat' } } },
        ],
      },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'stat' } }, 'close'] } },
    },
    // RFC 1939 §7: UIDL tells which messages this program has already downloaded.
    uidl: {
      entry: { type: 'send', params: { line: 'UIDL' } },
      on: {
        'pop3.reply': [
          {
            guard: 'ok', target: 'next',
            actions: assign({
              todo: ({ context, event }) => lines(event).map((l) => ({ num: Number(l.split(' ')[0]), uidl: l.split(' ')[1] ?? '' })).filter((e) => !context.seenUidls.includes(e.uidl)),
            }),
          },
          { target: 'quit', actions: { type: 'fail', params: { stage: 'uidl' } } },
        ],
      },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'uidl' } }, 'close'] } },
    },
    next: { always: [{ guard: 'more', target: 'retr' }, { target: 'quit' }] },
    retr: {
      entry: { type: 'send', params: ({ context }) => ({ line: `RETR ${context.todo[context.index].num}` }) },
      on: {
        'pop3.reply': [
          {
            guard: 'ok', target: 'afterRetr',
            actions: assign(({ context, event }) => {
              // RFC 1939 §3: remove the byte-stuffing; the lone dot ends the message.
              const raw = dotUnstuff(lines(event));
              const entry = context.todo[context.index];
              return { fetched: [...context.fetched, { raw, size: octets(raw), uidl: entry.uidl, flags: [] }], seenUidls: [...context.seenUidls, entry.uidl] };
            }),
          },
          { target: 'quit', actions: { type: 'fail', params: { stage: 'retr' } } },
        ],
      },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'retr' } }, 'close'] } },
    },
    afterRetr: {
      always: [
        { guard: ({ context }) => context.keepOnServer, target: 'next', actions: assign({ index: ({ context }) => context.index + 1 }) },
        { target: 'dele' },
      ],
    },
    dele: {
      entry: { type: 'send', params: ({ context }) => ({ line: `DELE ${context.todo[context.index].num}` }) },
      on: {
        'pop3.reply': {
          target: 'next',
          actions: assign(({ context, event }) => ({ index: context.index + 1, deleted: context.deleted + (ok(event) ? 1 : 0) })),
        },
      },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'dele' } }, 'close'] } },
    },
    quit: {
      entry: { type: 'send', params: { line: 'QUIT' } },
      on: {
        // RFC 1939 §6: only a +OK to QUIT means the deletions happened.
        'pop3.reply': { target: 'done', actions: ['close', assign({ deleted: ({ context, event }) => (ok(event) ? context.deleted : 0) })] },
        'net.closed': { target: 'done' },
      },
      after: { reply: { target: 'done', actions: 'close' } },
    },
    done: { type: 'final' },
  },
  output: ({ context }) => context.result ?? outcome(context, 'fetched', 'quit'),
});
