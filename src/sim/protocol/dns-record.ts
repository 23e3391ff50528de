/**
 * DNS resource records as the simulator keeps them: owner names as lowercase FQDNs without the
 * trailing dot, record data already parsed (RFC 1035 §3.3, RFC 3596 for AAAA), and the
 * presentation format (RFC 1035 §5.1) that zone files and `dig` show.
 */

/** DnsType lists the record types the simulated DNS serves. */
export type DnsType = 'A' | 'AAAA' | 'MX' | 'TXT' | 'CNAME' | 'PTR' | 'NS' | 'SOA';

/** DNS_TYPES lists every supported record type, in the order an explainer shows them. */
export const DNS_TYPES: readonly DnsType[] = ['SOA', 'NS', 'A', 'AAAA', 'MX', 'TXT', 'CNAME', 'PTR'];

interface RecordBase {
  /** Owner name: lowercase FQDN without the trailing dot (`mx1.example.org`; the root is `''`). */
  name: string;
  /** Time to live in seconds. */
  ttl: number;
}

/** ARecord holds one IPv4 address (RFC 1035 §3.4.1). */
export interface ARecord extends RecordBase {
  type: 'A';
  data: { address: string };
}
/** AaaaRecord holds one IPv6 address in canonical form (RFC 3596 §2.2). */
export interface AaaaRecord extends RecordBase {
  type: 'AAAA';
  data: { address: string };
}
/** MxRecord names a mail exchanger and its preference; lower is tried first (RFC 1035 §3.3.9). */
export interface MxRecord extends RecordBase {
  type: 'MX';
  data: { preference: number; exchange: string };
}
/**
 * TxtRecord holds one or more character-strings of at most 255 octets each (RFC 1035 §3.3.14).
 * Its value is the strings joined without a separator (RFC 7208 §3.3).
 */
export interface TxtRecord extends RecordBase {
  type: 'TXT';
  data: { strings: string[] };
}
/** CnameRecord makes its owner an alias of `target` (RFC 1034 §3.6.2). */
export interface CnameRecord extends RecordBase {
  type: 'CNAME';
  data: { target: string };
}
/** PtrRecord points a reverse name (`…in-addr.arpa`) at a host name (RFC 1035 §3.3.12). */
export interface PtrRecord extends RecordBase {
  type: 'PTR';
  data: { target: string };
}
/** NsRecord names an authoritative name server of the zone (RFC 1035 §3.3.11). */
export interface NsRecord extends RecordBase {
  type: 'NS';
  data: { target: string };
}
/** SoaRecord is the start of authority of a zone (RFC 1035 §3.3.13). */
export interface SoaRecord extends RecordBase {
  type: 'SOA';
  data: { mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number };
}

/** DnsRecord is any supported resource record, discriminated by `type`. */
export type DnsRecord = ARecord | AaaaRecord | MxRecord | TxtRecord | CnameRecord | PtrRecord | NsRecord | SoaRecord;

/** DnsRecordOf picks the record interface for one type (`DnsRecordOf<'MX'>` is `MxRecord`). */
export type DnsRecordOf<T extends DnsType> = Extract<DnsRecord, { type: T }>;

/** isDnsType tells whether a string names a supported record type (exact, uppercase). */
export function isDnsType(text: string): text is DnsType {
  return (DNS_TYPES as readonly string[]).includes(text);
}

/** normalizeName lowercases a domain name and drops one trailing dot (`Example.ORG.` → `example.org`). */
export function normalizeName(name: string): string {
  if (typeof name !== 'string') return '';
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** absoluteName prints a stored name with its trailing dot, the root as `.`. */
export function absoluteName(name: string): string {
  return name === '' ? '.' : `${name}.`;
}

const LABEL = /^[a-z0-9_-]+$/;

/**
 * nameProblem says what is wrong with a stored name, or gives `undefined` when it is fine:
 * labels of 1–63 octets, at most 253 characters in all (RFC 1035 §2.3.4), letters, digits,
 * hyphens and underscores, and `*` only as a whole leftmost label (RFC 4592 §2.1.1).
 */
export function nameProblem(name: string): { en: string; de: string } | undefined {
  if (name === '') return undefined;
  if (name.length > 253) {
    return { en: `the name is ${name.length} characters long; a domain name can have at most 253`, de: `der Name ist ${name.length} Zeichen lang; ein Domainname darf höchstens 253 haben` };
  }
  const labels = name.split('.');
  for (let k = 0; k < labels.length; k++) {
    const label = labels[k];
    if (label === '') {
      return { en: 'the name has two dots in a row (an empty part)', de: 'der Name enthält zwei Punkte hintereinander (einen leeren Teil)' };
    }
    if (label.length > 63) {
      return { en: `the part '${label.slice(0, 20)}…' is ${label.length} characters long; each part between dots can have at most 63`, de: `der Teil '${label.slice(0, 20)}…' ist ${label.length} Zeichen lang; jeder Teil zwischen Punkten darf höchstens 63 haben` };
    }
    if (label === '*' && k === 0) continue;
    if (!LABEL.test(label)) {
      return { en: `the part '${label}' contains characters a name cannot have: use letters, digits, hyphens and underscores`, de: `der Teil '${label}' enthält Zeichen, die in Namen nicht erlaubt sind: erlaubt sind Buchstaben, Ziffern, Bindestriche und Unterstriche` };
    }
  }
  return undefined;
}

/** octetLength counts the octets a string takes in UTF-8, as DNS measures character-strings. */
export function octetLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * splitTxt cuts a TXT value into character-strings of at most `max` (255) octets without
 * breaking a character apart (RFC 1035 §3.3; RFC 7208 §3.3 joins them back without spaces).
 */
export function splitTxt(value: string, max = 255): string[] {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of value) {
    const n = octetLength(ch);
    if (size + n > max && current !== '') {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts;
}

/**
 * quoteTxt prints one character-string as a quoted zone-file string: `"` and `\` are escaped
 * with a backslash, control characters as `\DDD` (RFC 1035 §5.1).
 */
export function quoteTxt(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code < 0x20 || code === 0x7f) out += `\\${String(code).padStart(3, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** txtValue gives the value of a TXT record: its strings joined without a separator (RFC 7208 §3.3). */
export function txtValue(record: DnsRecord): string {
  return record.type === 'TXT' ? record.data.strings.join('') : '';
}

/**
 * recordDataText prints the data part of a record as a zone file and `dig` show it
 * (`10 mx1.example.org.`, `"v=spf1 -all"`).
 */
export function recordDataText(record: DnsRecord): string {
  switch (record.type) {
    case 'A':
    case 'AAAA':
      return record.data.address;
    case 'MX':
      return `${record.data.preference} ${absoluteName(record.data.exchange)}`;
    case 'TXT':
      return record.data.strings.flatMap((s) => splitTxt(s)).map(quoteTxt).join(' ');
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return absoluteName(record.data.target);
    case 'SOA': {
      const d = record.data;
      return `${absoluteName(d.mname)} ${absoluteName(d.rname)} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`;
    }
  }
}

/** recordText prints a whole record in presentation format: `example.org. 3600 IN MX 10 mx1.example.org.`. */
export function recordText(record: DnsRecord): string {
  return `${absoluteName(record.name)} ${record.ttl} IN ${record.type} ${recordDataText(record)}`;
}

/** sameRecord tells whether two records have the same owner, type and data (the TTL is not compared, RFC 2181 §5.2). */
export function sameRecord(a: DnsRecord, b: DnsRecord): boolean {
  return a.name === b.name && a.type === b.type && recordDataText(a) === recordDataText(b);
}
