/**
 * The Authentication-Results header field (RFC 8601): the receiving server writes down what SPF,
 * DKIM and DMARC found, so the mail program and later filters can read it. Formatting for the MX
 * and parsing for lesson checks; a value that cannot be read is an error value.
 */
import type { DkimReason, DkimResult } from './dkim-verify';

type Note = { en: string; de: string };

/** AuthResultsInput: the verdicts to write into the header field. */
export interface AuthResultsInput {
  spf?: { result: string; mailfrom?: string; helo?: string };
  dkim: readonly Pick<DkimResult, 'result' | 'domain' | 'selector' | 'reason' | 'headerB'>[];
  dmarc?: { result: string; fromDomain: string; policy?: string; disposition?: string };
}

/** DKIM_REASON_TEXT: the `reason=` text written for each DKIM failure, as verifiers commonly word it. */
export const DKIM_REASON_TEXT: Readonly<Record<DkimReason, string>> = {
  'no-key': 'no key for signature',
  'key-revoked': 'key revoked',
  'body-hash-mismatch': 'body hash did not verify',
  'signature-mismatch': 'signature did not verify',
  syntax: 'bad signature or key syntax',
  'dns-error': 'key query failed',
  'header-not-signed': 'From field not signed',
  expired: 'signature expired',
  unsupported: 'unsupported algorithm or key',
};

/** RFC 2045 §5.1 token: no space, control characters or tspecials. */
const TOKEN = /^[^\s()<>@,;:\\"/[\]?=\x00-\x1f\x7f]+$/;
/** RFC 8601 §2.2 pvalue may also be `[local-part] "@" domain-name`. */
const ADDRESS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]*@[A-Za-z0-9.-]+$/;

/** quoteValue writes a value as a token, an address, or else a quoted-string (RFC 8601 §2.2). */
function quoteValue(value: string, allowAddress: boolean): string {
  if (TOKEN.test(value) || (allowAddress && ADDRESS.test(value))) return value;
  return '"' + value.replace(/[\\"]/g, '\\$&') + '"';
}

/**
 * formatAuthResults writes the value of an Authentication-Results field (RFC 8601 §2.2), e.g.
 * `mx1.example.org; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com
 * header.s=s2026 header.b=AbCdEf12; dmarc=pass header.from=example.com`, on one line. A message
 * without signatures gets `dkim=none`; a failed DKIM check gets a `reason=`.
 */
export function formatAuthResults(authservId: string, input: AuthResultsInput): string {
  const parts = [quoteValue(authservId, false)];
  const { spf, dmarc } = input;
  if (spf) {
    let s = `spf=${spf.result}`;
    if (spf.mailfrom) s += ` smtp.mailfrom=${quoteValue(spf.mailfrom, true)}`;
    if (spf.helo) s += ` smtp.helo=${quoteValue(spf.helo, true)}`;
    parts.push(s);
  }
  if (input.dkim.length === 0) parts.push('dkim=none');
  for (const d of input.dkim) {
    let s = `dkim=${d.result}`;
    // RFC 8601 §2.2: reasonspec comes right after the result.
    if (d.reason && d.result !== 'pass') s += ` reason=${quoteValue(DKIM_REASON_TEXT[d.reason], false)}`;
    if (d.domain) s += ` header.d=${quoteValue(d.domain, true)}`;
    if (d.selector) s += ` header.s=${quoteValue(d.selector, false)}`;
    // RFC 6008 §4: header.b carries the first characters of b= to tell signatures apart.
    if (d.headerB) s += ` header.b=${quoteValue(d.headerB, false)}`;
    parts.push(s);
  }
  if (dmarc) {
    let s = `dmarc=${dmarc.result}`;
    const comment = [dmarc.policy ? `p=${dmarc.policy}` : '', dmarc.disposition ? `dis=${dmarc.disposition}` : ''].filter((x) => x).join(' ');
    if (comment) s += ` (${comment})`;
    s += ` header.from=${quoteValue(dmarc.fromDomain, true)}`;
    parts.push(s);
  }
  return parts.join('; ');
}

/** AuthResultEntry: one `method=result` entry (resinfo) of an Authentication-Results field. */
export interface AuthResultEntry {
  /** Lowercased method, e.g. `dkim`. */
  method: string;
  /** Method version, when written as `dkim/1`. */
  version?: string;
  /** Lowercased result, e.g. `pass`. */
  result: string;
  reason?: string;
  /** Properties by lowercased `ptype.property`, e.g. `header.d` → `example.com`. */
  props: Record<string, string>;
  /** Comments in parentheses, e.g. `p=reject dis=reject`. */
  comments: string[];
}

/** ParsedAuthResults: a parsed Authentication-Results value. */
export interface ParsedAuthResults {
  ok: true;
  authservId: string;
  results: AuthResultEntry[];
}

/** AuthResultsError: a value that does not follow RFC 8601 §2.2. */
export interface AuthResultsError {
  ok: false;
  note: Note;
}

/** Splits a value at semicolons outside quoted strings and comments. */
function splitResinfos(value: string): string[] | null {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && (quoted || depth > 0)) i++;
    else if (quoted) quoted = c !== '"';
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '"' && depth === 0) quoted = true;
    else if (c === ';' && depth === 0) {
      out.push(value.slice(start, i));
      start = i + 1;
    }
  }
  if (quoted || depth > 0) return null;
  out.push(value.slice(start));
  return out;
}

type Token = { kind: 'word' | 'quoted' | 'eq'; text: string };

/** Cuts one resinfo into words, quoted strings and `=`, collecting comments aside. */
function tokenize(text: string, comments: string[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) i++;
    else if (c === '=') {
      tokens.push({ kind: 'eq', text: '=' });
      i++;
    } else if (c === '(') {
      let depth = 0;
      let body = '';
      for (; i < text.length; i++) {
        const ch = text[i];
        if (ch === '\\') body += text[++i] ?? '';
        else if (ch === '(' && depth++ === 0) continue;
        else if (ch === ')' && --depth === 0) break;
        else body += ch;
      }
      comments.push(body.trim());
      i++;
    } else if (c === '"') {
      let body = '';
      for (i++; i < text.length && text[i] !== '"'; i++) body += text[i] === '\\' ? text[++i] ?? '' : text[i];
      tokens.push({ kind: 'quoted', text: body });
      i++;
    } else {
      // After "=", a bare value runs to the next space, so base64 such as header.b=Ab/c= stays whole.
      const afterEq = tokens.length > 0 && tokens[tokens.length - 1].kind === 'eq';
      const stop = afterEq ? /[\s(]/ : /[\s=(]/;
      let j = i;
      while (j < text.length && !stop.test(text[j])) j++;
      tokens.push({ kind: 'word', text: text.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

/**
 * parseAuthResults reads the value of an Authentication-Results field (RFC 8601 §2.2): the
 * authserv-id, then `method=result [reason=...] [ptype.property=value ...]` entries separated by
 * `;`, or `none`. Comments are kept aside; names and results are lowercased.
 */
export function parseAuthResults(value: string): ParsedAuthResults | AuthResultsError {
  const fail = (en: string, de: string): AuthResultsError => ({ ok: false, note: { en, de } });
  const segments = splitResinfos(value.replace(/\r?\n/g, ''));
  if (!segments) return fail('A quoted string or comment is not closed.', 'Eine Zeichenkette in Anführungszeichen oder ein Kommentar ist nicht geschlossen.');
  const head = tokenize(segments[0], []);
  if (head.length === 0 || head[0].kind === 'eq') return fail('The value does not start with the name of the checking server (authserv-id).', 'Der Wert beginnt nicht mit dem Namen des prüfenden Servers (authserv-id).');
  const authservId = head[0].text;
  const rest = segments.slice(1);
  if (rest.length === 0 || (rest.length === 1 && rest[0].trim().toLowerCase() === 'none')) return { ok: true, authservId, results: [] };
  const results: AuthResultEntry[] = [];
  for (const segment of rest) {
    const comments: string[] = [];
    const t = tokenize(segment, comments);
    if (t.length < 3 || t[0].kind !== 'word' || t[1].kind !== 'eq' || t[2].kind === 'eq') {
      return fail(`"${segment.trim()}" is not of the form method=result.`, `„${segment.trim()}“ hat nicht die Form Methode=Ergebnis.`);
    }
    const [method, version] = t[0].text.toLowerCase().split('/');
    const entry: AuthResultEntry = { method, result: t[2].text.toLowerCase(), props: {}, comments, ...(version ? { version } : {}) };
    for (let i = 3; i < t.length; i += 3) {
      const [key, eq, val] = [t[i], t[i + 1], t[i + 2]];
      if (!eq || eq.kind !== 'eq' || !val || val.kind === 'eq' || key.kind !== 'word') {
        return fail(`In "${segment.trim()}", "${key.text}" is not followed by =value.`, `In „${segment.trim()}“ folgt auf „${key.text}“ kein =Wert.`);
      }
      const name = key.text.toLowerCase();
      if (name === 'reason') entry.reason = val.text;
      else entry.props[name] = val.text;
    }
    results.push(entry);
  }
  return { ok: true, authservId, results };
}
