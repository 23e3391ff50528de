/**
 * Faults a receiving SMTP server acts on during a session: `busy` (421 4.3.2, at the greeting
 * unless bound to another stage), `local-error` (451 4.3.0, after the end of the data unless bound
 * to another stage), greylisting, and the dormant world faults (a link cut, a host crashing) that a
 * session wakes when it reaches their stage. Each session knows its client and which connection
 * attempt of that client it is, so faults bound to `on: { attempt: n }` strike exactly then.
 */
import type { Verdict } from '../protocol/smtp-server-rules';
import type { WorldContext } from './context';
import { sameStage, stageOf, type ActiveFault } from './fault-state';

/** SessionInfo: who is talking to the server, and which of its attempts this is. */
export interface SessionInfo {
  client: string;
  /** The client's n-th connection attempt to this server (1-based). */
  attempt: number;
}

/** ANSWER_FAULTS: faults that replace a server's reply, with the stage they strike at by default. */
const ANSWER_FAULTS = [
  { kind: 'busy', stage: 'greeting', key: 'busy' },
  { kind: 'local-error', stage: 'end-of-data', key: 'local-error' },
] as const;

/**
 * stageFault is called when a session reaches `stage` (greeting, EHLO, STARTTLS, AUTH, MAIL,
 * RCPT, DATA, end-of-data): it wakes dormant world faults bound to that moment, then returns the
 * reply a busy or failing server gives there, or 'ok'.
 */
export function stageFault(ctx: WorldContext, host: string, stage: string, s: SessionInfo): Verdict {
  ctx.faults.trigger(stage, [host, s.client], s.attempt);
  for (const a of ANSWER_FAULTS) {
    const f = ctx.faults.matching(a.kind, host, s.attempt).find((x) => sameStage(stageOf(x) ?? a.stage, stage));
    if (!f) continue;
    ctx.faults.use(f);
    return { key: a.key, vars: { host } };
  }
  return 'ok';
}

/** GREYLIST_DELAY_MS: how long a triplet must wait before a retry is accepted (postgrey: 300 s). */
export const GREYLIST_DELAY_MS = 300_000;

/**
 * Greylist: one server's memory of (client address, sender, recipient) triplets. A new triplet is
 * deferred with 451 4.7.1; it is accepted once it has been deferred `attempts` times and the first
 * attempt lies `delay` in the past; then it stays accepted, as postgrey's auto-whitelist does.
 */
export class Greylist {
  private seen = new Map<string, { first: number; deferred: number; passed: boolean }>();

  /** defer tells whether this triplet's attempt is deferred now (and notes the attempt). */
  defer(fault: ActiveFault, clientIp: string, from: string, rcpt: string, now: number): boolean {
    const key = `${clientIp}|${from}|${rcpt}`.toLowerCase();
    const attempts = Math.max(1, Number(fault.params?.attempts ?? 1));
    const delay = Number(fault.params?.delay ?? GREYLIST_DELAY_MS);
    const entry = this.seen.get(key) ?? { first: now, deferred: 0, passed: false };
    this.seen.set(key, entry);
    if (entry.passed) return false;
    if (entry.deferred >= attempts && now - entry.first >= delay) {
      entry.passed = true;
      return false;
    }
    entry.deferred++;
    return true;
  }
}
