/**
 * The DNS editor's SPF record checker: syntax, the terms that will cost DNS lookups (following
 * include and redirect through DNS when a lookup is given), and the common mistakes that are legal
 * but surprising. It looks at the record as a whole, independent of any client address.
 */

import { answersOf, type DnsLookup } from '../protocol/dns-lookup';
import { octetLength, txtValue } from '../protocol/dns-record';
import { LOOKUP_MECHANISMS, parseSpfRecord, selectSpfRecord } from './spf-parse';
import { MAX_DNS_LOOKUPS, MAX_NAMES } from './spf';

type Text = { en: string; de: string };

/** SpfRecordCheck is the checker's verdict: errors make receivers return permerror, warnings are advice. */
export interface SpfRecordCheck {
  ok: boolean;
  errors: Text[];
  warnings: Text[];
  /** DNS-querying terms counted over the record and everything it includes (RFC 7208 §4.6.4). */
  lookupCount: number;
}

interface Walk {
  lookup?: DnsLookup;
  errors: Text[];
  warnings: Text[];
}

function within(where: string | undefined, t: Text): Text {
  return where ? { en: `${where}: ${t.en}`, de: `${where}: ${t.de}` } : t;
}

/** fetchRecord reads the SPF record of an included or redirected domain, reporting what goes wrong. */
function fetchRecord(walk: Walk, term: string, target: string, where: string | undefined): string | undefined {
  const answer = walk.lookup?.(target, 'TXT');
  if (!answer) return undefined;
  if (answer.rcode === 'SERVFAIL' || answer.rcode === 'TIMEOUT') {
    walk.warnings.push(within(where, { en: `${term}: the record of ${target} could not be fetched (${answer.rcode}); receivers would return temperror`, de: `${term}: der Eintrag von ${target} war nicht abrufbar (${answer.rcode}); Empfänger würden temperror melden` }));
    return undefined;
  }
  const selected = selectSpfRecord(answersOf(answer, 'TXT').map(txtValue));
  if (selected.multiple) {
    walk.errors.push(within(where, { en: `${term}: ${target} publishes more than one SPF record, which is a permerror (RFC 7208 §4.5)`, de: `${term}: ${target} veröffentlicht mehr als einen SPF-Eintrag, das ist ein permerror (RFC 7208 §4.5)` }));
  } else if (selected.record === undefined) {
    walk.errors.push(within(where, { en: `${term}: ${target} has no SPF record, so receivers return permerror (RFC 7208 §5.2, §6.1)`, de: `${term}: ${target} hat keinen SPF-Eintrag, daher melden Empfänger permerror (RFC 7208 §5.2, §6.1)` }));
  }
  return selected.record;
}

/** walkRecord checks one record and returns the lookups it costs, including what it pulls in. */
function walkRecord(walk: Walk, text: string, domain: string | undefined, where: string | undefined, seen: Set<string>): number {
  const parsed = parseSpfRecord(text);
  if ('error' in parsed) {
    walk.errors.push(within(where, parsed.error.message));
    return 0;
  }
  const record = parsed.record;
  let count = 0;
  const follow = (term: string, spec: string) => {
    if (!walk.lookup) return 0;
    if (spec.includes('%')) {
      walk.warnings.push(within(where, { en: `${term} uses macros, so its target is only known during a check and was not followed`, de: `${term} nutzt Makros; das Ziel steht erst bei einer Prüfung fest und wurde nicht verfolgt` }));
      return 0;
    }
    const target = spec.toLowerCase().replace(/\.$/, '');
    if (seen.has(target)) {
      walk.errors.push(within(where, { en: `${term} leads back to ${target}: a loop that always ends in permerror`, de: `${term} führt zurück zu ${target}: eine Schleife, die immer mit permerror endet` }));
      return 0;
    }
    const inner = fetchRecord(walk, term, target, where);
    return inner === undefined ? 0 : walkRecord(walk, inner, target, target, new Set([...seen, target]));
  };

  const allAt = record.terms.findIndex((t) => t.kind === 'mechanism' && t.name === 'all');
  record.terms.forEach((term, k) => {
    if (k > allAt && allAt >= 0 && term.kind === 'mechanism') {
      walk.warnings.push(within(where, { en: `${term.text} comes after 'all' and is never evaluated`, de: `${term.text} steht hinter 'all' und wird nie ausgewertet` }));
    }
    if (term.kind === 'modifier') {
      if (term.name !== 'redirect' && term.name !== 'exp') {
        walk.warnings.push(within(where, { en: `the modifier ${term.name}= is unknown and ignored (RFC 7208 §6)`, de: `der Modifikator ${term.name}= ist unbekannt und wird ignoriert (RFC 7208 §6)` }));
      }
      return;
    }
    if (!LOOKUP_MECHANISMS.includes(term.name)) return;
    count++;
    if (term.name === 'ptr') {
      walk.warnings.push(within(where, { en: `${term.text}: the ptr mechanism is slow and unreliable and should not be used (RFC 7208 §5.5); list the addresses with ip4:/ip6: or use a`, de: `${term.text}: der ptr-Mechanismus ist langsam und unzuverlässig und sollte nicht genutzt werden (RFC 7208 §5.5); nenne die Adressen mit ip4:/ip6: oder nutze a` }));
    }
    if (term.name === 'include' && term.domainSpec !== undefined) count += follow(term.text, term.domainSpec);
    const mxDomain = term.domainSpec ?? domain;
    if (term.name === 'mx' && walk.lookup && mxDomain !== undefined && !mxDomain.includes('%')) {
      const names = answersOf(walk.lookup(mxDomain.replace(/\.$/, ''), 'MX'), 'MX').length;
      if (names > MAX_NAMES) {
        walk.errors.push(within(where, { en: `${term.text}: ${mxDomain} has ${names} MX records, more than the ${MAX_NAMES} the mx mechanism may look at (RFC 7208 §4.6.4)`, de: `${term.text}: ${mxDomain} hat ${names} MX-Einträge, mehr als die ${MAX_NAMES}, die der mx-Mechanismus betrachten darf (RFC 7208 §4.6.4)` }));
      }
    }
  });

  const all = allAt >= 0 ? record.terms[allAt] : undefined;
  if (all?.kind === 'mechanism' && all.qualifier === '+') {
    walk.warnings.push(within(where, { en: "'+all' lets every server in the world send for this domain", de: "'+all' erlaubt jedem Server der Welt, für diese Domain zu senden" }));
  }
  if (record.redirect) {
    if (all) {
      walk.warnings.push(within(where, { en: `${record.redirect.text} is ignored because the record has 'all' (RFC 7208 §6.1)`, de: `${record.redirect.text} wird ignoriert, weil der Eintrag 'all' enthält (RFC 7208 §6.1)` }));
    } else {
      count += 1 + follow(record.redirect.text, record.redirect.value);
    }
  } else if (!all && where === undefined) {
    walk.warnings.push(within(where, { en: "the record has neither 'all' nor redirect=, so every server not listed gets neutral; end it with -all or ~all", de: "der Eintrag hat weder 'all' noch redirect=; jeder nicht genannte Server bekommt daher neutral. Beende ihn mit -all oder ~all" }));
  }
  return count;
}

/**
 * checkSpfRecord checks an SPF record for the DNS editor: syntax (RFC 7208 §12), the number of
 * DNS-querying terms counted through include and redirect when `lookup` is given (more than 10 is
 * a permerror, RFC 7208 §4.6.4), and common mistakes as warnings. `domain` is where the record is
 * published, used for `mx` without a domain.
 */
export function checkSpfRecord(text: string, lookup?: DnsLookup, domain?: string): SpfRecordCheck {
  const walk: Walk = { ...(lookup ? { lookup } : {}), errors: [], warnings: [] };
  const value = String(text ?? '');
  const own = domain?.toLowerCase().replace(/\.$/, '');
  const lookupCount = walkRecord(walk, value, own, undefined, new Set(own ? [own] : []));
  if (lookupCount > MAX_DNS_LOOKUPS) {
    walk.errors.push({ en: `the record needs ${lookupCount} DNS lookups, but receivers allow at most ${MAX_DNS_LOOKUPS} and then return permerror (RFC 7208 §4.6.4); replace some include/a/mx terms with ip4:/ip6:`, de: `der Eintrag braucht ${lookupCount} DNS-Abfragen, Empfänger erlauben aber höchstens ${MAX_DNS_LOOKUPS} und melden dann permerror (RFC 7208 §4.6.4); ersetze einige include/a/mx-Terme durch ip4:/ip6:` });
  }
  // RFC 7208 §3.4: keep a record small enough for a DNS answer over UDP.
  if (octetLength(value) > 450) {
    walk.warnings.push({ en: `the record is ${octetLength(value)} bytes long; keep SPF records under 450 bytes so the DNS answer fits in one UDP packet (RFC 7208 §3.4)`, de: `der Eintrag ist ${octetLength(value)} Bytes lang; SPF-Einträge sollten unter 450 Bytes bleiben, damit die DNS-Antwort in ein UDP-Paket passt (RFC 7208 §3.4)` });
  }
  return { ok: walk.errors.length === 0, errors: walk.errors, warnings: walk.warnings, lookupCount };
}
