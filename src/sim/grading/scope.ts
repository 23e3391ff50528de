/**
 * What a check is evaluated against: the trace up to a moment, the world's picture at that
 * moment, what was typed at consoles, and the mail the scenario sent (so a check can name a mail
 * by the id its author gave it). `Scope` filters the trace once and builds the indexes the
 * individual checks share, lazily, so a cheap check stays cheap.
 */
import type { MailEvent, TraceEvent } from '../kernel/trace';
import type { Text } from '../scenario/text';
import type { WorldView } from '../world/view-model';

/** ConsoleInput: one command typed at a console, as the UI keeps it (outside the trace). */
export interface ConsoleInput {
  command: string;
  host?: string;
  /** Virtual time it was typed at; inputs after `now` are ignored. */
  t?: number;
}

/** SentMail: a mail of the scenario (from `send` or a `send` action), to map its id to the trace's. */
export interface SentMail {
  id?: string;
  at?: number;
  from: string;
  to: readonly string[];
  cc?: readonly string[];
  subject: string;
}

/** CheckContext: the run a check looks at. Events after `now` do not count. */
export interface CheckContext {
  trace: readonly TraceEvent[];
  view: WorldView;
  consoleInputs?: readonly ConsoleInput[];
  now: number;
  /** The scenario's mail, so `message: hello` finds the trace's `m1`. */
  sends?: readonly SentMail[];
}

/** CheckResult: whether the check holds, and what was found, in both languages. */
export interface CheckResult {
  pass: boolean;
  detail: Text;
}

/** MailFacts: what the trace tells about one message: the host that composed it, sender, subject and recipients. */
export interface MailFacts {
  host?: string;
  from?: string;
  subject?: string;
  rcpts: Set<string>;
}

/** Scope: one evaluation's view of the context, with shared lazily built indexes. */
export class Scope {
  readonly events: readonly TraceEvent[];
  private mailIndex?: Map<string, MailFacts>;
  private idIndex?: Map<string, string>;

  constructor(readonly ctx: CheckContext) {
    const trace = Array.isArray(ctx.trace) ? ctx.trace : [];
    const now = Number.isFinite(ctx.now) ? ctx.now : Infinity;
    this.events = trace.length && trace[trace.length - 1].t <= now ? trace : trace.filter((e) => e.t <= now);
  }

  /** view is the world's picture, or an empty one when the caller gave none. */
  get view(): Partial<WorldView> {
    return this.ctx.view ?? {};
  }

  /** mail returns what the trace tells about a message id. */
  mail(msg: string): MailFacts | undefined {
    if (!this.mailIndex) this.mailIndex = indexMail(this.events);
    return this.mailIndex.get(msg);
  }

  /** messageId maps a mail id from the scenario (or a trace id such as m1) to the trace's id. */
  messageId(name: string): string {
    if (!this.idIndex) this.idIndex = messageIdsOf(this.ctx.sends ?? [], this.events);
    return this.idIndex.get(name) ?? name;
  }
}

function indexMail(events: readonly TraceEvent[]): Map<string, MailFacts> {
  const index = new Map<string, MailFacts>();
  const facts = (msg: string): MailFacts => {
    let f = index.get(msg);
    if (!f) index.set(msg, (f = { rcpts: new Set() }));
    return f;
  };
  for (const e of events) {
    if (e.type === 'mail.submit') {
      const f = facts(e.msg);
      f.host ??= e.host;
      f.from ??= e.from;
      f.subject ??= e.subject;
      for (const r of e.to ?? []) f.rcpts.add(r.toLowerCase());
    } else if (e.type === 'queue.enqueue') {
      for (const r of e.rcpts) facts(e.msg).rcpts.add(r.toLowerCase());
    } else if (e.type === 'message.fate') {
      const f = facts(e.id);
      f.from ??= e.from;
      f.rcpts.add(e.to.toLowerCase());
    }
  }
  return index;
}

const sameAddresses = (a: readonly string[], b: readonly string[]): boolean => {
  const x = a.map((s) => s.toLowerCase()).sort();
  const y = b.map((s) => s.toLowerCase()).sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/**
 * messageIdsOf pairs the scenario's mail with the `mail.submit` events of a trace, in the order
 * they were sent, by sender, subject and recipients, and returns author id → trace id.
 */
export function messageIdsOf(sends: readonly SentMail[], events: readonly TraceEvent[]): Map<string, string> {
  const ids = new Map<string, string>();
  const submits = events.filter((e): e is MailEvent => e.type === 'mail.submit');
  const claimed = new Set<number>();
  const ordered = sends.map((s, i) => ({ s, i })).sort((a, b) => (a.s.at ?? Infinity) - (b.s.at ?? Infinity) || a.i - b.i);
  for (const { s } of ordered) {
    const rcpts = [...s.to, ...(s.cc ?? [])];
    const k = submits.findIndex((e, j) => !claimed.has(j) && (e.from ?? '').toLowerCase() === s.from.toLowerCase() && (e.subject ?? '') === s.subject && sameAddresses(e.to ?? [], rcpts));
    if (k < 0) continue;
    claimed.add(k);
    if (s.id) ids.set(s.id, submits[k].msg);
  }
  return ids;
}

/** same compares two names or addresses the way mail does: without regard to case. */
export function same(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** both builds a Text from an English and a German string. */
export function both(en: string, de: string): Text {
  return { en, de };
}

/** joinTexts joins several texts with a separator in each language. */
export function joinTexts(texts: readonly Text[], sep = '; '): Text {
  return { en: texts.map((t) => t.en).join(sep), de: texts.map((t) => t.de).join(sep) };
}
