/**
 * SPF macros (RFC 7208 §7): the syntax check of macro-strings and domain-specs, and their
 * expansion for one check: `%{s}`, `%{l}`, `%{o}`, `%{d}`, `%{i}`, `%{p}`, `%{h}`, `%{v}` and, in
 * explanations only, `%{c}`, `%{r}`, `%{t}`; transformers (digits, `r`), delimiters, the escapes
 * `%%` `%_` `%-`, and URL escaping for uppercase letters.
 */

import { dottedIp, formatIp, type IpAddress } from '../protocol/ip';

type Text = { en: string; de: string };

/** MacroPiece is one piece of a parsed macro-string: literal text or one macro. */
export type MacroPiece =
  | { kind: 'literal'; text: string }
  | { kind: 'macro'; letter: string; digits?: number; reverse: boolean; delimiters: string; raw: string };

/** MacroContext holds the values a check expands macros with (RFC 7208 §7.3). */
export interface MacroContext {
  /** `s`: the sender, `postmaster@<helo>` when MAIL FROM was empty. */
  sender: string;
  /** `l`: local-part of the sender (`postmaster` when it has none). */
  localPart: string;
  /** `o`: domain of the sender. */
  senderDomain: string;
  /** `d`: the domain whose record is being evaluated. */
  domain: string;
  /** `i`, `c`, `v`: the client's address. */
  ip: IpAddress;
  /** `h`: the HELO/EHLO name. */
  helo: string;
  /** `r`: the receiving host's name, `unknown` when not given. */
  receiver: string;
  /** `t`: seconds since the Unix epoch. */
  timestamp: number;
  /** `p`: the validated domain name of the client (looked up only when used). */
  validatedName: () => string;
}

const LETTERS = 'slodiphcrtv';
const EXPLAIN_ONLY = 'crt';

/**
 * parseMacroString splits a macro-string into pieces, or says what is wrong. With `explain`, spaces
 * and the `c`, `r`, `t` letters are allowed (RFC 7208 §7.1 explain-string, §7.3).
 */
export function parseMacroString(text: string, explain = false): { pieces: MacroPiece[] } | { problem: Text } {
  const pieces: MacroPiece[] = [];
  let literal = '';
  const flush = () => {
    if (literal) pieces.push({ kind: 'literal', text: literal });
    literal = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '%') {
      const code = c.charCodeAt(0);
      // RFC 7208 §7.1: macro-literal = %x21-24 / %x26-7E; explain-string also allows SP.
      if ((code < 0x21 || code > 0x7e) && !(explain && c === ' ')) {
        return { problem: { en: `the character '${c}' (code ${code}) is not allowed here: SPF records use plain ASCII without spaces inside a term`, de: `das Zeichen '${c}' (Code ${code}) ist hier nicht erlaubt: SPF-Einträge nutzen reines ASCII ohne Leerzeichen innerhalb eines Terms` } };
      }
      literal += c;
      continue;
    }
    const next = text[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      flush();
      pieces.push({ kind: 'macro', letter: next, reverse: false, delimiters: '', raw: `%${next}` });
      i++;
      continue;
    }
    if (next !== '{') {
      return { problem: { en: `'%${next ?? ''}' is not a macro: a % must be followed by {, %, _ or -; write %% for a percent sign (RFC 7208 §7.1)`, de: `'%${next ?? ''}' ist kein Makro: auf % muss {, %, _ oder - folgen; ein Prozentzeichen schreibt man %% (RFC 7208 §7.1)` } };
    }
    const close = text.indexOf('}', i);
    const raw = close < 0 ? text.slice(i) : text.slice(i, close + 1);
    const m = close < 0 ? null : /^%\{([a-zA-Z])([0-9]*)([rR]?)([.\-+,/_=]*)\}$/.exec(raw);
    if (!m || !LETTERS.includes(m[1].toLowerCase())) {
      return { problem: { en: `'${raw}' is not a valid macro: write %{letter}, where the letter is one of s l o d i p h v (and c r t in explanations), optionally followed by a number, r and delimiters`, de: `'${raw}' ist kein gültiges Makro: schreibe %{Buchstabe} mit einem der Buchstaben s l o d i p h v (in Erklärungen auch c r t), optional gefolgt von einer Zahl, r und Trennzeichen` } };
    }
    const letter = m[1];
    if (!explain && EXPLAIN_ONLY.includes(letter.toLowerCase())) {
      return { problem: { en: `the macro ${raw} may only be used in an explanation (exp=) text (RFC 7208 §7.3)`, de: `das Makro ${raw} darf nur in einem Erklärungstext (exp=) stehen (RFC 7208 §7.3)` } };
    }
    if (m[2] !== '' && Number(m[2]) === 0) {
      return { problem: { en: `in ${raw} the number of parts must not be zero (RFC 7208 §7.3)`, de: `in ${raw} darf die Zahl der Teile nicht null sein (RFC 7208 §7.3)` } };
    }
    flush();
    pieces.push({ kind: 'macro', letter, ...(m[2] !== '' ? { digits: Number(m[2]) } : {}), reverse: m[3] !== '', delimiters: m[4], raw });
    i = close;
  }
  flush();
  return { pieces };
}

const TOPLABEL = /\.(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])\.?$/i;

/**
 * domainSpecProblem checks a domain-spec (the part after `a:`, `include:`, `redirect=` …):
 * a valid macro-string that ends in `.toplabel` or in a macro (RFC 7208 §7.1 domain-end).
 */
export function domainSpecProblem(spec: string): Text | undefined {
  if (spec === '') return { en: 'the domain is missing after the colon or equals sign', de: 'nach dem Doppelpunkt bzw. Gleichheitszeichen fehlt die Domain' };
  const parsed = parseMacroString(spec);
  if ('problem' in parsed) return parsed.problem;
  const last = parsed.pieces[parsed.pieces.length - 1];
  if (last.kind === 'macro' || TOPLABEL.test(last.text)) return undefined;
  return { en: `'${spec}' is not a full domain name: it must end in a top-level part such as .org or .com (and an IP address belongs in ip4: or ip6:)`, de: `'${spec}' ist kein vollständiger Domainname: er muss mit einer Top-Level-Domain wie .org oder .com enden (und IP-Adressen gehören in ip4: oder ip6:)` };
}

/** urlEscape percent-encodes everything outside RFC 3986's unreserved characters, as uppercase macros require. */
function urlEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    if (/^[A-Za-z0-9\-._~]$/.test(ch)) out += ch;
    else for (const b of new TextEncoder().encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function letterValue(letter: string, ctx: MacroContext): string {
  switch (letter) {
    case 's': return ctx.sender;
    case 'l': return ctx.localPart;
    case 'o': return ctx.senderDomain;
    case 'd': return ctx.domain;
    case 'i': return dottedIp(ctx.ip);
    case 'p': return ctx.validatedName();
    case 'h': return ctx.helo;
    case 'c': return formatIp(ctx.ip) ?? '';
    case 'r': return ctx.receiver;
    case 't': return String(Math.floor(ctx.timestamp));
    default: return ctx.ip.version === 4 ? 'in-addr' : 'ip6';
  }
}

/** expandPiece gives the text of one macro (RFC 7208 §7.3: split, reverse, keep the rightmost parts, join with dots). */
function expandPiece(piece: Extract<MacroPiece, { kind: 'macro' }>, ctx: MacroContext): string {
  if (piece.letter === '%') return '%';
  if (piece.letter === '_') return ' ';
  if (piece.letter === '-') return '%20';
  const lower = piece.letter.toLowerCase();
  let value = letterValue(lower, ctx);
  if (piece.digits !== undefined || piece.reverse || piece.delimiters) {
    const delims = piece.delimiters || '.';
    let parts = value.split(new RegExp(`[${delims.replace(/[-\\\]^]/g, '\\$&')}]`));
    if (piece.reverse) parts = parts.reverse();
    if (piece.digits !== undefined && piece.digits < parts.length) parts = parts.slice(parts.length - piece.digits);
    value = parts.join('.');
  }
  return lower !== piece.letter ? urlEscape(value) : value;
}

/**
 * expandMacros expands a macro-string for one check. With `explain`, it is an explanation text
 * (spaces and `c`, `r`, `t` allowed). A syntax error comes back as a problem, never thrown.
 */
export function expandMacros(text: string, ctx: MacroContext, explain = false): { value: string } | { problem: Text } {
  const parsed = parseMacroString(text, explain);
  if ('problem' in parsed) return parsed;
  return { value: parsed.pieces.map((p) => (p.kind === 'literal' ? p.text : expandPiece(p, ctx))).join('') };
}

/**
 * expandDomainSpec expands a domain-spec into the name to query: one trailing dot dropped, and
 * (RFC 7208 §7.3) a name over 253 characters shortened from the left, label by label.
 */
export function expandDomainSpec(spec: string, ctx: MacroContext): { value: string } | { problem: Text } {
  const expanded = expandMacros(spec, ctx);
  if ('problem' in expanded) return expanded;
  let name = expanded.value.endsWith('.') ? expanded.value.slice(0, -1) : expanded.value;
  while (name.length > 253 && name.includes('.')) name = name.slice(name.indexOf('.') + 1);
  return { value: name.toLowerCase() };
}
