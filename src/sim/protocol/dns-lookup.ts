/**
 * The question the evaluators (SPF, DKIM keys, DMARC, DNSBL, the record checkers) ask DNS, asked
 * synchronously: a name and a type in, an rcode and the answer records out. The world answers it
 * through a host's resolver; `lookupFromRecords` answers it from a plain list for tests and for
 * the DNS editor's checkers.
 */

import { normalizeName, type DnsRecord, type DnsRecordOf, type DnsType } from './dns-record';

/** DnsRcode is how a lookup ended; TIMEOUT is the resolver giving up, not a wire rcode. */
export type DnsRcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'TIMEOUT';

/**
 * DnsLookupResult is an answer: the rcode, and the answer section — the CNAMEs followed, then the
 * records of the asked type. NOERROR without a record of the asked type is NODATA (RFC 2308 §2.2).
 */
export interface DnsLookupResult {
  rcode: DnsRcode;
  records: DnsRecord[];
}

/** DnsLookup asks for the records of one type at a name (lowercase, no trailing dot needed). */
export type DnsLookup = (name: string, type: DnsType) => DnsLookupResult;

/** answersOf picks the records of the asked type from an answer, leaving out the CNAMEs followed. */
export function answersOf<T extends DnsType>(result: DnsLookupResult, type: T): DnsRecordOf<T>[] {
  return result.records.filter((r): r is DnsRecordOf<T> => r.type === type);
}

/** isVoid tells whether an answer is NXDOMAIN or NODATA for the type (a "void lookup", RFC 7208 §4.6.4). */
export function isVoid(result: DnsLookupResult, type: DnsType): boolean {
  return result.rcode === 'NXDOMAIN' || (result.rcode === 'NOERROR' && answersOf(result, type).length === 0);
}

/** LookupFailures makes chosen names answer with an error instead of their records (for tests and faults). */
export type LookupFailures = Record<string, 'NXDOMAIN' | 'SERVFAIL' | 'TIMEOUT'>;

/** MAX_CNAME_CHAIN is how many CNAMEs a lookup follows before it gives up with SERVFAIL. */
export const MAX_CNAME_CHAIN = 8;

/**
 * lookupFromRecords answers from a plain list of records: it follows CNAMEs (RFC 1034 §3.6.2),
 * expands wildcards at the closest encloser (RFC 4592 §3.3), gives NXDOMAIN when nothing exists at
 * the name or below it, and NODATA when the name exists without the asked type (RFC 8020).
 * `failures` makes the names listed answer with the given rcode.
 */
export function lookupFromRecords(records: readonly DnsRecord[], failures: LookupFailures = {}): DnsLookup {
  const byName = new Map<string, DnsRecord[]>();
  const existing = new Set<string>();
  for (const r of records) {
    const list = byName.get(r.name) ?? [];
    list.push(r);
    byName.set(r.name, list);
    // A name exists when it owns records or a name below it does (an empty non-terminal).
    let n = r.name;
    existing.add(n);
    while (n !== '') {
      const dot = n.indexOf('.');
      n = dot < 0 ? '' : n.slice(dot + 1);
      existing.add(n);
    }
  }
  const failing = new Map(Object.entries(failures).map(([k, v]) => [normalizeName(k), v]));

  const at = (name: string): DnsRecord[] | undefined => {
    if (existing.has(name)) return byName.get(name) ?? [];
    // RFC 4592 §3.3.1: find the closest encloser, then its wildcard child.
    let encloser = name;
    while (encloser !== '' && !existing.has(encloser)) {
      const dot = encloser.indexOf('.');
      encloser = dot < 0 ? '' : encloser.slice(dot + 1);
    }
    const wild = byName.get(encloser === '' ? '*' : `*.${encloser}`);
    return wild?.map((r) => ({ ...r, name }) as DnsRecord);
  };

  return (rawName: string, type: DnsType): DnsLookupResult => {
    let name = normalizeName(rawName);
    const chain: DnsRecord[] = [];
    const seen = new Set<string>();
    for (;;) {
      const failure = failing.get(name);
      if (failure) return { rcode: failure, records: chain };
      const here = at(name);
      if (!here) return { rcode: 'NXDOMAIN', records: chain };
      const cname = here.find((r) => r.type === 'CNAME');
      if (!cname || type === 'CNAME') return { rcode: 'NOERROR', records: [...chain, ...here.filter((r) => r.type === type)] };
      seen.add(name);
      chain.push(cname);
      const target = cname.type === 'CNAME' ? cname.data.target : '';
      // A loop or an over-long chain is a broken zone: resolvers answer SERVFAIL.
      if (seen.has(target) || chain.length > MAX_CNAME_CHAIN) return { rcode: 'SERVFAIL', records: [] };
      name = target;
    }
  };
}
