/**
 * mtaQueueMachine: one queue entry of an MTA — one message for the recipients of one domain —
 * from arrival to its end (RFC 5321 §4.5.4 retry strategy, §5 address resolution).
 *
 * It finds where to send (smart host, or MX records by preference, falling back to the A record
 * when there is no MX, refusing a null MX), tries each host in order, and then, per recipient
 * (`judgeSession`, as Postfix's SMTP client judges it):
 * - 2xx after the data: sent; 5xx: bounce that recipient;
 * - any temporary failure (4xx at any stage, refused or timed-out connection, broken session):
 *   try the next host, and after the last one defer and retry as Postfix's queue manager does:
 *   the wait is the time the message has spent in the queue, at least `minBackoff` and at most
 *   `maxBackoff`, and the retry happens at the next deferred-queue scan (every `runInterval`);
 * - a failed pass once the message is `lifetime` old bounces what is left (status 4.4.7).
 * Optionally, the sender gets one delay warning once the message is `delayWarning` old.
 * The world supplies the side effects (DNS, connections, the SMTP client, DSNs) as callbacks.
 */
import { assign, fromCallback, setup } from 'xstate';
import type { Reply } from '../protocol/smtp-reply';
import { connectFailure, judgeSession, type Failure } from '../protocol/delivery-outcome';
import type { SmtpClientResult } from './smtp-client';

/** QueueSettings: retry policy of one MTA (RFC 5321 §4.5.4.1: must be configurable). */
export interface QueueSettings {
  runInterval: number;
  minBackoff: number;
  maxBackoff: number;
  lifetime: number;
  /** Send a delay warning (DSN action=delayed) after this long; 0 = never. */
  delayWarning: number;
  /** An explicit schedule instead of backoff: the wait before each retry; the last one repeats. */
  retry?: number[];
}

/** POSTFIX_QUEUE_DEFAULTS: queue_run_delay, minimal/maximal_backoff_time, maximal_queue_lifetime, delay_warning_time. */
export const POSTFIX_QUEUE_DEFAULTS: QueueSettings = {
  runInterval: 300_000,
  minBackoff: 300_000,
  maxBackoff: 4_000_000,
  lifetime: 5 * 86_400_000,
  delayWarning: 0,
};

/** Target: one host to try, with how it was found. */
export interface Target {
  host: string;
  ip: string;
  /** `MX 10 mx1.example.org`, `A fallback`, `smart host`. */
  via: string;
}

/**
 * Resolution: where a domain's mail goes, or why it cannot go anywhere (now or ever). `reason`
 * and `reply` repeat the failure for callers that only show a line (a direct send).
 */
export type Resolution =
  | { kind: 'targets'; targets: Target[] }
  | { kind: 'permanent'; failure: Failure; reason: string; reply: Reply }
  | { kind: 'temporary'; failure: Failure; reason: string };

/** Attempt: the outcome of talking to one target. */
export type Attempt =
  | { kind: 'session'; target: Target; port: number; result: SmtpClientResult }
  | { kind: 'connect-failed'; target: Target; port: number; reason: 'refused' | 'timeout' };

/** QueueServices: the world's side effects the entry needs. */
export interface QueueServices {
  now(): number;
  resolve(domain: string, done: (r: Resolution) => void): void;
  attempt(target: Target, rcpts: string[], done: (a: Attempt) => void): void;
  /** A recipient's final outcome: sent onward, or bounced with the failure that decided it. */
  settle(rcpt: string, outcome: { kind: 'sent'; target: Target; reply: Reply } | { kind: 'bounce'; failure: Failure; expired?: boolean }): void;
  /** The delay warning (RFC 3464 action=delayed) for recipients still waiting. */
  warn(rcpts: { rcpt: string; failure: Failure }[]): void;
  /** Bookkeeping for the trace and the inspector. */
  note(event: { type: 'queue.attempt' | 'queue.defer' | 'queue.expire'; target?: string; code?: number; enhanced?: string; reason?: string; attempt?: number; nextRetry?: number; rcpts: string[] }): void;
}

/** QueueEntryInput: a new entry. */
export interface QueueEntryInput {
  domain: string;
  rcpts: string[];
  arrived: number;
  settings: QueueSettings;
  services: QueueServices;
}

interface Ctx extends QueueEntryInput {
  pending: string[];
  targets: Target[];
  index: number;
  /** Delivery passes made so far (a pass tries the targets in order). */
  attempts: number;
  /** The last temporary failure of each waiting recipient. */
  failures: Record<string, Failure>;
  lastError?: Failure;
  nextRetry?: number;
  warned: boolean;
}

type Ev =
  | { type: 'resolved'; resolution: Resolution }
  | { type: 'attempted'; attempt: Attempt }
  | { type: 'queue.retry-now' };

/**
 * nextRetryTime: when a message deferred now is tried again. Postfix (qmgr_active.c) moves the
 * queue file's time stamp into the future by the message's age, clamped to [minBackoff,
 * maxBackoff] — in effect the wait doubles — and the deferred queue is scanned every
 * `runInterval`, so the retry happens at the first scan at or after that time. An explicit
 * `retry` schedule replaces this (the wait before retry n; the last one repeats).
 */
export function nextRetryTime(now: number, arrived: number, attempts: number, s: QueueSettings): number {
  if (s.retry && s.retry.length) return now + s.retry[Math.min(attempts - 1, s.retry.length - 1)];
  const backoff = Math.min(Math.max(now - arrived, s.minBackoff), s.maxBackoff);
  return Math.ceil((now + backoff) / s.runInterval) * s.runInterval;
}

const keep = (failures: Record<string, Failure>, kept: { rcpt: string; failure: Failure }[]) => {
  const next = { ...failures };
  for (const k of kept) next[k.rcpt] = k.failure;
  return next;
};

/** byFailure groups waiting recipients by the failure that holds them, one `queue.defer` per group. */
function byFailure(rcpts: readonly string[], failures: Record<string, Failure>, fallback?: Failure): { failure?: Failure; rcpts: string[] }[] {
  const groups = new Map<string, { failure?: Failure; rcpts: string[] }>();
  for (const rcpt of rcpts) {
    const failure = failures[rcpt] ?? fallback;
    const key = failure?.text ?? '';
    const g = groups.get(key) ?? { failure, rcpts: [] };
    g.rcpts.push(rcpt);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** noteDefer records why recipients wait, until `nextRetry` (now: at the next host of this pass). */
function noteDefer(c: Ctx, rcpts: readonly string[], failures: Record<string, Failure>, attempt: number, nextRetry: number): void {
  for (const g of byFailure(rcpts, failures, c.lastError)) {
    const e = g.failure;
    c.services.note({ type: 'queue.defer', target: e?.remote, code: e?.reply?.code, enhanced: e?.status, reason: e?.text ?? 'deferred', attempt, nextRetry, rcpts: g.rcpts });
  }
}

/** mtaQueueMachine: the queue entry statechart. */
export const mtaQueueMachine = setup({
  types: {} as { context: Ctx; events: Ev; input: QueueEntryInput },
  actors: {
    resolve: fromCallback<Ev, { services: QueueServices; domain: string }>(({ sendBack, input }) => {
      input.services.resolve(input.domain, (resolution) => sendBack({ type: 'resolved', resolution }));
    }),
    attempt: fromCallback<Ev, { services: QueueServices; target: Target; rcpts: string[] }>(({ sendBack, input }) => {
      input.services.attempt(input.target, input.rcpts, (attempt) => sendBack({ type: 'attempted', attempt }));
    }),
  },
  actions: {
    bounceAll: assign(({ context, event }) => {
      if (event.type !== 'resolved' || event.resolution.kind !== 'permanent') return {};
      for (const rcpt of context.pending) context.services.settle(rcpt, { kind: 'bounce', failure: event.resolution.failure });
      return { pending: [] };
    }),
    setTargets: assign(({ event }) => (event.type === 'resolved' && event.resolution.kind === 'targets' ? { targets: event.resolution.targets, index: 0 } : {})),
    noteTemporary: assign(({ context, event }) => {
      if (event.type !== 'resolved' || event.resolution.kind !== 'temporary') return {};
      const failure = event.resolution.failure;
      return { lastError: failure, failures: keep(context.failures, context.pending.map((rcpt) => ({ rcpt, failure }))) };
    }),
    noteAttempt: ({ context }) => context.services.note({ type: 'queue.attempt', target: context.targets[context.index]?.host, attempt: context.attempts + 1, rcpts: context.pending }),
    applyAttempt: assign(({ context, event }) => {
      if (event.type !== 'attempted') return {};
      const a = event.attempt;
      const server = `${a.target.host}[${a.target.ip}]`;
      const nextHost = context.index + 1 < context.targets.length;
      if (a.kind === 'connect-failed') {
        const failure = connectFailure(server, a.port, a.reason);
        const failures = keep(context.failures, context.pending.map((rcpt) => ({ rcpt, failure })));
        if (nextHost) noteDefer(context, context.pending, failures, context.attempts + 1, context.services.now());
        return { index: context.index + 1, lastError: failure, failures };
      }
      // Per recipient (RFC 5321 §3.3): one refusal does not hold up the others.
      const j = judgeSession(server, context.pending, a.result);
      for (const s of j.sent) context.services.settle(s.rcpt, { kind: 'sent', target: a.target, reply: s.reply });
      for (const b of j.bounced) context.services.settle(b.rcpt, { kind: 'bounce', failure: b.failure });
      const pending = j.kept.map((k) => k.rcpt);
      const failures = keep(context.failures, j.kept);
      // Temporary trouble qualifies the rest for the next MX host (Postfix smtp_rcpt_fail).
      if (pending.length && nextHost) noteDefer(context, pending, failures, context.attempts + 1, context.services.now());
      return { pending, index: context.index + 1, lastError: j.kept[0]?.failure ?? context.lastError, failures };
    }),
    scheduleRetry: assign(({ context }) => {
      const attempts = context.attempts + 1;
      const now = context.services.now();
      let warned = context.warned;
      const s = context.settings;
      // Postfix delay_warning_time: one warning, at the first deferral after that age.
      if (!warned && s.delayWarning > 0 && now - context.arrived >= s.delayWarning) {
        warned = true;
        context.services.warn(context.pending.map((rcpt) => ({ rcpt, failure: context.failures[rcpt] ?? context.lastError ?? { status: '4.0.0', text: 'delivery temporarily suspended' } })));
      }
      const nextRetry = nextRetryTime(now, context.arrived, attempts, s);
      noteDefer(context, context.pending, context.failures, attempts, nextRetry);
      return { attempts, nextRetry, warned };
    }),
    expire: assign(({ context }) => {
      const days = Math.round(context.settings.lifetime / 86_400_000);
      const text = context.lastError?.text ?? 'delivery temporarily suspended';
      context.services.note({ type: 'queue.expire', reason: `message expired after ${days} days in the queue; last error: ${text}`, rcpts: context.pending, target: context.lastError?.remote, attempt: context.attempts + 1 });
      for (const rcpt of context.pending) {
        const last = context.failures[rcpt] ?? context.lastError;
        // RFC 3463 §3.5: X.4.7 "delivery time expired"; the last error stays in the report.
        const failure: Failure = { ...last, status: '4.4.7', text: `message expired after ${days} days in the queue; last error: ${last?.text ?? text}` };
        context.services.settle(rcpt, { kind: 'bounce', failure, expired: true });
      }
      return { pending: [] };
    }),
  },
  guards: {
    permanent: ({ event }) => event.type === 'resolved' && event.resolution.kind === 'permanent',
    temporary: ({ event }) => event.type === 'resolved' && event.resolution.kind === 'temporary',
    allSettled: ({ context }) => context.pending.length === 0,
    moreTargets: ({ context }) => context.index < context.targets.length,
    // Postfix maximal_queue_lifetime: checked after a failed pass.
    expired: ({ context }) => context.services.now() - context.arrived >= context.settings.lifetime,
  },
  delays: { retry: ({ context }) => Math.max(0, (context.nextRetry ?? 0) - context.services.now()) },
}).createMachine({
  id: 'mta-queue',
  context: ({ input }) => ({ ...input, pending: [...input.rcpts], targets: [], index: 0, attempts: 0, failures: {}, warned: false }),
  initial: 'resolving',
  states: {
    resolving: {
      invoke: { src: 'resolve', input: ({ context }) => ({ services: context.services, domain: context.domain }) },
      on: {
        resolved: [
          { guard: 'permanent', target: 'done', actions: 'bounceAll' },
          { guard: 'temporary', target: 'failedPass', actions: 'noteTemporary' },
          { target: 'trying', actions: 'setTargets' },
        ],
      },
    },
    trying: {
      always: [{ guard: 'allSettled', target: 'done' }, { guard: 'moreTargets', target: 'sending' }, { target: 'failedPass' }],
    },
    sending: {
      entry: 'noteAttempt',
      invoke: { src: 'attempt', input: ({ context }) => ({ services: context.services, target: context.targets[context.index], rcpts: context.pending }) },
      on: { attempted: { target: 'trying', actions: 'applyAttempt' } },
    },
    failedPass: {
      always: [{ guard: 'expired', target: 'done', actions: 'expire' }, { target: 'deferred' }],
    },
    deferred: {
      entry: 'scheduleRetry',
      after: { retry: 'resolving' },
      on: { 'queue.retry-now': 'resolving' },
    },
    done: { type: 'final' },
  },
});
