/**
 * Checks about one message: its fate (delivered to a folder, bounced, rejected, still queued) and
 * the authentication results a receiving server reached for it (SPF, DKIM, DMARC).
 *
 * A run records `message.fate` only when it ends; while it is still being played, the fate so far
 * comes from the events that decide it: `mail.store` (delivered), `queue.bounce` (bounced),
 * `mail.reject` and a mail program's `mail.error` (rejected), `queue.defer` (queued for a retry).
 */
import { parseAuthResults } from '../auth/auth-results';
import { getHeaders } from '../protocol/message';
import type { Check, Fate } from '../scenario/schema-checks';
import type { Text } from '../scenario/text';
import { both, joinTexts, same, type CheckResult, type Scope } from './scope';

type FateCheck = Extract<Check, { fate: Fate }>;
type AuthCheck = Extract<Check, { auth: unknown }>['auth'];

/** Outcome: where one recipient's copy of a message stands. */
interface Outcome {
  msg: string;
  to: string;
  fate: Fate;
  folder?: string;
  reply?: string;
}

const replyOf = (e: { code?: number; enhanced?: string; reason?: string }): string | undefined =>
  e.code === undefined && !e.reason ? undefined : [e.code, e.enhanced, e.reason].filter((x) => x !== undefined && x !== '').join(' ');

/** outcomes lists every recipient's fate: from `message.fate` where the run has ended, else from the deciding events. */
function outcomes(scope: Scope): Outcome[] {
  const final: Outcome[] = [];
  const finalKeys = new Set<string>();
  const live = new Map<string, Outcome[]>();
  const add = (o: Outcome): void => {
    const key = `${o.msg}|${o.to}`;
    const list = live.get(key) ?? [];
    // A later deciding event replaces "queued"; two final outcomes (a copy delivered twice) are both kept.
    live.set(key, [...list.filter((x) => x.fate !== 'queued'), o]);
  };
  for (const e of scope.events) {
    switch (e.type) {
      case 'message.fate':
        final.push({ msg: e.id, to: e.to.toLowerCase(), fate: e.fate, folder: e.folder, reply: replyOf(e) });
        finalKeys.add(`${e.id}|${e.to.toLowerCase()}`);
        break;
      case 'mail.store':
        if (!e.via && e.mailbox) add({ msg: e.msg, to: e.mailbox.toLowerCase(), fate: 'delivered', folder: e.folder });
        break;
      case 'queue.bounce':
        for (const r of e.rcpts) add({ msg: e.msg, to: r.toLowerCase(), fate: 'bounced', reply: replyOf(e) });
        break;
      case 'mail.reject':
        for (const r of e.to ?? []) add({ msg: e.msg, to: r.toLowerCase(), fate: 'rejected', reply: replyOf(e) });
        break;
      case 'mail.error':
        // A mail program that could not hand the mail over: refused in front of the sender.
        if (e.to && same(e.host, scope.mail(e.msg)?.host)) for (const r of e.to) add({ msg: e.msg, to: r.toLowerCase(), fate: 'rejected', reply: replyOf(e) });
        break;
      case 'queue.defer':
        for (const r of e.rcpts) {
          const key = `${e.msg}|${r.toLowerCase()}`;
          if (!(live.get(key) ?? []).length) add({ msg: e.msg, to: r.toLowerCase(), fate: 'queued', reply: replyOf(e) });
        }
        break;
    }
  }
  const during = [...live.entries()].filter(([key]) => !finalKeys.has(key)).flatMap(([, list]) => list);
  return [...final, ...during];
}

const FATE_WORD: Record<Fate, Text> = {
  delivered: both('delivered', 'zugestellt'),
  bounced: both('bounced', 'unzustellbar zurückgegangen'),
  rejected: both('rejected', 'abgewiesen'),
  queued: both('still queued', 'noch in der Warteschlange'),
};

function describeOutcome(o: Outcome): Text {
  const where = o.fate === 'delivered' && o.folder ? ` (${o.folder})` : o.reply ? `: ${o.reply}` : '';
  return { en: `${o.msg} to ${o.to}: ${FATE_WORD[o.fate].en}${where}`, de: `${o.msg} an ${o.to}: ${FATE_WORD[o.fate].de}${where}` };
}

function whichMail(c: FateCheck): Text {
  const parts: Text[] = [];
  if (c.message) parts.push(both(`'${c.message}'`, `'${c.message}'`));
  if (c.from) parts.push(both(`from ${c.from}`, `von ${c.from}`));
  if (c.to) parts.push(both(`to ${c.to}`, `an ${c.to}`));
  const t = joinTexts(parts, ' ');
  return { en: t.en ? `mail ${t.en}` : 'mail', de: t.de ? `Mail ${t.de}` : 'Mail' };
}

/** evaluateFate: a message (chosen by id, sender, recipient) reached a fate, and the folder when given. */
export function evaluateFate(c: FateCheck, scope: Scope): CheckResult {
  const msg = c.message !== undefined ? scope.messageId(c.message) : undefined;
  const candidates = outcomes(scope).filter(
    (o) => (msg === undefined || o.msg === msg) && (c.to === undefined || same(o.to, c.to)) && (c.from === undefined || same(scope.mail(o.msg)?.from, c.from)),
  );
  const hit = candidates.find((o) => o.fate === c.fate && (c.folder === undefined || same(o.folder, c.folder)));
  const mail = whichMail(c);
  const wanted = { en: `${FATE_WORD[c.fate].en}${c.folder ? ` to ${c.folder}` : ''}`, de: `${FATE_WORD[c.fate].de}${c.folder ? ` in ${c.folder}` : ''}` };
  if (hit) return { pass: true, detail: describeOutcome(hit) };
  if (candidates.length === 0) return { pass: false, detail: { en: `no ${mail.en} has an outcome yet (wanted: ${wanted.en})`, de: `für keine ${mail.de} gibt es bisher ein Ergebnis (erwartet: ${wanted.de})` } };
  const seen = joinTexts(candidates.slice(0, 3).map(describeOutcome));
  return { pass: false, detail: { en: `wanted ${mail.en} ${wanted.en}; so far ${seen.en}`, de: `erwartet: ${mail.de} ${wanted.de}; bisher ${seen.de}` } };
}

/** AuthGroup: one receiving server's checks of one message, by method. */
interface AuthGroup {
  host: string;
  msg: string;
  mailbox?: string;
  results: Partial<Record<'spf' | 'dkim' | 'dmarc', string[]>>;
}

const METHODS = ['spf', 'dkim', 'dmarc'] as const;

/** authGroups collects the checks from `auth.*` events (a new group starts at each SPF check) and from stored messages' Authentication-Results. */
function authGroups(scope: Scope): AuthGroup[] {
  const groups: AuthGroup[] = [];
  const current = new Map<string, AuthGroup>();
  for (const e of scope.events) {
    if (e.type !== 'auth.spf' && e.type !== 'auth.dkim' && e.type !== 'auth.dmarc') continue;
    const key = `${e.host}|${e.msg}`;
    let g = current.get(key);
    if (!g || e.type === 'auth.spf') {
      g = { host: e.host, msg: e.msg, results: {} };
      groups.push(g);
      current.set(key, g);
    }
    const method = e.type.slice(5) as 'spf' | 'dkim' | 'dmarc';
    (g.results[method] ??= []).push(String(e.result).toLowerCase());
  }
  for (const box of scope.view.mailboxes ?? []) {
    for (const folder of box.folders ?? []) {
      for (const m of folder.messages ?? []) {
        for (const value of getHeaders(m.raw ?? '', 'Authentication-Results')) {
          const parsed = parseAuthResults(value);
          if (!parsed.ok) continue;
          const g: AuthGroup = { host: parsed.authservId, msg: m.msg, mailbox: box.address, results: {} };
          for (const r of parsed.results) if ((METHODS as readonly string[]).includes(r.method)) (g.results[r.method as 'spf'] ??= []).push(r.result);
          groups.push(g);
        }
      }
    }
  }
  return groups;
}

function describeGroup(g: AuthGroup): string {
  const parts = METHODS.filter((m) => g.results[m]?.length).map((m) => `${m}=${[...new Set(g.results[m])].join('/')}`);
  return `${g.host} ${g.msg}: ${parts.join(' ') || '—'}`;
}

/** evaluateAuth: a receiving server reached these SPF/DKIM/DMARC results for a message (to a recipient, at a server). */
export function evaluateAuth(c: AuthCheck, scope: Scope): CheckResult {
  const groups = authGroups(scope).filter(
    (g) => (c.at === undefined || same(g.host, c.at)) && (c.to === undefined || same(g.mailbox, c.to) || [...(scope.mail(g.msg)?.rcpts ?? [])].some((r) => same(r, c.to))),
  );
  const wanted = METHODS.filter((m) => c[m] !== undefined).map((m) => `${m}=${c[m]}`).join(' ');
  const hit = groups.find((g) => METHODS.every((m) => c[m] === undefined || (g.results[m] ?? []).includes(c[m] as string)));
  if (hit) return { pass: true, detail: both(describeGroup(hit), describeGroup(hit)) };
  const where = `${c.to ? ` for ${c.to}` : ''}${c.at ? ` at ${c.at}` : ''}`;
  const wo = `${c.to ? ` für ${c.to}` : ''}${c.at ? ` bei ${c.at}` : ''}`;
  if (groups.length === 0) return { pass: false, detail: { en: `no receiving server has checked a message${where} yet (wanted ${wanted})`, de: `bisher hat kein empfangender Server eine Nachricht${wo} geprüft (erwartet: ${wanted})` } };
  const seen = groups.slice(-3).map(describeGroup).join('; ');
  return { pass: false, detail: { en: `wanted ${wanted}${where}; the checks found ${seen}`, de: `erwartet: ${wanted}${wo}; die Prüfungen ergaben ${seen}` } };
}
