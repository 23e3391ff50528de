/**
 * imapServerMachine: one IMAP server session (RFC 9051 §3), Dovecot-like, on 143 (STARTTLS) or
 * 993 (implicit TLS). Its states are the protocol's: not authenticated, authenticated, selected,
 * idle (RFC 2177) and logout. Pure decisions live in `protocol/imap-rules*.ts`; the statechart
 * queues the client's lines (commands may be pipelined), holds a failed login's answer for the
 * failure delay, runs the TLS handshake, and while idling looks at the mailbox every 30 s.
 */
import { assign, setup } from 'xstate';
import type { Certificate, Endpoint, TlsOutcome } from '../kernel/connection';
import { decideImap, idleCheck, imapGreeting, imapTimeout, newImapSession, type ImapDecision, type ImapHooks, type ImapPolicy, type ImapSession } from '../protocol/imap-rules';

/** IMAP_AUTH_FAILURE_DELAY_MS: Dovecot's auth_failure_delay before a failed login is answered. */
export const IMAP_AUTH_FAILURE_DELAY_MS = 2000;
/** IMAP_IDLE_CHECK_MS: Dovecot's mailbox_idle_check_interval: how often an idling session looks for news. */
export const IMAP_IDLE_CHECK_MS = 30_000;

/** ImapServerInput: one accepted connection and its service's configuration. */
export interface ImapServerInput {
  endpoint: Endpoint;
  policy: ImapPolicy;
  cert: Certificate;
  hooks: ImapHooks;
  /** Idle time before login after which the server hangs up. */
  loginTimeoutMs: number;
  /** Idle time after login (Dovecot's autologout, 30 min). */
  sessionTimeoutMs: number;
}

interface Ctx extends ImapServerInput {
  session: ImapSession;
  inbox: string[];
  decision?: ImapDecision;
}

type Ev = { type: 'line'; line: string } | { type: 'tls.done'; outcome: TlsOutcome } | { type: 'net.closed' };

const stateIs = (state: ImapSession['state']) => ({ type: 'stateIs' as const, params: { state } });
const nextIs = (next: ImapDecision['next']) => ({ type: 'nextIs' as const, params: { next } });
const decideNext = { guard: 'hasInput', target: '#imap-server.route', actions: 'decide' } as const;
const hangUp = { target: '#imap-server.closed', actions: 'timeout' } as const;

/** imapServerMachine: the IMAP server statechart. */
export const imapServerMachine = setup({
  types: {} as { context: Ctx; events: Ev; input: ImapServerInput },
  actions: {
    enqueue: assign(({ context, event }) => (event.type === 'line' ? { inbox: [...context.inbox, ...event.line.split('\r\n')] } : {})),
    decide: assign(({ context }) => {
      const [line, ...rest] = context.inbox;
      const decision = decideImap(context.policy, context.session, line, context.hooks);
      return { inbox: rest, decision, session: { ...context.session, ...decision.patch } };
    }),
    check: assign(({ context }) => {
      const decision = idleCheck(context.session, context.hooks);
      return { decision, session: { ...context.session, ...decision.patch } };
    }),
    flush: ({ context }) => {
      for (const line of context.decision?.out ?? []) context.endpoint.send(line, context.decision?.msg ? { msg: context.decision.msg } : undefined);
    },
    greet: ({ context }) => context.endpoint.send(imapGreeting(context.policy, context.session)),
    timeout: ({ context }) => context.endpoint.send(imapTimeout()),
    awaitTls: ({ context, self }) => context.endpoint.conn.serverAwaitTls(context.cert, (outcome) => self.send({ type: 'tls.done', outcome })),
    // RFC 9051 §6.2.1: after STARTTLS the server discards what it had queued from before.
    tlsUp: assign({ session: () => newImapSession(true), inbox: () => [] as string[], decision: () => undefined }),
    close: ({ context }) => context.endpoint.close(),
  },
  guards: {
    implicitTls: ({ context }) => context.policy.tls === 'implicit',
    hasInput: ({ context }) => context.inbox.length > 0,
    delayed: ({ context }) => context.decision?.delay === true,
    nextIs: ({ context }, params: { next: ImapDecision['next'] }) => context.decision?.next === params.next,
    stateIs: ({ context }, params: { state: ImapSession['state'] }) => context.session.state === params.state,
    tlsOk: ({ event }) => event.type === 'tls.done' && event.outcome.ok,
  },
  delays: {
    loginIdle: ({ context }) => context.loginTimeoutMs,
    sessionIdle: ({ context }) => context.sessionTimeoutMs,
    authDelay: IMAP_AUTH_FAILURE_DELAY_MS,
    idleCheck: IMAP_IDLE_CHECK_MS,
  },
}).createMachine({
  id: 'imap-server',
  context: ({ input }) => ({ ...input, session: newImapSession(input.policy.tls === 'implicit'), inbox: [] }),
  initial: 'connected',
  on: { line: { actions: 'enqueue' }, 'net.closed': '.closed' },
  states: {
    connected: { always: [{ guard: 'implicitTls', target: 'handshake' }, { target: 'notAuthenticated', actions: 'greet' }] },
    handshake: {
      entry: 'awaitTls',
      on: { 'tls.done': [{ guard: 'tlsOk', target: 'notAuthenticated', actions: ['tlsUp', 'greet'] }, { target: 'closed' }] },
      after: { loginIdle: 'closed' },
    },
    notAuthenticated: { always: decideNext, after: { loginIdle: hangUp } },
    authenticated: { always: decideNext, after: { sessionIdle: hangUp } },
    selected: { always: decideNext, after: { sessionIdle: hangUp } },
    idle: {
      always: { guard: 'hasInput', target: 'route', actions: 'decide' },
      after: { idleCheck: { target: 'idle', reenter: true, actions: ['check', 'flush'] } },
    },
    route: {
      always: [
        { guard: 'delayed', target: 'failDelay' },
        { guard: stateIs('logout'), target: 'logout' },
        { guard: nextIs('close'), target: 'closed', actions: 'flush' },
        { guard: nextIs('tls'), target: 'starttls', actions: 'flush' },
        { guard: nextIs('idle'), target: 'idle', actions: 'flush' },
        { guard: stateIs('not-authenticated'), target: 'notAuthenticated', actions: 'flush' },
        { guard: stateIs('selected'), target: 'selected', actions: 'flush' },
        { target: 'authenticated', actions: 'flush' },
      ],
    },
    // Dovecot answers a failed login only after auth_failure_delay; later lines wait.
    failDelay: { after: { authDelay: { target: 'notAuthenticated', actions: 'flush' } } },
    starttls: {
      entry: 'awaitTls',
      on: { 'tls.done': [{ guard: 'tlsOk', target: 'notAuthenticated', actions: 'tlsUp' }, { target: 'closed' }] },
      after: { loginIdle: 'closed' },
    },
    logout: { entry: 'flush', always: 'closed' },
    closed: { type: 'final', entry: 'close' },
  },
});
