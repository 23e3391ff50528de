/**
 * The one SMTP reply table: every reply a simulated server sends comes from here, as data
 * (code, enhanced code, text template, and a plain explanation in English and German), so no
 * machine writes a reply literal. Texts follow what Postfix and Dovecot really answer
 * (shared/REAL-REPLIES.md); `origin` says where each text comes from. The entries live in the
 * `reply-table-data-*.ts` files; this module joins them, fills templates and explains any reply,
 * also one that is not in the table, from RFC 3463 and RFC 5321.
 */
import { AUTH_REPLIES } from './reply-table-data-auth';
import { BASIC_CODES, CLASS_TEXTS, ENHANCED_DETAILS, ENHANCED_SUBJECTS } from './reply-table-data-codes';
import { DELIVERY_REPLIES } from './reply-table-data-delivery';
import { SESSION_REPLIES } from './reply-table-data-session';
import { SYNTAX_REPLIES } from './reply-table-data-syntax';
import { isEnhancedCode, type Reply } from './smtp-reply';

/** ReplyTexts: one language's explanation of a reply, in plain words for students and teachers. */
export interface ReplyTexts {
  /** A short name for the situation (the seed article's "Bedeutung"). */
  title: string;
  /** What the reply means. */
  meaning: string;
  /** What usually causes it. */
  cause: string;
  /** What to do about it, and who has to. */
  fix: string;
}

/**
 * ReplyOrigin: where a text comes from. `recorded`: Postfix/Dovecot said exactly this in
 * shared/REAL-REPLIES.md; `postfix`/`dovecot`: their source text for a case not recorded there;
 * `rfc`: the RFC's wording; `neutral`: SMTP Lab's own wording where real servers differ.
 */
export type ReplyOrigin = 'recorded' | 'postfix' | 'dovecot' | 'rfc' | 'neutral';

/** ReplyData: one entry without its key, as the data files write it. */
export interface ReplyData {
  code: number;
  enhanced?: string;
  /** Template with `{placeholders}`; a `\n` (or a list value) makes a multi-line reply. */
  text: string;
  origin: ReplyOrigin;
  en: ReplyTexts;
  de: ReplyTexts;
}

const ENTRIES = { ...SESSION_REPLIES, ...SYNTAX_REPLIES, ...AUTH_REPLIES, ...DELIVERY_REPLIES };

/** REPLY_ALIASES: other names for entries, as the project brief spells them. */
export const REPLY_ALIASES = {
  'mail.transaction-in-progress': 'mail.nested',
  'bad-sequence': 'sequence.bad',
} as const satisfies Record<string, keyof typeof ENTRIES>;

/** ReplyKey: the name of a reply-table entry (or one of its aliases). */
export type ReplyKey = keyof typeof ENTRIES | keyof typeof REPLY_ALIASES;

/** ReplyEntry: one row of the reply table. */
export interface ReplyEntry extends ReplyData {
  key: ReplyKey;
}

/** ReplyVars: values for a template's placeholders; a list becomes one line per item. */
export type ReplyVars = Record<string, string | number | readonly string[]>;

/** Explanation: what a reply means, why it happens and what to do, in one language. */
export interface Explanation {
  title: string;
  meaning: string;
  cause: string;
  fix: string;
  code: number;
  enhanced?: string;
  /** The table entry used, when one matched. */
  key?: ReplyKey;
  /** True for 4xx: the sender's server keeps the message and retries. */
  temporary: boolean;
  /** How the explanation was found: a table entry, several entries sharing the code, the enhanced detail or subject, the reply code, its class, or nothing. */
  basis: 'entry' | 'shared' | 'detail' | 'subject' | 'code' | 'class' | 'unknown';
}

type Lang = 'en' | 'de';

/** REPLY_TABLE: every entry, in the order of the data files. */
export const REPLY_TABLE: readonly ReplyEntry[] = Object.entries(ENTRIES).map(([key, data]) => ({ key: key as ReplyKey, ...(data as ReplyData) }));

const BY_KEY = new Map<string, ReplyEntry>(REPLY_TABLE.map((e) => [e.key, e]));

/** POSTFIX_EHLO_KEYWORDS: the extensions the recorded Postfix MX announced, in its order (before STARTTLS). */
export const POSTFIX_EHLO_KEYWORDS: readonly string[] = [
  'PIPELINING', 'SIZE 10240000', 'VRFY', 'ETRN', 'STARTTLS', 'ENHANCEDSTATUSCODES', '8BITMIME', 'DSN', 'SMTPUTF8', 'CHUNKING',
];

/** isReplyKey tells whether a string (say, from a scenario file) names a reply-table entry or alias. */
export function isReplyKey(text: string): text is ReplyKey {
  return BY_KEY.has(text) || Object.hasOwn(REPLY_ALIASES, text);
}

/** replyEntry looks an entry up by key or alias; `undefined` for an unknown name. */
export function replyEntry(key: string): ReplyEntry | undefined {
  const real = Object.hasOwn(REPLY_ALIASES, key) ? REPLY_ALIASES[key as keyof typeof REPLY_ALIASES] : key;
  return BY_KEY.get(real);
}

/** fillTemplate replaces `{name}` with its value; a missing value leaves `{name}` readable in the text. */
function fillTemplate(template: string, vars: ReplyVars): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(vars, name)) return whole;
    const v = vars[name];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : v.join('\n');
  });
}

/**
 * replyFor builds the reply for a table entry with its placeholders filled:
 * `replyFor('user-unknown', { address: 'x@example.org' })`. A missing variable stays visible as
 * `{address}`. An unknown key (only possible from untyped input) gives a 451 4.3.0 that names it,
 * instead of throwing.
 */
export function replyFor(key: ReplyKey, vars: ReplyVars = {}): Reply {
  const entry = replyEntry(key);
  if (!entry) return { code: 451, enhanced: '4.3.0', lines: [`Error: no reply text for ${String(key)}`] };
  const lines = fillTemplate(entry.text, vars).split('\n');
  return entry.enhanced ? { code: entry.code, enhanced: entry.enhanced, lines } : { code: entry.code, lines };
}

function templateRegex(template: string): RegExp {
  const parts = template.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[\\s\\S]*?')}$`);
}

const TEMPLATE_REGEX = new Map<string, RegExp>(REPLY_TABLE.map((e) => [e.key, templateRegex(e.text)]));

function fromEntry(entry: ReplyEntry, lang: Lang): Explanation {
  const t = entry[lang];
  return {
    title: t.title, meaning: t.meaning, cause: t.cause, fix: t.fix,
    code: entry.code, enhanced: entry.enhanced, key: entry.key, temporary: Math.floor(entry.code / 100) === 4, basis: 'entry',
  };
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** normalizeEnhanced reads `5.01.1` or ` 5.1.1 ` as `5.1.1`; `undefined` when it is no enhanced code. */
function normalizeEnhanced(enhanced: string | undefined): string | undefined {
  if (enhanced === undefined) return undefined;
  const e = enhanced.trim();
  if (!isEnhancedCode(e)) return undefined;
  return e.split('.').map(Number).join('.');
}

function unknownExplanation(code: number, lang: Lang): Explanation {
  const en = {
    title: 'Unknown reply',
    meaning: 'This is no valid SMTP reply code. Codes run from 200 to 599; the first digit says whether it worked (2), the server wants more (3), it failed for now (4) or for good (5).',
    cause: 'A server that does not speak SMTP, a damaged line, or a client talking to the wrong port.',
    fix: 'Check that the client talks to an SMTP server on the right port.',
  };
  const de = {
    title: 'Unbekannte Antwort',
    meaning: 'Das ist kein gültiger SMTP-Antwortcode. Codes reichen von 200 bis 599; die erste Ziffer sagt, ob es geklappt hat (2), der Server mehr will (3), es vorübergehend (4) oder endgültig (5) gescheitert ist.',
    cause: 'Ein Server, der kein SMTP spricht, eine beschädigte Zeile, oder ein Client am falschen Port.',
    fix: 'Prüfen, ob der Client mit einem SMTP-Server am richtigen Port spricht.',
  };
  return { ...(lang === 'de' ? de : en), code, temporary: false, basis: 'unknown' };
}

/**
 * explainReply explains any reply in `lang`. It looks for the best match: a table entry with this
 * code, enhanced code and (when `text` is given) matching text; the single entry with this code
 * and enhanced code; several entries sharing them (then it names them all); the enhanced code's
 * detail, then its subject (RFC 3463 §3); the basic reply code (RFC 5321 §4.2.2); and finally the
 * class: 4xx temporary (the sender's server retries), 5xx permanent (the message bounces).
 * A code of 0 with an enhanced code (a DSN's `Status:` field) is explained from the enhanced
 * code alone. Never throws; an impossible code gets a generic explanation.
 */
export function explainReply(code: number, enhanced: string | undefined, lang: Lang, text?: string): Explanation {
  const c = Number.isFinite(code) ? Math.trunc(code) : 0;
  const enh = normalizeEnhanced(enhanced);
  const sameCode = REPLY_TABLE.filter((e) => e.code === c && (enh === undefined ? e.enhanced === undefined : e.enhanced === enh));
  if (text !== undefined) {
    const byText = REPLY_TABLE.filter((e) => e.code === c && (enh === undefined || e.enhanced === enh) && TEMPLATE_REGEX.get(e.key)?.test(text));
    if (byText.length) return fromEntry(byText[0], lang);
  }
  if (sameCode.length === 1) return fromEntry(sameCode[0], lang);
  const digit = c >= 200 && c <= 599 ? Math.floor(c / 100) : enh ? Number(enh[0]) : 0;
  if (digit < 2 || digit > 5) return unknownExplanation(c, lang);
  const cls = CLASS_TEXTS[digit as 2 | 3 | 4 | 5][lang];
  const base = { code: c, enhanced: enh, temporary: digit === 4 };
  const basic = BASIC_CODES[c]?.[lang];
  const [, subjectText, detailText] = enh ? enh.split('.') : [];
  const detail = enh ? ENHANCED_DETAILS[`${subjectText}.${detailText}`]?.[lang] : undefined;
  const subject = enh ? ENHANCED_SUBJECTS[Number(subjectText)]?.[lang] : undefined;
  if (sameCode.length > 1) {
    const titles = sameCode.map((e) => e[lang].title).filter((t, i, all) => all.indexOf(t) === i);
    const cause = lang === 'de'
      ? `Server verwenden diesen Code in mehreren Situationen, zum Beispiel: ${titles.join('; ')}.`
      : `Servers use this code in several situations, for example: ${titles.join('; ')}.`;
    const fix = lang === 'de' ? `Der Text nach dem Code sagt, welche gemeint ist. ${cls.fix}` : `The text after the code says which one. ${cls.fix}`;
    return { ...base, title: detail ?? basic ?? cls.title, meaning: `${sentence(detail ?? basic ?? cls.title)} ${cls.meaning}`, cause, fix, basis: 'shared' };
  }
  if (detail || subject) {
    const title = detail ?? basic ?? cls.title;
    const meaning = [detail, subject].filter((x): x is string => x !== undefined).map(sentence).join(' ');
    return { ...base, title, meaning: `${meaning} ${cls.meaning}`, cause: cls.cause, fix: cls.fix, basis: detail ? 'detail' : 'subject' };
  }
  if (basic) return { ...base, title: basic, meaning: `${sentence(basic)} ${cls.meaning}`, cause: cls.cause, fix: cls.fix, basis: 'code' };
  return { ...base, title: cls.title, meaning: cls.meaning, cause: cls.cause, fix: cls.fix, basis: 'class' };
}

/** explainKey explains one table entry in `lang` (for a reply the simulation itself sent). */
export function explainKey(key: ReplyKey, lang: Lang): Explanation {
  const entry = replyEntry(key);
  return entry ? fromEntry(entry, lang) : explainReply(0, undefined, lang);
}

/** explainReplyValue explains a Reply value, using its text to pick among entries that share a code. */
export function explainReplyValue(reply: Reply, lang: Lang): Explanation {
  return explainReply(reply.code, reply.enhanced, lang, reply.lines.join('\n'));
}
