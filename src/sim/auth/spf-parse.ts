/**
 * SPF record syntax (RFC 7208 §4.5, §4.6.1, §5, §6, §12 ABNF): picking the SPF record among a
 * name's TXT records, and reading it into mechanisms and modifiers. A record with any syntax
 * error is refused as a whole, as check_host() requires (RFC 7208 §4.6).
 */

import { parseIPv4, parseIPv6, type IpAddress } from '../protocol/ip';
import { domainSpecProblem, parseMacroString } from './spf-macro';

type Text = { en: string; de: string };

/** SpfQualifier is the sign in front of a mechanism: + pass, - fail, ~ softfail, ? neutral. */
export type SpfQualifier = '+' | '-' | '~' | '?';

/** SpfMechanismName lists the mechanisms of RFC 7208 §5. */
export type SpfMechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

/** SpfMechanism is one parsed mechanism, e.g. `-ip4:192.0.2.0/24` or `a:example.org/24//64`. */
export interface SpfMechanism {
  kind: 'mechanism';
  /** The term as written. */
  text: string;
  qualifier: SpfQualifier;
  name: SpfMechanismName;
  /** The domain-spec (include, a, mx, ptr, exists), still with its macros. */
  domainSpec?: string;
  /** The network of ip4/ip6. */
  network?: IpAddress;
  /** Prefix length for IPv4 comparisons (ip4, a, mx); 32 when not written. */
  cidr4: number;
  /** Prefix length for IPv6 comparisons (ip6, a, mx); 128 when not written. */
  cidr6: number;
}

/** SpfModifier is one `name=value` term; only `redirect` and `exp` have a meaning (RFC 7208 §6). */
export interface SpfModifier {
  kind: 'modifier';
  text: string;
  /** Lowercased modifier name. */
  name: string;
  value: string;
}

/** SpfTerm is a mechanism or a modifier. */
export type SpfTerm = SpfMechanism | SpfModifier;

/** SpfRecord is a parsed record: its terms in order, and its redirect and exp modifiers if any. */
export interface SpfRecord {
  terms: SpfTerm[];
  mechanisms: SpfMechanism[];
  redirect?: SpfModifier;
  exp?: SpfModifier;
}

/** SpfSyntaxError says which term is wrong and why. */
export interface SpfSyntaxError {
  term?: string;
  message: Text;
}

/** QUALIFIER_RESULT maps a qualifier to the result a match gives (RFC 7208 §4.6.2). */
export const QUALIFIER_RESULT = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' } as const;

/** LOOKUP_MECHANISMS are the terms that count toward the limit of 10 DNS lookups (RFC 7208 §4.6.4), with `redirect`. */
export const LOOKUP_MECHANISMS: readonly SpfMechanismName[] = ['include', 'a', 'mx', 'ptr', 'exists'];

/** isSpfRecord tells whether a TXT value is an SPF record: `v=spf1` alone or followed by a space (RFC 7208 §4.5). */
export function isSpfRecord(value: string): boolean {
  return /^v=spf1(?: |$)/i.test(value);
}

/**
 * selectSpfRecord picks the SPF record among the TXT values of a name (RFC 7208 §4.5): none when
 * no value starts with `v=spf1`, an error (permerror) when more than one does.
 */
export function selectSpfRecord(values: readonly string[]): { record?: string; multiple: boolean } {
  const spf = values.filter(isSpfRecord);
  return spf.length === 1 ? { record: spf[0], multiple: false } : { multiple: spf.length > 1 };
}

const MECHANISMS = new Set<string>(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);
const CIDR = /^(.*?)(?:\/(0|[1-9][0-9]*))?(?:\/\/(0|[1-9][0-9]*))?$/;

function problem(term: string, en: string, de: string): SpfSyntaxError {
  return { term, message: { en: `${term}: ${en}`, de: `${term}: ${de}` } };
}

/** parseMechanism reads one directive (RFC 7208 §4.6.1: [qualifier] mechanism). */
function parseMechanism(term: string): SpfMechanism | SpfSyntaxError {
  let rest = term;
  let qualifier: SpfQualifier = '+';
  if ('+-~?'.includes(rest[0])) {
    qualifier = rest[0] as SpfQualifier;
    rest = rest.slice(1);
  }
  const colon = rest.indexOf(':');
  const slash = rest.indexOf('/');
  const nameEnd = Math.min(colon < 0 ? rest.length : colon, slash < 0 ? rest.length : slash);
  const name = rest.slice(0, nameEnd).toLowerCase();
  const afterName = rest.slice(nameEnd);
  if (!MECHANISMS.has(name)) {
    return problem(term, `'${name || term}' is not a mechanism; known ones are all, include, a, mx, ptr, ip4, ip6 and exists (RFC 7208 §5)`, `'${name || term}' ist kein Mechanismus; bekannt sind all, include, a, mx, ptr, ip4, ip6 und exists (RFC 7208 §5)`);
  }
  const base = { kind: 'mechanism' as const, text: term, qualifier, name: name as SpfMechanismName, cidr4: 32, cidr6: 128 };
  if (name === 'all') {
    if (afterName !== '') return problem(term, "'all' takes no value", "'all' hat keinen Wert");
    return base;
  }
  // ip4 and ip6: RFC 7208 §5.6, a single CIDR length of their own family.
  if (name === 'ip4' || name === 'ip6') {
    const m = /^:([^/]*)(?:\/(0|[1-9][0-9]*))?$/.exec(afterName);
    if (!m) return problem(term, `write ${name}:<address> or ${name}:<network>/<length>`, `schreibe ${name}:<Adresse> oder ${name}:<Netz>/<Länge>`);
    const bytes = name === 'ip4' ? parseIPv4(m[1]) : parseIPv6(m[1]);
    if (!bytes) return problem(term, `'${m[1]}' is not an ${name === 'ip4' ? 'IPv4' : 'IPv6'} address`, `'${m[1]}' ist keine ${name === 'ip4' ? 'IPv4' : 'IPv6'}-Adresse`);
    const max = name === 'ip4' ? 32 : 128;
    const length = m[2] === undefined ? max : Number(m[2]);
    if (length > max) return problem(term, `the prefix length must be between 0 and ${max}`, `die Präfixlänge muss zwischen 0 und ${max} liegen`);
    const network: IpAddress = { version: name === 'ip4' ? 4 : 6, bytes };
    return name === 'ip4' ? { ...base, network, cidr4: length } : { ...base, network, cidr6: length };
  }
  // include and exists need a domain-spec; ptr may have one; a and mx may have one and a dual CIDR (RFC 7208 §5).
  const dual = name === 'a' || name === 'mx';
  let spec: string | undefined;
  let cidr4 = 32;
  let cidr6 = 128;
  if (afterName.startsWith(':')) {
    const m = dual ? (CIDR.exec(afterName.slice(1)) as RegExpExecArray) : undefined;
    spec = m ? m[1] : afterName.slice(1);
    if (m?.[2] !== undefined) cidr4 = Number(m[2]);
    if (m?.[3] !== undefined) cidr6 = Number(m[3]);
    const bad = domainSpecProblem(spec);
    if (bad) return { term, message: { en: `${term}: ${bad.en}`, de: `${term}: ${bad.de}` } };
  } else if (name === 'include' || name === 'exists') {
    return problem(term, `${name} needs a domain: ${name}:example.org`, `${name} braucht eine Domain: ${name}:example.org`);
  } else if (afterName !== '') {
    const m = dual ? /^(?:\/(0|[1-9][0-9]*))?(?:\/\/(0|[1-9][0-9]*))?$/.exec(afterName) : null;
    if (!m) return problem(term, `write ${name}, ${name}:<domain>${dual ? ` or ${name}/<length>` : ''}`, `schreibe ${name}, ${name}:<Domain>${dual ? ` oder ${name}/<Länge>` : ''}`);
    if (m[1] !== undefined) cidr4 = Number(m[1]);
    if (m[2] !== undefined) cidr6 = Number(m[2]);
  }
  if (cidr4 > 32 || cidr6 > 128) {
    return problem(term, 'the prefix lengths must be at most /32 for IPv4 and //128 for IPv6', 'die Präfixlängen dürfen höchstens /32 für IPv4 und //128 für IPv6 sein');
  }
  return { ...base, ...(spec !== undefined ? { domainSpec: spec } : {}), cidr4, cidr6 };
}

/**
 * parseSpfRecord reads a whole record (`v=spf1 …`). Any syntax error in any term refuses the
 * record (RFC 7208 §4.6: permerror before any term is evaluated).
 */
export function parseSpfRecord(text: string): { record: SpfRecord } | { error: SpfSyntaxError } {
  if (!isSpfRecord(text)) {
    return { error: { message: { en: 'an SPF record must start with v=spf1 followed by a space', de: 'ein SPF-Eintrag muss mit v=spf1 und einem Leerzeichen beginnen' } } };
  }
  // RFC 7208 §4.6.1: terms are separated by one or more spaces (SP only).
  const words = text.slice(6).split(' ').filter((w) => w !== '');
  const record: SpfRecord = { terms: [], mechanisms: [] };
  for (const word of words) {
    const modifier = /^([a-zA-Z][a-zA-Z0-9_.-]*)=(.*)$/.exec(word);
    if (!modifier) {
      const mech = parseMechanism(word);
      if ('message' in mech) return { error: mech };
      record.terms.push(mech);
      record.mechanisms.push(mech);
      continue;
    }
    const name = modifier[1].toLowerCase();
    const term: SpfModifier = { kind: 'modifier', text: word, name, value: modifier[2] };
    if (name === 'redirect' || name === 'exp') {
      // RFC 7208 §6: each of them at most once.
      if (record[name]) return { error: problem(word, `${name}= may appear only once in a record (RFC 7208 §6)`, `${name}= darf nur einmal im Eintrag stehen (RFC 7208 §6)`) };
      const bad = domainSpecProblem(term.value);
      if (bad) return { error: { term: word, message: { en: `${word}: ${bad.en}`, de: `${word}: ${bad.de}` } } };
      record[name] = term;
    } else {
      // RFC 7208 §6: unknown modifiers are ignored, but their value must still be a valid macro-string.
      const parsed = parseMacroString(term.value, true);
      if ('problem' in parsed) return { error: { term: word, message: { en: `${word}: ${parsed.problem.en}`, de: `${word}: ${parsed.problem.de}` } } };
    }
    record.terms.push(term);
  }
  return { record };
}
