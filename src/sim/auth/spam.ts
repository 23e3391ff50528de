/**
 * Spam scoring: a few simple, visible rules in the manner of SpamAssassin. Each rule that fires
 * adds points and says why in English and German; the sum decides inbox, Junk or reject. Pure and
 * deterministic: the same message and results always give the same verdict.
 */

type Note = { en: string; de: string };

/** SpamRuleId: the name of each rule, as the verdict lists it. */
export type SpamRuleId =
  | 'SPF_FAIL' | 'SPF_SOFTFAIL' | 'DKIM_FAIL' | 'DKIM_NONE' | 'DMARC_FAIL' | 'DNSBL_LISTED'
  | 'SUBJECT_ALL_CAPS' | 'SPAM_WORDS' | 'MISSING_DATE' | 'MISSING_MESSAGE_ID' | 'TOO_BIG_TO_SCAN';

/** DEFAULT_SPAM_POINTS: the points each rule adds (per listing for DNSBL, per word for spam words). */
export const DEFAULT_SPAM_POINTS: Readonly<Record<SpamRuleId, number>> = {
  SPF_FAIL: 3.5,
  SPF_SOFTFAIL: 1.5,
  DKIM_FAIL: 2,
  DKIM_NONE: 1,
  DMARC_FAIL: 3,
  DNSBL_LISTED: 5,
  SUBJECT_ALL_CAPS: 1.5,
  SPAM_WORDS: 1.5,
  MISSING_DATE: 1,
  MISSING_MESSAGE_ID: 1,
  TOO_BIG_TO_SCAN: 0,
};

/** DEFAULT_SPAM_WORDS: phrases typical of spam, matched case-insensitively as whole words. */
export const DEFAULT_SPAM_WORDS: readonly string[] = [
  'viagra', 'lottery', 'winner', 'you have won', 'free money', 'click here', 'act now', 'casino',
  'million dollars', 'inheritance', 'lotterie', 'gewinnspiel', 'sie haben gewonnen', 'gratis geld',
];

/** DEFAULT_SPAM_THRESHOLD: at 5 points mail goes to Junk, at 10 it is rejected. */
export const DEFAULT_SPAM_THRESHOLD = { junk: 5, reject: 10 } as const;

/** SCAN_LIMIT_OCTETS: bigger messages are not scanned for words (SpamAssassin's spamc skips over 500 KB). */
export const SCAN_LIMIT_OCTETS = 512_000;

/** SpamRules: changes to the default rules, e.g. from a scenario. */
export interface SpamRules {
  points?: Partial<Record<SpamRuleId, number>>;
  threshold?: { junk?: number; reject?: number };
  words?: readonly string[];
}

/** SpamInput: what the scorer looks at. */
export interface SpamInput {
  spf?: { result: string };
  dkim: readonly { result: string }[];
  dmarc?: { result: string };
  /** Every DNS blocklist that lists the sending IP. */
  dnsblListed: readonly { zone: string; ip: string }[];
  /** The message as raw text. */
  raw: string;
  sizeOctets: number;
  rules?: SpamRules;
}

/** SpamVerdict: the score, the parts it is made of and what happens to the message. */
export interface SpamVerdict {
  score: number;
  threshold: { junk: number; reject: number };
  parts: { rule: SpamRuleId; points: number; note: Note }[];
  action: 'inbox' | 'junk' | 'reject';
}

/** Reads one header field's unfolded value from the header section, or undefined. */
function headerValue(head: string, name: string): string | undefined {
  const lines = head.split(/\r?\n(?![ \t])/);
  const prefix = name.toLowerCase() + ':';
  const line = lines.find((l) => l.toLowerCase().startsWith(prefix));
  return line === undefined ? undefined : line.slice(prefix.length).replace(/\r?\n/g, '').trim();
}

/** Decodes RFC 2047 encoded words in UTF-8 (`=?utf-8?B?...?=`, `=?utf-8?Q?...?=`); others stay. */
function decodeEncodedWords(text: string): string {
  return text.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (whole, enc: string, data: string) => {
    let bin: string;
    if (enc.toLowerCase() === 'b') {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0) return whole;
      bin = atob(data);
    } else {
      bin = data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    }
    const octets = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8').decode(octets);
  });
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * scoreMessage adds up the points of every rule that fires and picks the action: reject at the
 * reject threshold, Junk at the junk threshold, else the inbox.
 */
export function scoreMessage(input: SpamInput): SpamVerdict {
  const points = { ...DEFAULT_SPAM_POINTS, ...input.rules?.points };
  const threshold = { ...DEFAULT_SPAM_THRESHOLD, ...input.rules?.threshold };
  const words = input.rules?.words ?? DEFAULT_SPAM_WORDS;
  const parts: SpamVerdict['parts'] = [];
  const add = (rule: SpamRuleId, n: number, en: string, de: string): void => {
    parts.push({ rule, points: n, note: { en, de } });
  };

  const spf = input.spf?.result;
  if (spf === 'fail') add('SPF_FAIL', points.SPF_FAIL, 'SPF fail: the sending server is not allowed to send for this domain.', 'SPF fail: Der sendende Server darf für diese Domain nicht senden.');
  if (spf === 'softfail') add('SPF_SOFTFAIL', points.SPF_SOFTFAIL, 'SPF softfail: the domain says this server is probably not one of its own.', 'SPF softfail: Laut Domain gehört dieser Server wahrscheinlich nicht zu ihr.');

  const dkim = input.dkim.map((d) => d.result);
  if (dkim.length === 0) {
    add('DKIM_NONE', points.DKIM_NONE, 'No DKIM signature: nothing vouches that the content is unchanged.', 'Keine DKIM-Signatur: Nichts bürgt dafür, dass der Inhalt unverändert ist.');
  } else if (!dkim.includes('pass') && dkim.some((r) => r === 'fail' || r === 'permerror' || r === 'neutral')) {
    add('DKIM_FAIL', points.DKIM_FAIL, 'DKIM failed: the message was changed, or its key is missing or broken.', 'DKIM fehlgeschlagen: Die Nachricht wurde verändert, oder ihr Schlüssel fehlt oder ist defekt.');
  }
  if (input.dmarc?.result === 'fail') {
    add('DMARC_FAIL', points.DMARC_FAIL, 'DMARC fail: neither SPF nor DKIM vouches for the From domain.', 'DMARC fail: Weder SPF noch DKIM bürgen für die From-Domain.');
  }
  const zones = [...new Map(input.dnsblListed.map((l) => [l.zone.toLowerCase(), l])).values()];
  for (const l of zones) {
    add('DNSBL_LISTED', points.DNSBL_LISTED, `The sending IP ${l.ip} is listed on the blocklist ${l.zone}.`, `Die sendende IP ${l.ip} steht auf der Sperrliste ${l.zone}.`);
  }

  const split = input.raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? input.raw : input.raw.slice(0, split);
  const body = split < 0 ? '' : input.raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const subject = decodeEncodedWords(headerValue(head, 'Subject') ?? '');
  const letters = subject.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 6 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
    add('SUBJECT_ALL_CAPS', points.SUBJECT_ALL_CAPS, `The subject is written in capitals: "${subject}".`, `Der Betreff ist in Großbuchstaben geschrieben: „${subject}“.`);
  }
  if (input.sizeOctets > SCAN_LIMIT_OCTETS) {
    add('TOO_BIG_TO_SCAN', points.TOO_BIG_TO_SCAN, `The message has ${input.sizeOctets} octets, more than the ${SCAN_LIMIT_OCTETS} scanned for words.`, `Die Nachricht hat ${input.sizeOctets} Oktette, mehr als die ${SCAN_LIMIT_OCTETS}, die nach Wörtern durchsucht werden.`);
  } else {
    const text = subject + '\n' + body;
    const found = words.filter((w) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(w)}(?![\\p{L}\\p{N}])`, 'iu').test(text));
    for (const w of found.slice(0, 4)) {
      add('SPAM_WORDS', points.SPAM_WORDS, `The text contains "${w}", a phrase typical of spam.`, `Der Text enthält „${w}“, eine für Spam typische Wendung.`);
    }
  }
  // RFC 5322 §3.6: Date is required and Message-ID should be present; spam tools often omit them.
  if (headerValue(head, 'Date') === undefined) add('MISSING_DATE', points.MISSING_DATE, 'The Date header field is missing.', 'Das Header-Feld Date fehlt.');
  if (headerValue(head, 'Message-ID') === undefined) add('MISSING_MESSAGE_ID', points.MISSING_MESSAGE_ID, 'The Message-ID header field is missing.', 'Das Header-Feld Message-ID fehlt.');

  const score = Math.round(parts.reduce((sum, p) => sum + p.points, 0) * 10) / 10;
  const action = score >= threshold.reject ? 'reject' : score >= threshold.junk ? 'junk' : 'inbox';
  return { score, threshold, parts, action };
}
