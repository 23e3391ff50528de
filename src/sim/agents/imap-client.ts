/**
 * imapClientMachine: a mail program checking mail over IMAP (RFC 9051): greeting, STARTTLS when
 * the settings ask for it, LOGIN with quoted strings, SELECT INBOX, then `UID FETCH n:*` of the
 * messages after the last UID it has seen (all of them when UIDVALIDITY changed; none when
 * UIDNEXT shows nothing new), and LOGOUT.
 * The mail stays on the server; fetching BODY[] without PEEK marks it \Seen there, which every
 * other program reading the same mailbox then sees.
 */
import { assign, setup } from 'xstate';
import type { Endpoint, TlsOutcome } from '../kernel/connection';
import { imapString } from '../protocol/imap-format';
import { parseFetchResponse, responseCode, taggedStatus, untaggedNumber } from '../protocol/imap-response';
import { octets } from '../protocol/bytes';
import type { FetchedMessage, FetchResult, MailCheckMemory } from './mail-fetch';

/** ImapClientInput: what one check needs. */
export interface ImapClientInput {
  endpoint: Endpoint;
  serverName: string;
  /** `implicit` on 993; `required`: STARTTLS or give up; `none`: plain text. */
  tls: 'implicit' | 'required' | 'none';
  user: string;
  password: string;
  memory: MailCheckMemory;
  timeoutMs: number;
}

interface Ctx extends ImapClientInput {
  secure: boolean;
  /** Tag counter: commands go out as a1, a2, ... */
  n: number;
  /** Untagged responses to the command in progress. */
  untagged: string[];
  exists: number;
  uidValidity?: number;
  uidNext?: number;
  fetched: FetchedMessage[];
  result?: FetchResult;
}

type Ev = { type: 'imap.line'; line: string } | { type: 'tls.done'; outcome: TlsOutcome } | { type: 'net.closed' };

const tag = (ctx: Ctx) => `a${ctx.n}`;

function outcome(ctx: Ctx, kind: FetchResult['kind'], stage: string, extra: Partial<FetchResult> = {}): FetchResult {
  const lastUid = ctx.fetched.reduce((max, m) => Math.max(max, m.uid ?? 0), ctx.uidValidity === ctx.memory.uidValidity ? ctx.memory.lastUid : 0);
  const memory: MailCheckMemory = { ...ctx.memory, uidValidity: ctx.uidValidity ?? ctx.memory.uidValidity, lastUid: ctx.uidValidity === undefined ? ctx.memory.lastUid : lastUid };
  return { kind, stage, messages: ctx.fetched, deleted: 0, memory, ...extra };
}

/** Transitions of a state waiting for the tagged answer to its command. */
function awaiting(stage: string, onOk: string, okAction: 'readSelect' | 'readFetch' | 'noop' = 'noop') {
  return {
    on: {
      'imap.line': [
        { guard: { type: 'taggedIs', params: { status: 'OK' } }, target: onOk, actions: okAction },
        { guard: 'isTagged', target: 'logout', actions: { type: 'fail', params: { stage } } },
        { actions: 'collect' },
      ],
    },
    after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage } }, 'close'] } },
  } as const;
}

/** imapClientMachine: the IMAP client statechart. */
export const imapClientMachine = setup({
  types: {} as { context: Ctx; events: Ev; input: ImapClientInput; output: FetchResult },
  actions: {
    command: assign(({ context }, params: { text: string }) => {
      const n = context.n + 1;
      context.endpoint.send(`a${n} ${params.text}`);
      return { n, untagged: [] as string[] };
    }),
    collect: assign(({ context, event }) => (event.type === 'imap.line' ? { untagged: [...context.untagged, event.line] } : {})),
    startTls: ({ context, self }) => context.endpoint.conn.clientStartTls(context.serverName, (o) => self.send({ type: 'tls.done', outcome: o })),
    readSelect: assign(({ context }) => {
      let exists = 0;
      let uidValidity: number | undefined;
      let uidNext: number | undefined;
      for (const l of context.untagged) {
        exists = untaggedNumber(l, 'EXISTS') ?? exists;
        const v = responseCode(l, 'UIDVALIDITY');
        if (v !== undefined) uidValidity = Number(v);
        const next = responseCode(l, 'UIDNEXT');
        if (next !== undefined) uidNext = Number(next);
      }
      return { exists, uidValidity, uidNext };
    }),
    readFetch: assign(({ context }) => {
      const after = context.uidValidity === context.memory.uidValidity ? context.memory.lastUid : 0;
      const fetched = context.untagged
        .map(parseFetchResponse)
        // RFC 9051 §6.4.9: "n:*" always includes the highest UID, even when it is below n.
        .filter((d): d is NonNullable<typeof d> => d !== undefined && d.body !== undefined && (d.uid ?? 0) > after)
        .map((d) => ({ raw: d.body!, size: octets(d.body!), uid: d.uid, flags: d.flags ?? [] }));
      return { fetched: [...context.fetched, ...fetched] };
    }),
    fail: assign(({ context, event }, params: { stage: string }) => ({
      result: outcome(context, 'failed', params.stage, {
        reply: event.type === 'imap.line' ? event.line : undefined,
        network: event.type === 'net.closed' ? ('closed' as const) : event.type === 'tls.done' ? ('tls-failed' as const) : undefined,
        tlsReason: event.type === 'tls.done' && !event.outcome.ok ? event.outcome.reason : undefined,
      }),
    })),
    timedOut: assign(({ context }, params: { stage: string }) => ({ result: outcome(context, 'failed', params.stage, { network: 'timeout' }) })),
    close: ({ context }) => context.endpoint.close(),
    noop: () => undefined,
  },
  guards: {
    isTagged: ({ context, event }) => event.type === 'imap.line' && taggedStatus(event.line, tag(context)) !== undefined,
    taggedIs: ({ context, event }, params: { status: string }) => event.type === 'imap.line' && taggedStatus(event.line, tag(context)) === params.status,
    greetingOk: ({ event }) => event.type === 'imap.line' && /^\* (OK|PREAUTH)\b/i.test(event.line),
    tlsOk: ({ event }) => event.type === 'tls.done' && event.outcome.ok,
    needsStartTls: ({ context }) => context.tls === 'required' && !context.secure,
    // RFC 9051 §2.3.1.1: with the same UIDVALIDITY, a UIDNEXT not above the last UID seen means nothing new.
    hasNewMail: ({ context }) =>
      context.exists > 0 && (context.uidValidity !== context.memory.uidValidity || context.uidNext === undefined || context.uidNext > context.memory.lastUid + 1),
  },
  delays: { reply: ({ context }) => context.timeoutMs },
}).createMachine({
  id: 'imap-client',
  context: ({ input }) => ({ ...input, secure: false, n: 0, untagged: [], exists: 0, fetched: [] }),
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
      on: { 'imap.line': [{ guard: 'greetingOk', target: 'afterGreeting' }, { target: 'done', actions: [{ type: 'fail', params: { stage: 'greeting' } }, 'close'] }] },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'greeting' } }, 'close'] } },
    },
    afterGreeting: { always: [{ guard: 'needsStartTls', target: 'starttls' }, { target: 'login' }] },
    starttls: { entry: { type: 'command', params: { text: 'STARTTLS' } }, ...awaiting('starttls', 'handshake') },
    handshake: {
      entry: 'startTls',
      on: { 'tls.done': [{ guard: 'tlsOk', target: 'login', actions: assign({ secure: true }) }, { target: 'done', actions: [{ type: 'fail', params: { stage: 'tls' } }, 'close'] }] },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'tls' } }, 'close'] } },
    },
    login: { entry: { type: 'command', params: ({ context }) => ({ text: `LOGIN ${imapString(context.user)} ${imapString(context.password)}` }) }, ...awaiting('login', 'select') },
    select: { entry: { type: 'command', params: { text: 'SELECT INBOX' } }, ...awaiting('select', 'afterSelect', 'readSelect') },
    afterSelect: { always: [{ guard: 'hasNewMail', target: 'fetch' }, { target: 'logout' }] },
    fetch: {
      entry: {
        type: 'command',
        params: ({ context }) => ({ text: `UID FETCH ${(context.uidValidity === context.memory.uidValidity ? context.memory.lastUid : 0) + 1}:* (FLAGS BODY[])` }),
      },
      ...awaiting('fetch', 'logout', 'readFetch'),
    },
    logout: {
      entry: { type: 'command', params: { text: 'LOGOUT' } },
      on: { 'imap.line': [{ guard: 'isTagged', target: 'done', actions: 'close' }], 'net.closed': { target: 'done' } },
      after: { reply: { target: 'done', actions: 'close' } },
    },
    done: { type: 'final' },
  },
  output: ({ context }) => context.result ?? outcome(context, 'fetched', 'logout'),
});
