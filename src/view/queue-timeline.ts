/**
 * The queue timeline: what each MTA did with each message it queued — its delivery attempts,
 * the host tried, the reply, the next retry — read from the trace up to the current point of
 * playback, and a compressed time axis that keeps milliseconds between hops and hours between
 * retries both visible on one line.
 */
import { scaleLinear } from 'd3-scale';
import type { TraceEvent } from '../sim/kernel/trace';

/** QueueAttempt: one try to hand a message on, and how it ended. */
export interface QueueAttempt {
  /** Index of the `queue.attempt` event in the trace. */
  index: number;
  at: number;
  /** When the attempt ended (its defer, sent or bounce event); absent while it runs. */
  end?: number;
  /** The host tried (absent when DNS failed before any host was known). */
  target?: string;
  /** The attempt number as the MTA counts it (a second MX tried at once shares the number). */
  attempt: number;
  outcome: 'running' | 'deferred' | 'sent' | 'bounced';
  code?: number;
  enhanced?: string;
  /** The reply or the reason, as the MTA logged it. */
  text?: string;
  /** After a deferral: when the MTA tries again (the same time as `end` means "the next host now"). */
  nextRetry?: number;
}

/** QueueStory: one message for one recipient domain in one MTA's queue. */
export interface QueueStory {
  key: string;
  host: string;
  msg: string;
  domain: string;
  rcpts: string[];
  queueId?: string;
  arrived: number;
  attempts: QueueAttempt[];
  state: 'queued' | 'sent' | 'bounced' | 'expired' | 'stored';
  /** When it left the queue. */
  left?: number;
  /** While queued: the time of the next try. */
  nextRetry?: number;
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();
const storyKey = (host: string, msg: string, domain: string) => `${host}\u0000${msg}\u0000${domain}`;

/**
 * queueStories reads the first `shown` events of the trace into one story per MTA, message and
 * recipient domain, in the order the messages arrived. Local deliveries (an MX handing a message
 * to its mail store) end when the message is stored or rejected.
 */
export function queueStories(trace: readonly TraceEvent[], shown = trace.length): QueueStory[] {
  const stories = new Map<string, QueueStory>();
  const end = Math.min(shown, trace.length);
  const byMsgHost = (host: string, msg: string) => [...stories.values()].filter((s) => s.host === host && s.msg === msg && s.state === 'queued');
  const find = (host: string, msg: string, domain: string | undefined, rcpts: string[]): QueueStory | undefined => {
    const d = domain ?? (rcpts[0] ? domainOf(rcpts[0]) : '');
    return stories.get(storyKey(host, msg, d.toLowerCase()));
  };
  for (let index = 0; index < end; index++) {
    const e = trace[index];
    switch (e.type) {
      case 'queue.enqueue': {
        const domains = new Map<string, string[]>();
        for (const r of e.rcpts) domains.set(domainOf(r), [...(domains.get(domainOf(r)) ?? []), r]);
        for (const [domain, rcpts] of domains) {
          stories.set(storyKey(e.host, e.msg, domain), { key: storyKey(e.host, e.msg, domain), host: e.host, msg: e.msg, domain, rcpts, queueId: e.target, arrived: e.t, attempts: [], state: 'queued' });
        }
        break;
      }
      case 'queue.attempt': {
        const s = find(e.host, e.msg, e.domain, e.rcpts);
        if (!s) break;
        s.attempts.push({ index, at: e.t, target: e.target, attempt: e.attempt ?? s.attempts.length + 1, outcome: 'running' });
        s.nextRetry = undefined;
        break;
      }
      case 'queue.defer':
      case 'queue.sent':
      case 'queue.bounce':
      case 'queue.expire': {
        const s = find(e.host, e.msg, e.domain, e.rcpts);
        if (!s) break;
        const outcome = e.type === 'queue.defer' ? 'deferred' : e.type === 'queue.sent' ? 'sent' : 'bounced';
        const running = [...s.attempts].reverse().find((a) => a.outcome === 'running');
        const attempt: QueueAttempt = running ?? { index, at: e.t, target: e.target, attempt: e.attempt ?? s.attempts.length, outcome };
        if (!running && e.type !== 'queue.expire') s.attempts.push(attempt);
        if (e.type !== 'queue.expire' || running) {
          attempt.outcome = outcome;
          attempt.end = e.t;
          attempt.code = e.code;
          attempt.enhanced = e.enhanced;
          attempt.text = e.reason;
          if (e.target && !attempt.target) attempt.target = e.target;
          if (e.type === 'queue.defer') attempt.nextRetry = e.nextRetry;
        }
        if (e.type === 'queue.defer') s.nextRetry = e.nextRetry;
        else {
          s.state = e.type === 'queue.sent' ? 'sent' : e.type === 'queue.bounce' ? 'bounced' : 'expired';
          s.left = e.t;
          s.nextRetry = undefined;
        }
        break;
      }
      case 'mail.store':
      case 'mail.reject': {
        // An MX or a mail server delivering locally: the message leaves its queue into a mailbox.
        for (const host of [e.via, e.host]) {
          if (!host) continue;
          for (const s of byMsgHost(host, e.msg)) {
            if (s.attempts.length) continue;
            s.state = e.type === 'mail.store' ? 'stored' : 'bounced';
            s.left = e.t;
          }
        }
        break;
      }
    }
  }
  return [...stories.values()];
}

/** isFailedAttempt tells whether an attempt ended in a failure worth explaining. */
export function isFailedAttempt(a: QueueAttempt): boolean {
  return a.outcome === 'deferred' || a.outcome === 'bounced';
}

/** retriesAtOnce tells whether a deferral moved straight on to the next host (no wait). */
export function retriesAtOnce(a: QueueAttempt): boolean {
  return a.outcome === 'deferred' && a.nextRetry !== undefined && a.end !== undefined && a.nextRetry <= a.end;
}

/** CompressedAxis: a time scale that shrinks long quiet gaps, and the moments it is anchored at. */
export interface CompressedAxis {
  /** Maps virtual time (ms) to a position in the range. */
  x: (t: number) => number;
  /** The distinct times the axis is anchored at, ascending. */
  stops: number[];
  /** Gaps drawn shortened, so a reader knows the axis is not linear there. */
  breaks: { from: number; to: number }[];
}

/**
 * compressedAxis builds a piecewise-linear scale (d3 `scaleLinear` with many stops) over the given
 * times: each gap between neighbouring times gets a width that grows with the logarithm of its
 * length, so a 30 ms hop and a 20 min retry wait are both readable. Gaps longer than
 * `breakAfter` are reported as breaks.
 */
export function compressedAxis(times: readonly number[], range: readonly [number, number], breakAfter = 60_000): CompressedAxis {
  const stops = [...new Set(times.filter((t) => Number.isFinite(t)))].sort((a, b) => a - b);
  if (stops.length === 0) stops.push(0);
  if (stops.length === 1) stops.push(stops[0] + 1000);
  const weights = stops.slice(1).map((t, i) => 1 + Math.log10(1 + (t - stops[i]) / 10));
  const total = weights.reduce((a, b) => a + b, 0);
  const [r0, r1] = range;
  const positions = [r0];
  let acc = 0;
  for (const w of weights) {
    acc += w;
    positions.push(r0 + ((r1 - r0) * acc) / total);
  }
  const scale = scaleLinear<number, number>().domain(stops).range(positions).clamp(true);
  const breaks = stops.slice(1).flatMap((t, i) => (t - stops[i] > breakAfter ? [{ from: stops[i], to: t }] : []));
  return { x: (t) => scale(t), stops, breaks };
}

/** axisTimes collects the moments a set of stories needs on its axis, plus `now`. */
export function axisTimes(stories: readonly QueueStory[], now: number): number[] {
  const times: number[] = [now];
  for (const s of stories) {
    times.push(s.arrived);
    if (s.left !== undefined) times.push(s.left);
    if (s.nextRetry !== undefined) times.push(s.nextRetry);
    for (const a of s.attempts) {
      times.push(a.at);
      if (a.end !== undefined) times.push(a.end);
    }
  }
  return times;
}
