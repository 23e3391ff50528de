/**
 * pop3ServerMachine: one POP3 server session (RFC 1939 §3–§6, RFC 2449, RFC 2595 STLS,
 * RFC 5034 AUTH), Dovecot-like, on 110 (STLS) or 995 (implicit TLS). Its top-level states are
 * the RFC's: AUTHORIZATION until login, TRANSACTION while the maildrop is open, UPDATE after
 * QUIT. Pure decisions live in `protocol/pop3-rules.ts`; the statechart queues the client's
 * lines (RFC 2449 §6.6 PIPELINING), holds a failed login's answer for the failure delay, and
 * runs the TLS handshake.
 */
import { assign, setup } from 'xstate';
import type { Certificate, Endpoint, TlsOutcome } from '../kernel/connection';
import { decidePop3, newPop3Session, type Pop3Decision, type Pop3Hooks, type Pop3Policy, type Pop3Session } from '../protocol/pop3-rules';
import { pop3Reply } from '../protocol/pop3-replies';

/** POP3_AUTH_FAILURE_DELAY_MS: Dovecot's auth_failure_delay (2 s) before a failed login is answered. */
export const POP3_AUTH_FAILURE_DELAY_MS = 2000;

/** Pop3ServerInput: one accepted connection and its service's configuration. */
export interface Pop3ServerInput {
  endpoint: Endpoint;
  policy: Pop3Policy;
  cert: Certificate;
  hooks: Pop3Hooks;
  /** Idle time before login after which the server hangs up. */
  loginTimeoutMs: number;
  /** Idle time after login after which the server hangs up (Dovecot: 10 min). */
  sessionTimeoutMs: number;
}

interface Ctx extends Pop3ServerInput {
  session: Pop3Session;
  /** Lines received and not yet answered. */
  inbox: string[];
  /** The decision being carried out. */
  decision?: Pop3Decision;
}

type Ev = { type: 'line'; line: string } | { type: 'tls.done'; outcome: TlsOutcome } | { type: 'net.closed' };

const nextIs = (next: Pop3Decision['next']) => ({ type: 'nextIs' as const, params: { next } });

/** pop3ServerMachine: the POP3 server statechart. */
export const pop3ServerMachine = setup({
  types: {} as { context: Ctx; events: Ev; input: Pop3ServerInput },
  actions: {
    enqueue: assign(({ context, event }) => (event.type === 'line' ? { inbox: [...context.inbox, ...event.line.split('\r\n')] } : {})),
    decide: assign(({ context }) => {
      const [line, ...rest] = context.inbox;
      const decision = decidePop3(context.policy, context.session, line, context.hooks);
      return { inbox: rest, decision, session: { ...context.session, ...decision.patch } };
    }),
    flush: ({ context }) => {
      for (const line of context.decision?.out ?? []) context.endpoint.send(line, context.decision?.msg ? { msg: context.decision.msg } : undefined);
    },
    greet: ({ context }) => context.endpoint.send(pop3Reply('greeting')),
    timeout: ({ context }) => context.endpoint.send(pop3Reply('timeout')),
    awaitTls: ({ context, self }) => context.endpoint.conn.serverAwaitTls(context.cert, (outcome) => self.send({ type: 'tls.done', outcome })),
    // RFC 2595 §4: after STLS the server forgets what the client said before, including pipelined lines.
    tlsUp: assign({ session: () => newPop3Session(true), inbox: () => [] as string[], decision: () => undefined }),
    close: ({ context }) => context.endpoint.close(),
  },
  guards: {
    implicitTls: ({ context }) => context.policy.tls === 'implicit',
    hasInput: ({ context }) => context.inbox.length > 0,
    nextIs: ({ context }, params: { next: Pop3Decision['next'] }) => context.decision?.next === params.next,
    delayed: ({ context }) => context.decision?.delay === true,
    tlsOk: ({ event }) => event.type === 'tls.done' && event.outcome.ok,
  },
  delays: {
    loginIdle: ({ context }) => context.loginTimeoutMs,
    sessionIdle: ({ context }) => context.sessionTimeoutMs,
    authDelay: POP3_AUTH_FAILURE_DELAY_MS,
  },
}).createMachine({
  id: 'pop3-server',
  context: ({ input }) => ({ ...input, session: newPop3Session(input.policy.tls === 'implicit'), inbox: [] }),
  initial: 'connected',
  on: { line: { actions: 'enqueue' }, 'net.closed': '.closed' },
  states: {
    connected: { always: [{ guard: 'implicitTls', target: 'handshake' }, { target: 'authorization', actions: 'greet' }] },
    handshake: {
      entry: 'awaitTls',
      on: { 'tls.done': [{ guard: 'tlsOk', target: 'authorization', actions: ['tlsUp', 'greet'] }, { target: 'closed' }] },
      after: { loginIdle: 'closed' },
    },
    authorization: {
      initial: 'ready',
      states: {
        ready: {
          always: { guard: 'hasInput', target: 'deciding', actions: 'decide' },
          after: { loginIdle: { target: '#pop3-server.closed', actions: 'timeout' } },
        },
        deciding: {
          always: [
            { guard: 'delayed', target: 'failDelay' },
            { guard: nextIs('close'), target: '#pop3-server.closed', actions: 'flush' },
            { guard: nextIs('tls'), target: 'tls', actions: 'flush' },
            { guard: nextIs('login'), target: '#pop3-server.transaction', actions: 'flush' },
            { target: 'ready', actions: 'flush' },
          ],
        },
        // Dovecot answers a failed login only after auth_failure_delay; later lines wait.
        failDelay: { after: { authDelay: { target: 'ready', actions: 'flush' } } },
        tls: {
          entry: 'awaitTls',
          on: { 'tls.done': [{ guard: 'tlsOk', target: 'ready', actions: 'tlsUp' }, { target: '#pop3-server.closed' }] },
          after: { loginIdle: '#pop3-server.closed' },
        },
      },
    },
    transaction: {
      initial: 'ready',
      states: {
        ready: {
          always: { guard: 'hasInput', target: 'deciding', actions: 'decide' },
          after: { sessionIdle: { target: '#pop3-server.closed', actions: 'timeout' } },
        },
        deciding: {
          always: [
            // RFC 1939 §6: QUIT in TRANSACTION enters UPDATE, which removes the deleted messages.
            { guard: ({ context }) => context.session.phase === 'update', target: '#pop3-server.update' },
            { guard: nextIs('close'), target: '#pop3-server.closed', actions: 'flush' },
            { target: 'ready', actions: 'flush' },
          ],
        },
      },
    },
    update: { entry: 'flush', always: 'closed' },
    closed: { type: 'final', entry: 'close' },
  },
});
