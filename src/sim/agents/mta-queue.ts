/**
 * mtaQueueMachine: one queue entry of an MTA — one message for the recipients of one domain —
 * from arrival to its end (RFC 5321 §4.5.4 retry strategy, §5 address resolution).
 *
 * It finds where to send (smart host, or MX records by preference, falling back to the A record
 * when there is no MX, refusing a null MX), tries each host in order, and then:
 * - 2xx for a recipient: sent; 5xx: bounce that recipient;
 * - 4xx, refused or timed-out connections: try the next host, else defer and retry with
 *   backoff (Postfix: 300 s doubling to 4000 s, aligned to queue runs) until the lifetime ends.
 * The world supplies the side effects (DNS, connections, the SMTP client) as callbacks.
 */
import { assign, fromCallback, setup } from 'xstate';
import type { Reply } from '../protocol/smtp-reply';
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

/** POSTFIX_QUEUE_DEFAULTS: queue_run_delay, minimal/maximal_backoff_time, maximal_queue_lifetime. */
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

/** Resolution: where a domain's mail goes, or why it cannot go anywhere (now or ever). */
export type Resolution =
  | { kind: 'targets'; targets: Target[] }
  | { kind: 'permanent'; reply: Reply; reason: string }
  | { kind: 'temporary'; reason: string };

/** Attempt: the outcome of talking to one target. */
export type Attempt =
  | { kind: 'session'; target: Target; result: SmtpClientResult }
  | { kind: 'connect-failed'; target: Target; reason: string };

/** QueueServices: the world's side effects the entry needs. */
export interface QueueServices {
  now(): number;
  resolve(domain: string, done: (r: Resolution) => void): void;
  attempt(target: Target, rcpts: string[], done: (a: Attempt) => void): void;
  /** A recipient's final outcome: sent onward, or bounced with the reply that decided it. */
  settle(rcpt: string, outcome: { kind: 'sent'; target: Target; reply: Reply } | { kind: 'bounce'; reply: Reply; target?: string; reason: string }): void;
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
  attempts: number;
  lastError?: { text: string; code?: number; enhanced?: string; target?: string };
  nextRetry?: number;
}

type Ev =
  | { type: 'resolved'; resolution: Resolution }
  | { type: 'attempted'; attempt: Attempt }
  | { type: 'queue.retry-now' };

/** nextRetryTime: Postfix-style backoff after `attempts` failures, aligned to queue runs. */
export function nextRetryTime(now: number, attempts: number, s: QueueSettings): number {
  if (s.retry && s.retry.length) return now + s.retry[Math.min(attempts - 1, s.retry.length - 1)];
  const backoff = Math.min(s.minBackoff * 2 ** Math.max(0, attempts - 1), s.maxBackoff);
  const due = now + backoff;
  return Math.ceil(due / s.runInterval) * s.runInterval;
}

const is4xx = (r?: Reply) => !!r && r.code >= 400 && r.code < 500;
const is5xx = (r?: Reply) => !!r && r.code >= 500;
const replyText = (r: Reply) => `${r.code}${r.enhanced ? ' ' + r.enhanced : ''} ${r.lines.join(' ')}`;

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
      for (const rcpt of context.pending) context.services.settle(rcpt, { kind: 'bounce', reply: event.resolution.reply, reason: event.resolution.reason });
      return { pending: [] };
    }),
    setTargets: assign(({ event }) => (event.type === 'resolved' && event.resolution.kind === 'targets' ? { targets: event.resolution.targets, index: 0 } : {})),
    noteTemporary: assign(({ event }) => (event.type === 'resolved' && event.resolution.kind === 'temporary' ? { lastError: { text: event.resolution.reason } } : {})),
    noteAttempt: ({ context }) => context.services.note({ type: 'queue.attempt', target: context.targets[context.index]?.host, attempt: context.attempts + 1, rcpts: context.pending }),
    applyAttempt: assign(({ context, event }) => {
      if (event.type !== 'attempted') return {};
      const a = event.attempt;
      if (a.kind === 'connect-failed') return { index: context.index + 1, lastError: { text: `connect to ${a.target.host}: ${a.reason}`, target: a.target.host } };
      const res = a.result;
      // The whole session failed before recipients (greeting, EHLO, TLS, MAIL): 5xx bounces all, else next host.
      if (res.rcpts.length === 0 || (res.kind === 'failed' && res.stage !== 'rcpt' && res.stage !== 'body' && res.stage !== 'data')) {
        if (is5xx(res.reply) && res.stage !== 'greeting') {
          for (const rcpt of context.pending) context.services.settle(rcpt, { kind: 'bounce', reply: res.reply!, target: a.target.host, reason: `${a.target.host} said: ${replyText(res.reply!)}` });
          return { pending: [] };
        }
        const text = res.reply ? replyText(res.reply) : res.network === 'tls-failed' ? `TLS failed: ${res.tlsReason}` : `${res.network ?? 'lost connection'} at ${res.stage}`;
        return { index: context.index + 1, lastError: { text, code: res.reply?.code, enhanced: res.reply?.enhanced, target: a.target.host } };
      }
      // Per recipient (RFC 5321 §3.3): one refusal does not hold up the others.
      let pending = [...context.pending];
      let lastError = context.lastError;
      for (const rr of res.rcpts) {
        if (is5xx(rr.reply)) {
          context.services.settle(rr.rcpt, { kind: 'bounce', reply: rr.reply, target: a.target.host, reason: `${a.target.host} said: ${replyText(rr.reply)}` });
          pending = pending.filter((p) => p !== rr.rcpt);
        } else if (is4xx(rr.reply)) {
          lastError = { text: replyText(rr.reply), code: rr.reply.code, enhanced: rr.reply.enhanced, target: a.target.host };
        }
      }
      const accepted = res.rcpts.filter((rr) => rr.reply.code < 300).map((rr) => rr.rcpt);
      if (res.kind === 'sent' && res.reply) {
        for (const rcpt of accepted) {
          context.services.settle(rcpt, { kind: 'sent', target: a.target, reply: res.reply });
          pending = pending.filter((p) => p !== rcpt);
        }
      } else if (is5xx(res.reply) && accepted.length) {
        for (const rcpt of accepted) {
          context.services.settle(rcpt, { kind: 'bounce', reply: res.reply!, target: a.target.host, reason: `${a.target.host} said: ${replyText(res.reply!)}` });
          pending = pending.filter((p) => p !== rcpt);
        }
      } else if (res.reply) {
        lastError = { text: replyText(res.reply), code: res.reply.code, enhanced: res.reply.enhanced, target: a.target.host };
      } else {
        lastError = { text: `${res.network ?? 'lost connection'} after ${res.stage}${res.dataSentNoReply ? ' (message content sent, reply lost: may be delivered twice)' : ''}`, target: a.target.host };
      }
      // 4xx answers from this host: Postfix tries the next MX only for connection-level trouble.
      const stayDeferred = pending.length > 0 && lastError;
      return { pending, lastError, index: stayDeferred && !res.reply ? context.index + 1 : context.targets.length };
    }),
    scheduleRetry: assign(({ context }) => {
      const attempts = context.attempts + 1;
      const nextRetry = nextRetryTime(context.services.now(), attempts, context.settings);
      context.services.note({ type: 'queue.defer', target: context.lastError?.target, code: context.lastError?.code, enhanced: context.lastError?.enhanced, reason: context.lastError?.text ?? 'deferred', attempt: attempts, nextRetry, rcpts: context.pending });
      return { attempts, nextRetry };
    }),
    expire: assign(({ context }) => {
      const text = context.lastError?.text ?? 'delivery temporarily suspended';
      context.services.note({ type: 'queue.expire', reason: text, rcpts: context.pending, target: context.lastError?.target });
      for (const rcpt of context.pending) {
        context.services.settle(rcpt, {
          kind: 'bounce',
          reply: { code: context.lastError?.code ?? 450, enhanced: '4.4.7', lines: [`Message expired after ${Math.round(context.settings.lifetime / 86_400_000)} days in the queue: ${text}`] },
          target: context.lastError?.target,
          reason: `queue lifetime exceeded; last error: ${text}`,
        });
      }
      return { pending: [] };
    }),
  },
  guards: {
    permanent: ({ event }) => event.type === 'resolved' && event.resolution.kind === 'permanent',
    temporary: ({ event }) => event.type === 'resolved' && event.resolution.kind === 'temporary',
    allSettled: ({ context }) => context.pending.length === 0,
    moreTargets: ({ context }) => context.index < context.targets.length,
    expired: ({ context }) => (context.nextRetry ?? 0) - context.arrived >= context.settings.lifetime,
  },
  delays: { retry: ({ context }) => Math.max(0, (context.nextRetry ?? 0) - context.services.now()) },
}).createMachine({
  id: 'mta-queue',
  context: ({ input }) => ({ ...input, pending: [...input.rcpts], targets: [], index: 0, attempts: 0 }),
  initial: 'resolving',
  states: {
    resolving: {
      invoke: { src: 'resolve', input: ({ context }) => ({ services: context.services, domain: context.domain }) },
      on: {
        resolved: [
          { guard: 'permanent', target: 'done', actions: 'bounceAll' },
          { guard: 'temporary', target: 'deferred', actions: 'noteTemporary' },
          { target: 'trying', actions: 'setTargets' },
        ],
      },
    },
    trying: {
      always: [{ guard: 'allSettled', target: 'done' }, { guard: 'moreTargets', target: 'sending' }, { target: 'deferred' }],
    },
    sending: {
      entry: 'noteAttempt',
      invoke: { src: 'attempt', input: ({ context }) => ({ services: context.services, target: context.targets[context.index], rcpts: context.pending }) },
      on: { attempted: { target: 'trying', actions: 'applyAttempt' } },
    },
    deferred: {
      entry: 'scheduleRetry',
      always: [{ guard: 'expired', target: 'done', actions: 'expire' }],
      after: { retry: 'resolving' },
      on: { 'queue.retry-now': 'resolving' },
    },
    done: { type: 'final' },
  },
});
