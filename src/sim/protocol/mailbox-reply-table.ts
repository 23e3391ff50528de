/**
 * The machinery behind the POP3 and IMAP reply tables (`pop3-replies.ts`, `imap-replies.ts`):
 * every status line a simulated mailbox server sends is a template in a table, with the plain
 * explanation in English and German that the console shows next to it. Texts follow what Dovecot
 * really answers (shared/REAL-REPLIES.md); `origin` says where each text comes from.
 */
import type { ReplyOrigin, ReplyTexts } from './reply-table';

/** MailboxReplyData: one POP3 or IMAP status text with its explanation. */
export interface MailboxReplyData {
  /** Template with `{placeholders}`; for IMAP the part after the tag (`NO [AUTHENTICATIONFAILED] …`). */
  text: string;
  origin: ReplyOrigin;
  /** Commands this answer belongs to, when the text alone is ambiguous (a bare `+OK`). */
  commands?: readonly string[];
  en: ReplyTexts;
  de: ReplyTexts;
}

/** MailboxVars: values for a template's placeholders. */
export type MailboxVars = Record<string, string | number>;

/** MailboxExplanation: what one POP3/IMAP status line means, in one language. */
export interface MailboxExplanation extends ReplyTexts {
  /** The table entry that matched. */
  key: string;
  /** `ok`, `error` (POP3 -ERR, IMAP NO), `bad` (IMAP BAD), `bye`, `continue` (`+`). */
  status: 'ok' | 'error' | 'bad' | 'bye' | 'continue';
}

/** fillMailboxText replaces `{name}` with its value; a missing value stays visible. */
export function fillMailboxText(template: string, vars: MailboxVars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : whole));
}

function templateRegex(template: string): RegExp {
  const parts = template.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*?')}$`, 's');
}

/** statusOf classifies a status text (after any IMAP tag). */
export function statusOf(text: string): MailboxExplanation['status'] {
  if (text.startsWith('+OK') || text.startsWith('OK') || text.startsWith('PREAUTH')) return 'ok';
  if (text.startsWith('+')) return 'continue';
  if (text.startsWith('BAD')) return 'bad';
  if (text.startsWith('BYE')) return 'bye';
  return 'error';
}

/**
 * MailboxReplyTable: a table of entries that can fill a template by key and find the entry
 * that explains a line a server sent (most specific template first, so `+OK Logged in.` is not
 * explained as a bare `+OK`). Never throws.
 */
export class MailboxReplyTable<K extends string> {
  private readonly matchers: { key: K; re: RegExp; fixed: number; commands?: readonly string[] }[];

  constructor(readonly entries: Readonly<Record<K, MailboxReplyData>>) {
    this.matchers = (Object.keys(entries) as K[])
      .map((key) => ({ key, re: templateRegex(entries[key].text), fixed: entries[key].text.replace(/\{\w+\}/g, '').length, commands: entries[key].commands }))
      .sort((a, b) => b.fixed - a.fixed);
  }

  /** text fills the template of one entry. */
  text(key: K, vars?: MailboxVars): string {
    return fillMailboxText(this.entries[key].text, vars);
  }

  /** match finds the entry for a status text; `command` (the verb the client sent) settles ties. */
  match(text: string, command?: string): K | undefined {
    const hits = this.matchers.filter((m) => m.re.test(text));
    if (!hits.length) return undefined;
    const verb = command?.trim().split(/\s+/)[0]?.toUpperCase();
    const exact = verb ? hits.find((h) => h.commands?.includes(verb)) : undefined;
    if (exact) return exact.key;
    return (hits.find((h) => !h.commands) ?? hits[0]).key;
  }

  /** explain gives the explanation of a status text in `lang`, or undefined when no entry fits. */
  explain(text: string, lang: 'en' | 'de', command?: string): MailboxExplanation | undefined {
    const key = this.match(text, command);
    if (key === undefined) return undefined;
    return { key, status: statusOf(text), ...this.entries[key][lang] };
  }
}
