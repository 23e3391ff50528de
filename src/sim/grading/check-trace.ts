/**
 * Checks that look for one event in the trace: a reply a server sent, a command typed at a
 * console, or any trace event whose fields match.
 */
import type { ProtoLine } from '../kernel/trace';
import { commandPattern, type Check } from '../scenario/schema-checks';
import { both, same, type CheckResult, type Scope } from './scope';

type ReplyCheck = Extract<Check, { reply: unknown }>['reply'];
type ConsoleCheck = Extract<Check, { console: unknown }>['console'];
type EventCheck = Extract<Check, { event: unknown }>['event'];

/** evaluateReply: a server (`at`) sent a reply with this code, enhanced code or text to a client (`from`). */
export function evaluateReply(c: ReplyCheck, scope: Scope): CheckResult {
  const text = c.text?.toLowerCase();
  const hit = scope.events.find(
    (e): e is ProtoLine =>
      e.type === 'smtp.reply' &&
      (c.code === undefined || e.code === c.code) &&
      (c.enhanced === undefined || e.enhanced === c.enhanced) &&
      (c.at === undefined || same(e.from, c.at)) &&
      (c.from === undefined || same(e.to, c.from)) &&
      (text === undefined || e.line.toLowerCase().includes(text)),
  );
  if (hit) return { pass: true, detail: both(`${hit.from} → ${hit.to}: ${hit.line}`, `${hit.from} → ${hit.to}: ${hit.line}`) };
  const what = [c.code, c.enhanced, c.text ? `'${c.text}'` : undefined].filter((x) => x !== undefined).join(' ');
  return {
    pass: false,
    detail: {
      en: `no reply${what ? ' ' + what : ''}${c.at ? ` from ${c.at}` : ''}${c.from ? ` to ${c.from}` : ''} was seen yet`,
      de: `bisher keine Antwort${what ? ' ' + what : ''}${c.at ? ` von ${c.at}` : ''}${c.from ? ` an ${c.from}` : ''}`,
    },
  };
}

/** evaluateConsole: a command matching the pattern was typed (on the host, when given), in the trace or in the UI's console inputs. */
export function evaluateConsole(c: ConsoleCheck, scope: Scope): CheckResult {
  const pattern = commandPattern(c.command);
  if (!pattern) return { pass: false, detail: both(`'${c.command}' is not a valid pattern`, `'${c.command}' ist kein gültiges Muster`) };
  const typed: { command: string; host?: string }[] = [];
  for (const e of scope.events) {
    if (e.type === 'console.input') typed.push({ command: e.detail ?? e.what, host: e.host }, ...(e.detail !== undefined ? [{ command: e.what, host: e.host }] : []));
  }
  const now = Number.isFinite(scope.ctx.now) ? scope.ctx.now : Infinity;
  for (const i of scope.ctx.consoleInputs ?? []) if (i && typeof i.command === 'string' && (i.t === undefined || i.t <= now)) typed.push(i);
  const hit = typed.find((i) => (c.host === undefined || same(i.host, c.host)) && pattern.test(i.command));
  const on = c.host ? { en: ` on ${c.host}`, de: ` auf ${c.host}` } : { en: '', de: '' };
  if (hit) return { pass: true, detail: { en: `typed${on.en}: ${hit.command}`, de: `eingegeben${on.de}: ${hit.command}` } };
  return { pass: false, detail: { en: `no command matching ${c.command} was typed${on.en} yet`, de: `bisher wurde${on.de} kein Befehl passend zu ${c.command} eingegeben` } };
}

const REGEX = /^\/(.+)\/([a-z]*)$/s;

/** fieldMatches compares one field of an event: `/regex/flags` for text, case-insensitive text, numbers and true/false; a list matches when one entry does. */
function fieldMatches(actual: unknown, wanted: string | number | boolean): boolean {
  if (Array.isArray(actual)) return actual.some((a) => fieldMatches(a, wanted));
  if (actual === undefined || actual === null || typeof actual === 'object') return false;
  if (typeof wanted === 'string') {
    const m = REGEX.exec(wanted);
    if (m) {
      try {
        return new RegExp(m[1], m[2]).test(String(actual));
      } catch {
        return false;
      }
    }
    return String(actual).toLowerCase() === wanted.toLowerCase();
  }
  if (typeof wanted === 'number') return typeof actual === 'number' ? actual === wanted : String(actual) === String(wanted);
  return actual === wanted || String(actual) === String(wanted);
}

/** typeMatches compares an event type with a pattern: exact, or `smtp.*` for a whole domain. */
export function typeMatches(type: string, pattern: string): boolean {
  return pattern.endsWith('.*') ? type.startsWith(pattern.slice(0, -1)) : type === pattern;
}

/** evaluateEvent: an event of this type (`smtp.reply`, or `auth.*`) whose named fields all match happened. */
export function evaluateEvent(c: EventCheck, scope: Scope): CheckResult {
  const { type, ...fields } = c;
  const wanted = Object.entries(fields);
  const hit = scope.events.find((e) => typeMatches(e.type, type) && wanted.every(([k, v]) => fieldMatches((e as unknown as Record<string, unknown>)[k], v)));
  const shown = [type, ...wanted.map(([k, v]) => `${k}=${String(v)}`)].join(' ');
  if (hit) return { pass: true, detail: both(`seen at ${hit.t} ms: ${shown}`, `gesehen bei ${hit.t} ms: ${shown}`) };
  return { pass: false, detail: both(`no event ${shown} yet`, `bisher kein Ereignis ${shown}`) };
}
