/**
 * evaluateCheck: does a check hold for a run at a moment? Checks grade outcomes, not
 * configurations: a message's fate and folder, a reply seen, an authentication result, a DNS record
 * present and valid, an account setting, a console command typed, any trace event — and all/any/not
 * of those. The trace is the contract: everything here is a function of the trace up to `now`,
 * the world's picture at `now` and the console inputs. Never throws: a check that cannot be
 * evaluated does not hold, and says why.
 */
import type { Check } from '../scenario/schema-checks';
import { evaluateAuth, evaluateFate } from './check-mail';
import { evaluateConsole, evaluateEvent, evaluateReply, typeMatches } from './check-trace';
import { evaluateAccount, evaluateRecord } from './check-world';
import { both, Scope, type CheckContext, type CheckResult } from './scope';

export type { CheckContext, CheckResult, ConsoleInput, SentMail } from './scope';

const MAX_DEPTH = 32;

function evaluateIn(check: Check, scope: Scope, depth: number): CheckResult {
  if (depth > MAX_DEPTH) return { pass: false, detail: both('the check nests too deeply', 'die Prüfung ist zu tief verschachtelt') };
  if (check === null || typeof check !== 'object') return { pass: false, detail: both('not a check', 'keine Prüfung') };
  if ('fate' in check) return evaluateFate(check, scope);
  if ('reply' in check) return evaluateReply(check.reply, scope);
  if ('auth' in check) return evaluateAuth(check.auth, scope);
  if ('record' in check) return evaluateRecord(check.record, scope);
  if ('account' in check) return evaluateAccount(check.account, scope);
  if ('console' in check) return evaluateConsole(check.console, scope);
  if ('event' in check) return evaluateEvent(check.event, scope);
  if ('all' in check) {
    const results = check.all.map((c) => evaluateIn(c, scope, depth + 1));
    const failed = results.filter((r) => !r.pass);
    if (failed.length === 0) return { pass: true, detail: joinDetails(results) };
    return { pass: false, detail: joinDetails(failed) };
  }
  if ('any' in check) {
    const results = check.any.map((c) => evaluateIn(c, scope, depth + 1));
    const hit = results.find((r) => r.pass);
    if (hit) return hit;
    return { pass: false, detail: { en: `none holds: ${joinDetails(results).en}`, de: `keine trifft zu: ${joinDetails(results).de}` } };
  }
  if ('not' in check) {
    const inner = evaluateIn(check.not, scope, depth + 1);
    return { pass: !inner.pass, detail: inner.pass ? { en: `it should not be so, but: ${inner.detail.en}`, de: `das sollte nicht sein, aber: ${inner.detail.de}` } : { en: `as wanted, not so: ${inner.detail.en}`, de: `wie gewünscht nicht der Fall: ${inner.detail.de}` } };
  }
  return { pass: false, detail: both('unknown kind of check', 'unbekannte Art von Prüfung') };
}

function joinDetails(results: readonly CheckResult[]): CheckResult['detail'] {
  return { en: results.map((r) => r.detail.en).join('; '), de: results.map((r) => r.detail.de).join('; ') };
}

/**
 * evaluateCheck tells whether a check holds for the run in `ctx` (the trace up to `ctx.now`, the
 * view at that time) and what it found, in English and German.
 */
export function evaluateCheck(check: Check, ctx: CheckContext): CheckResult {
  try {
    return evaluateIn(check, new Scope(ctx), 0);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { pass: false, detail: both(`the check could not be evaluated: ${why}`, `die Prüfung ließ sich nicht auswerten: ${why}`) };
  }
}

const FATE_TYPES = ['message.fate', 'mail.store', 'queue.bounce', 'mail.reject', 'mail.error', 'queue.defer', 'mail.submit', 'queue.enqueue'];
const AUTH_TYPES = ['auth.spf', 'auth.dkim', 'auth.dmarc', 'mail.store', 'mail.submit', 'queue.enqueue'];
const WORLD_TYPES = ['world.start', 'world.change', 'fault.inject', 'fault.clear'];

/**
 * checkTopics returns a test for the trace event types after which a check's value may have
 * changed, so a watcher (event-triggered actions, a lesson waiting for a task) re-evaluates only then.
 */
export function checkTopics(check: Check): (type: string) => boolean {
  const exact = new Set<string>();
  const patterns: string[] = [];
  const walk = (c: Check, depth: number): void => {
    if (depth > MAX_DEPTH || c === null || typeof c !== 'object') return;
    if ('fate' in c) FATE_TYPES.forEach((t) => exact.add(t));
    else if ('reply' in c) exact.add('smtp.reply');
    else if ('auth' in c) AUTH_TYPES.forEach((t) => exact.add(t));
    else if ('record' in c || 'account' in c) WORLD_TYPES.forEach((t) => exact.add(t));
    else if ('console' in c) exact.add('console.input');
    else if ('event' in c) patterns.push(String(c.event.type));
    else if ('all' in c) c.all.forEach((x) => walk(x, depth + 1));
    else if ('any' in c) c.any.forEach((x) => walk(x, depth + 1));
    else if ('not' in c) walk(c.not, depth + 1);
  };
  walk(check, 0);
  return (type) => exact.has(type) || patterns.some((p) => typeMatches(type, p));
}
