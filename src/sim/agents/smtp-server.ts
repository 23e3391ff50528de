/**
 * smtpServerMachine: one SMTP server session (RFC 5321 §4, RFC 3207 STARTTLS, RFC 4954 AUTH).
 * The same machine serves submission (MSA on 587/465), relays and MXs; the policy and the
 * world's hooks make the difference. Pure decisions live in `protocol/smtp-server-rules.ts`.
 */
import { assign, setup } from 'xstate';
import type { Certificate, Endpoint, TlsOutcome } from '../kernel/connection';
import { formatReply, type Reply } from '../protocol/smtp-reply';
import { replyFor } from '../protocol/reply-table';
import { DataReader } from '../protocol/dot-stuffing';
import {
  decideAuthResponse, decideCommand, newSession, transactionReset,
  type Decision, type ServerHooks, type ServerPolicy, type SessionState, type Verdict,
} from '../protocol/smtp-server-rules';

/** Envelope: what the server learnt in one transaction besides the content. */
export interface Envelope {
  from: string;
  rcpts: string[];
  helo: string;
  clientHost: string;
  clientIp: string;
  tls: boolean;
  authUser?: string;
  conn: string;
}

/** SmtpServerHooks: the rules' hooks plus the world's side of a session. */
export interface SmtpServerHooks extends ServerHooks {
  /** Before the greeting: a fault may answer instead (421 busy, too many connections). */
  greeting(): Verdict;
  /** End of DATA: queue, relay or deliver; answer with the final reply. */
  accept(envelope: Envelope, content: string, respond: (reply: Reply) => void): void;
}

/** SmtpServerInput: one accepted connection and its service's configuration. */
export interface SmtpServerInput {
  endpoint: Endpoint;
  policy: ServerPolicy;
  cert: Certificate;
  hooks: SmtpServerHooks;
  clientIp: string;
  /** Postfix smtpd_timeout: 300 s without a command closes the session. */
  idleTimeoutMs: number;
}

interface Ctx extends SmtpServerInput {
  session: SessionState;
  next?: Decision['next'];
  reader?: DataReader;
  msgTag?: string;
}

type Ev = { type: 'line'; line: string } | { type: 'tls.done'; outcome: TlsOutcome } | { type: 'accepted'; reply: Reply } | { type: 'net.closed' };

function sendReply(ctx: Ctx, reply: Reply | undefined): void {
  if (!reply) return;
  for (const line of formatReply(reply)) ctx.endpoint.send(line, ctx.msgTag ? { msg: ctx.msgTag } : undefined);
}

/** smtpServerMachine: the SMTP server statechart. */
export const smtpServerMachine = setup({
  types: {} as { context: Ctx; events: Ev; input: SmtpServerInput },
  actions: {
    decide: assign(({ context, event }) => {
      if (event.type !== 'line') return {};
      const d = decideCommand(context.policy, context.session, event.line, context.hooks);
      sendReply(context, d.reply);
      return { session: { ...context.session, ...d.patch }, next: d.next };
    }),
    decideAuth: assign(({ context, event }) => {
      if (event.type !== 'line') return {};
      const d = decideAuthResponse(context.next as 'auth-plain', context.session, event.line, context.hooks);
      sendReply(context, d.reply);
      return { session: { ...context.session, ...d.patch }, next: d.next };
    }),
    greet: assign(({ context }) => {
      const verdict = context.hooks.greeting();
      if (verdict !== 'ok') {
        sendReply(context, replyFor(verdict.key, { host: context.policy.hostname, ...verdict.vars }));
        return { next: 'close' as const };
      }
      sendReply(context, replyFor('greeting', { host: context.policy.hostname }));
      return { next: undefined };
    }),
    awaitTls: ({ context, self }) => context.endpoint.conn.serverAwaitTls(context.cert, (outcome) => self.send({ type: 'tls.done', outcome })),
    // RFC 3207 §4.2: after TLS the server forgets everything it learnt from the client.
    tlsUp: assign(({ context }) => ({ session: newSession(true), next: undefined, msgTag: context.msgTag })),
    startData: assign({ reader: () => new DataReader(), next: undefined }),
    feedData: assign(({ context, event }) => {
      if (event.type !== 'line' || !context.reader) return {};
      for (const l of event.line.split('\r\n')) if (!context.reader.done) context.reader.push(l);
      return {};
    }),
    finishData: ({ context, self }) => {
      const content = context.reader!.content();
      const s = context.session;
      if (context.reader!.size > context.policy.sizeLimit) {
        self.send({ type: 'accepted', reply: replyFor('size.data-too-big') });
        return;
      }
      context.hooks.accept(
        { from: s.mailFrom ?? '', rcpts: s.rcpts, helo: s.helo ?? '', clientHost: context.endpoint.conn.clientHost, clientIp: context.clientIp, tls: s.tls, authUser: s.authUser, conn: context.endpoint.conn.id },
        content,
        (reply) => self.send({ type: 'accepted', reply }),
      );
    },
    answerData: assign(({ context, event }) => {
      if (event.type === 'accepted') sendReply(context, event.reply);
      return { session: { ...context.session, ...transactionReset }, reader: undefined };
    }),
    timeout: ({ context }) => sendReply(context, replyFor('timeout', { host: context.policy.hostname })),
    close: ({ context }) => context.endpoint.close(),
  },
  guards: {
    implicitTls: ({ context }) => context.policy.tls === 'implicit',
    nextIs: ({ context }, params: { next: Decision['next'] }) => context.next === params.next,
    isAuthStep: ({ context }) => context.next === 'auth-plain' || context.next === 'auth-login-user' || context.next === 'auth-login-pass',
    tlsOk: ({ event }) => event.type === 'tls.done' && event.outcome.ok,
    endOfData: ({ context }) => context.reader?.done === true,
  },
  delays: { idle: ({ context }) => context.idleTimeoutMs },
}).createMachine({
  id: 'smtp-server',
  context: ({ input }) => ({ ...input, session: newSession(input.policy.tls === 'implicit') }),
  initial: 'connected',
  on: { 'net.closed': '.closed' },
  states: {
    connected: { always: [{ guard: 'implicitTls', target: 'implicitTls' }, { target: 'greeting' }] },
    implicitTls: {
      entry: 'awaitTls',
      on: { 'tls.done': [{ guard: 'tlsOk', target: 'greeting', actions: 'tlsUp' }, { target: 'closed', actions: 'close' }] },
      after: { idle: { target: 'closed', actions: 'close' } },
    },
    greeting: {
      entry: 'greet',
      always: [{ guard: { type: 'nextIs', params: { next: 'close' } }, target: 'closed', actions: 'close' }, { target: 'command' }],
    },
    command: {
      on: { line: { target: 'dispatch', actions: 'decide' } },
      after: { idle: { target: 'closed', actions: ['timeout', 'close'] } },
    },
    dispatch: {
      always: [
        { guard: { type: 'nextIs', params: { next: 'close' } }, target: 'closed', actions: 'close' },
        { guard: { type: 'nextIs', params: { next: 'tls' } }, target: 'tls' },
        { guard: { type: 'nextIs', params: { next: 'data' } }, target: 'data', actions: 'startData' },
        { guard: 'isAuthStep', target: 'auth' },
        { target: 'command' },
      ],
    },
    auth: {
      on: { line: { target: 'dispatch', actions: 'decideAuth' } },
      after: { idle: { target: 'closed', actions: ['timeout', 'close'] } },
    },
    tls: {
      entry: 'awaitTls',
      on: { 'tls.done': [{ guard: 'tlsOk', target: 'command', actions: 'tlsUp' }, { target: 'closed', actions: 'close' }] },
      after: { idle: { target: 'closed', actions: 'close' } },
    },
    data: {
      on: { line: { target: 'dataCheck', actions: 'feedData' } },
      after: { idle: { target: 'closed', actions: ['timeout', 'close'] } },
    },
    dataCheck: { always: [{ guard: 'endOfData', target: 'processing' }, { target: 'data' }] },
    processing: {
      entry: 'finishData',
      on: {
        accepted: [
          // RFC 5321 §3.8: after a 421 the server closes the channel.
          { guard: ({ event }) => event.reply.code === 421, target: 'closed', actions: ['answerData', 'close'] },
          { target: 'command', actions: 'answerData' },
        ],
      },
    },
    closed: { type: 'final' },
  },
});
