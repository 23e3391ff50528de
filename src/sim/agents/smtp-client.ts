/**
 * smtpClientMachine: one SMTP client session over an accepted connection (RFC 5321 §3, §4.1),
 * as a mail program submits (587/465 with STARTTLS or implicit TLS and AUTH) or an MTA relays
 * (port 25, STARTTLS when offered). Each state sends one command and waits for the reply it
 * expects; any other reply ends the transaction with that reply as the result.
 */
import { assign, setup, stateIn } from 'xstate';
import type { Endpoint, TlsOutcome } from '../kernel/connection';
import type { Reply } from '../protocol/smtp-reply';
import { encodePlain, encodeLoginStep } from '../protocol/sasl';
import { dataPayload } from '../protocol/dot-stuffing';
import { octets as octetLength } from '../protocol/bytes';

/** SmtpClientInput: what a session needs to deliver one message to one server. */
export interface SmtpClientInput {
  endpoint: Endpoint;
  /** The name the client expects in the server's certificate. */
  serverName: string;
  helo: string;
  /** `implicit`: TLS from the first byte (465); `starttls`: upgrade if offered; `required`: fail if not offered; `none`: never. */
  tls: 'none' | 'starttls' | 'required' | 'implicit';
  auth?: { user: string; password: string; mechanism: 'PLAIN' | 'LOGIN' };
  from: string;
  rcpts: string[];
  /** The message as the server will store it (CRLF lines, not yet dot-stuffed). */
  data: string;
  msg: string;
  /** How long to wait for each reply (RFC 5321 §4.5.3.2 suggests 5 min; mail programs wait ~1 min). */
  timeoutMs: number;
  /** How long to wait for the reply to the end of the data (RFC 5321 §4.5.3.2.6: 10 min); `timeoutMs` when absent. */
  dataTimeoutMs?: number;
  /** Check the server's certificate (a mail program does); an MTA's opportunistic TLS does not. Default true. */
  verifyCert?: boolean;
}

/** RcptResult: the server's answer to one RCPT TO. */
export interface RcptResult {
  rcpt: string;
  reply: Reply;
}

/** SmtpClientResult: how the session ended. */
export interface SmtpClientResult {
  /** `sent`: the server took the message for the accepted recipients after DATA. */
  kind: 'sent' | 'failed';
  /** The stage the session reached: greeting, ehlo, starttls, tls, auth, mail, rcpt, data, body. */
  stage: string;
  /** The reply that decided it (the final DATA reply when sent). */
  reply?: Reply;
  /** Network-level failure: no greeting in time, connection closed, TLS handshake failure. */
  network?: 'timeout' | 'closed' | 'tls-failed';
  tlsReason?: string;
  rcpts: RcptResult[];
  /** True when the DATA content was sent but the final reply never came (a duplicate may follow). */
  dataSentNoReply?: boolean;
}

interface Ctx extends SmtpClientInput {
  ext: string[];
  secure: boolean;
  rcptIndex: number;
  rcptResults: RcptResult[];
  result?: SmtpClientResult;
}

type Ev =
  | { type: 'smtp.reply'; reply: Reply }
  | { type: 'tls.done'; outcome: TlsOutcome }
  | { type: 'net.closed' };

const ok = (r: Reply) => r.code >= 200 && r.code < 300;

/** LOST_IN: the stage a session was in when its connection broke, by machine state. */
const LOST_IN: readonly (readonly [string, string])[] = [
  ['implicitTls', 'tls'], ['greeting', 'greeting'], ['ehlo', 'ehlo'], ['starttls', 'starttls'], ['tlsHandshake', 'tls'],
  ['authPlain', 'auth'], ['authLoginUser', 'auth'], ['authLoginName', 'auth'], ['authLoginPass', 'auth'],
  ['mail', 'mail'], ['rcpt', 'rcpt'], ['data', 'data'], ['body', 'body'],
];

/** smtpClientMachine: the SMTP client statechart. */
export const smtpClientMachine = setup({
  types: {} as { context: Ctx; events: Ev; input: SmtpClientInput; output: SmtpClientResult },
  actions: {
    send: ({ context }, params: { line: string }) => context.endpoint.send(params.line, { msg: context.msg }),
    startTls: ({ context, self }) =>
      context.endpoint.conn.clientStartTls(context.serverName, (outcome) => self.send({ type: 'tls.done', outcome }), { verify: context.verifyCert ?? true }),
    fail: assign(({ context, event }, params: { stage: string }) => ({
      result: {
        kind: 'failed' as const,
        stage: params.stage,
        reply: event.type === 'smtp.reply' ? event.reply : undefined,
        network: event.type === 'net.closed' ? ('closed' as const) : event.type === 'tls.done' ? ('tls-failed' as const) : undefined,
        tlsReason: event.type === 'tls.done' && !event.outcome.ok ? event.outcome.reason : undefined,
        rcpts: context.rcptResults,
        // The connection broke after the content went out: the server may have taken it.
        dataSentNoReply: event.type === 'net.closed' && params.stage === 'body' ? true : undefined,
      },
    })),
    timedOut: assign(({ context }, params: { stage: string }) => ({
      result: { kind: 'failed' as const, stage: params.stage, network: 'timeout' as const, rcpts: context.rcptResults, dataSentNoReply: params.stage === 'body' },
    })),
    close: ({ context }) => context.endpoint.close(),
  },
  guards: {
    ok: ({ event }) => event.type === 'smtp.reply' && ok(event.reply),
    tlsOk: ({ event }) => event.type === 'tls.done' && event.outcome.ok,
    wantsStartTls: ({ context }) => !context.secure && context.tls !== 'none' && context.ext.includes('STARTTLS'),
    mustHaveTls: ({ context }) => !context.secure && context.tls === 'required',
    // A client logs in only where the server offers AUTH (RFC 4954 §3); elsewhere it sends without.
    wantsAuth: ({ context }) => context.auth !== undefined && context.ext.includes('AUTH'),
    authLogin: ({ context }) => context.auth?.mechanism === 'LOGIN',
    moreRcpts: ({ context }) => context.rcptIndex < context.rcpts.length,
    anyRcptAccepted: ({ context }) => context.rcptResults.some((r) => ok(r.reply)),
  },
  delays: { reply: ({ context }) => context.timeoutMs, dataDone: ({ context }) => context.dataTimeoutMs ?? context.timeoutMs },
}).createMachine({
  id: 'smtp-client',
  context: ({ input }) => ({ ...input, ext: [], secure: false, rcptIndex: 0, rcptResults: [] }),
  initial: 'start',
  on: {
    // The connection closed or broke: the result names the stage it happened in.
    'net.closed': [
      ...LOST_IN.map(([state, stage]) => ({ guard: stateIn(state), target: '.done' as const, actions: { type: 'fail' as const, params: { stage } } })),
      { target: '.done', actions: { type: 'fail', params: { stage: 'connection' } } },
    ],
  },
  states: {
    start: { always: [{ guard: ({ context }) => context.tls === 'implicit', target: 'implicitTls' }, { target: 'greeting' }] },
    implicitTls: {
      entry: 'startTls',
      on: {
        'tls.done': [
          { guard: 'tlsOk', target: 'greeting', actions: assign({ secure: true }) },
          { target: 'done', actions: [{ type: 'fail', params: { stage: 'tls' } }, 'close'] },
        ],
      },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'tls' } }, 'close'] } },
    },
    greeting: {
      on: { 'smtp.reply': [{ guard: 'ok', target: 'ehlo' }, { target: 'quit', actions: { type: 'fail', params: { stage: 'greeting' } } }] },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'greeting' } }, 'close'] } },
    },
    ehlo: {
      entry: { type: 'send', params: ({ context }) => ({ line: `EHLO ${context.helo}` }) },
      on: {
        'smtp.reply': [
          { guard: 'ok', target: 'afterEhlo', actions: assign({ ext: ({ event }) => (event.type === 'smtp.reply' ? event.reply.lines.slice(1).map((l) => l.split(' ')[0].toUpperCase()).concat(event.reply.lines.slice(1)) : []) }) },
          { target: 'quit', actions: { type: 'fail', params: { stage: 'ehlo' } } },
        ],
      },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'ehlo' } }, 'close'] } },
    },
    afterEhlo: {
      always: [
        { guard: 'wantsStartTls', target: 'starttls' },
        { guard: 'mustHaveTls', target: 'quit', actions: assign({ result: ({ context }) => ({ kind: 'failed' as const, stage: 'starttls', network: 'tls-failed' as const, tlsReason: 'starttls-not-offered', rcpts: context.rcptResults }) }) },
        { guard: 'wantsAuth', target: 'auth' },
        { target: 'mail' },
      ],
    },
    starttls: {
      entry: { type: 'send', params: { line: 'STARTTLS' } },
      on: { 'smtp.reply': [{ guard: 'ok', target: 'tlsHandshake' }, { target: 'quit', actions: { type: 'fail', params: { stage: 'starttls' } } }] },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'starttls' } }, 'close'] } },
    },
    tlsHandshake: {
      entry: 'startTls',
      on: {
        // RFC 3207 §4.2: after TLS the client forgets what it knew and says EHLO again.
        'tls.done': [
          { guard: 'tlsOk', target: 'ehlo', actions: assign({ secure: true, ext: [] }) },
          { target: 'done', actions: [{ type: 'fail', params: { stage: 'tls' } }, 'close'] },
        ],
      },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'tls' } }, 'close'] } },
    },
    auth: {
      always: [{ guard: 'authLogin', target: 'authLoginUser' }, { target: 'authPlain' }],
    },
    authPlain: {
      entry: { type: 'send', params: ({ context }) => ({ line: `AUTH PLAIN ${encodePlain({ authcid: context.auth!.user, password: context.auth!.password })}` }) },
      on: { 'smtp.reply': [{ guard: 'ok', target: 'mail' }, { target: 'quit', actions: { type: 'fail', params: { stage: 'auth' } } }] },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'auth' } }, 'close'] } },
    },
    authLoginUser: {
      entry: { type: 'send', params: { line: 'AUTH LOGIN' } },
      on: { 'smtp.reply': [{ guard: ({ event }) => event.type === 'smtp.reply' && event.reply.code === 334, target: 'authLoginName' }, { target: 'quit', actions: { type: 'fail', params: { stage: 'auth' } } }] },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'auth' } }, 'close'] } },
    },
    authLoginName: {
      entry: { type: 'send', params: ({ context }) => ({ line: encodeLoginStep(context.auth!.user) }) },
      on: { 'smtp.reply': [{ guard: ({ event }) => event.type === 'smtp.reply' && event.reply.code === 334, target: 'authLoginPass' }, { target: 'quit', actions: { type: 'fail', params: { stage: 'auth' } } }] },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'auth' } }, 'close'] } },
    },
    authLoginPass: {
      entry: { type: 'send', params: ({ context }) => ({ line: encodeLoginStep(context.auth!.password) }) },
      on: { 'smtp.reply': [{ guard: 'ok', target: 'mail' }, { target: 'quit', actions: { type: 'fail', params: { stage: 'auth' } } }] },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'auth' } }, 'close'] } },
    },
    mail: {
      entry: {
        type: 'send',
        params: ({ context }) => ({ line: `MAIL FROM:<${context.from}>${context.ext.includes('SIZE') ? ` SIZE=${octetLength(context.data)}` : ''}` }),
      },
      on: { 'smtp.reply': [{ guard: 'ok', target: 'rcpt' }, { target: 'quit', actions: { type: 'fail', params: { stage: 'mail' } } }] },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'mail' } }, 'close'] } },
    },
    rcpt: {
      entry: { type: 'send', params: ({ context }) => ({ line: `RCPT TO:<${context.rcpts[context.rcptIndex]}>` }) },
      on: {
        'smtp.reply': [{
          // RFC 5321 §3.8: a 421 ends the session; the recipients not yet given stay for later.
          guard: ({ event }) => event.type === 'smtp.reply' && event.reply.code === 421,
          target: 'quit',
          actions: assign(({ context, event }) => {
            const reply = (event as { reply: Reply }).reply;
            const rcptResults = [...context.rcptResults, { rcpt: context.rcpts[context.rcptIndex], reply }];
            return { rcptResults, result: { kind: 'failed' as const, stage: 'rcpt', reply, rcpts: rcptResults } };
          }),
        }, {
          target: 'nextRcpt',
          actions: assign(({ context, event }) => ({
            rcptResults: [...context.rcptResults, { rcpt: context.rcpts[context.rcptIndex], reply: (event as { reply: Reply }).reply }],
            rcptIndex: context.rcptIndex + 1,
          })),
        }],
      },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'rcpt' } }, 'close'] } },
    },
    nextRcpt: {
      always: [
        { guard: 'moreRcpts', target: 'rcpt' },
        { guard: 'anyRcptAccepted', target: 'data' },
        // RFC 5321 §3.3: with no accepted recipient there is nothing to send; end politely.
        { target: 'quit', actions: assign({ result: ({ context }) => ({ kind: 'failed' as const, stage: 'rcpt', reply: context.rcptResults[context.rcptResults.length - 1]?.reply, rcpts: context.rcptResults }) }) },
      ],
    },
    data: {
      entry: { type: 'send', params: { line: 'DATA' } },
      on: { 'smtp.reply': [{ guard: ({ event }) => event.type === 'smtp.reply' && event.reply.code === 354, target: 'body' }, { target: 'quit', actions: { type: 'fail', params: { stage: 'data' } } }] },
      after: { reply: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'data' } }, 'close'] } },
    },
    body: {
      entry: ({ context }) => context.endpoint.send(stuffForWire(context.data), { type: 'smtp.data', msg: context.msg }),
      on: {
        'smtp.reply': [
          { guard: 'ok', target: 'quit', actions: assign({ result: ({ context, event }) => ({ kind: 'sent' as const, stage: 'body', reply: (event as { reply: Reply }).reply, rcpts: context.rcptResults }) }) },
          { target: 'quit', actions: { type: 'fail', params: { stage: 'body' } } },
        ],
      },
      after: { dataDone: { target: 'done', actions: [{ type: 'timedOut', params: { stage: 'body' } }, 'close'] } },
    },
    quit: {
      entry: { type: 'send', params: { line: 'QUIT' } },
      on: { 'smtp.reply': { target: 'done', actions: 'close' }, 'net.closed': { target: 'done' } },
      after: { reply: { target: 'done', actions: 'close' } },
    },
    done: { type: 'final' },
  },
  output: ({ context }) => context.result ?? { kind: 'failed', stage: 'connection', network: 'closed', rcpts: context.rcptResults },
});

// The DATA content goes out as one trace event: dot-stuffed lines plus the terminating lone dot.
function stuffForWire(data: string): string {
  return dataPayload(data).replace(/\r\n$/, '');
}
