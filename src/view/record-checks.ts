/**
 * Record checkers for the DNS editor, as administrators use them: for a zone being edited, every
 * SPF record (syntax and DNS lookup count, following include and redirect through all zones), every
 * DKIM key record (present where a signing server expects it, parsable) and every DMARC record
 * (policy parsed). The checks are the core's; this module finds the records and gathers results.
 */
import { checkDmarcRecord } from '../sim/auth/dmarc';
import { parseDkimKeyRecord } from '../sim/auth/dkim-key';
import { checkSpfRecord } from '../sim/auth/spf-check';
import { lookupFromRecords } from '../sim/protocol/dns-lookup';
import { txtValue, type DnsRecord } from '../sim/protocol/dns-record';
import { parseZone, type ZoneParseResult } from '../sim/protocol/zone-file';

/** Note: one text in English and German, as the core writes them. */
export type Note = { en: string; de: string };

/**
 * Finding: one result of a check — a text from the core (`note`), or one the page words itself
 * (`code` with `params`, looked up in the UI's catalogue).
 */
export interface Finding {
  severity: 'error' | 'warning' | 'info';
  note?: Note;
  code?: 'spf.lookups' | 'spf.none' | 'dkim.missing' | 'dkim.key' | 'dkim.revoked' | 'dkim.testing' | 'dmarc.none' | 'multiple';
  params?: Record<string, string | number>;
}

/** RecordCheck: the check of one record (or of a record that should exist and does not). */
export interface RecordCheck {
  kind: 'spf' | 'dkim' | 'dmarc';
  /** The owner name the record is (or should be) published at. */
  name: string;
  /** The TXT value checked; empty when the record is missing. */
  value: string;
  ok: boolean;
  findings: Finding[];
  /** For a readable DKIM key: the `p=` value, so the page can try to import it. */
  publicKey?: string;
}

/** ExpectedDkimKey: a domain a mail server signs for, with its selector. */
export interface ExpectedDkimKey {
  host: string;
  domain: string;
  selector: string;
}

/**
 * expectedDkimKeys reads which domains each mail server signs, from the configuration lines a
 * host view lists (`DKIM signs example.com (selector s2026)`).
 */
export function expectedDkimKeys(hosts: readonly { name: string; config: readonly string[] }[]): ExpectedDkimKey[] {
  const out: ExpectedDkimKey[] = [];
  for (const h of hosts) {
    for (const line of h.config) {
      if (!line.startsWith('DKIM signs ')) continue;
      for (const m of line.matchAll(/([a-z0-9.-]+) \(selector ([^)\s]+)\)/gi)) out.push({ host: h.name, domain: m[1].toLowerCase(), selector: m[2] });
    }
  }
  return out;
}

const inZone = (name: string, zone: string) => name === zone || name.endsWith(`.${zone}`);

/** ZoneCheck: a zone's parse result and the checks of its mail authentication records. */
export interface ZoneCheck {
  parse: ZoneParseResult;
  checks: RecordCheck[];
}

/**
 * checkZone parses `text` as zone `zone` and checks its SPF, DKIM and DMARC records. `others` are
 * the world's other zones (as published), so includes and lookups resolve as a receiver would
 * see them once this text is published; `expected` lists the DKIM keys signing servers use.
 */
export function checkZone(zone: string, text: string, others: readonly { zone: string; text: string }[], expected: readonly ExpectedDkimKey[] = []): ZoneCheck {
  const apex = zone.toLowerCase().replace(/\.$/, '');
  const parse = parseZone(text, apex);
  const records: DnsRecord[] = [...parse.records];
  for (const o of others) if (o.zone.toLowerCase() !== apex) records.push(...parseZone(o.text, o.zone).records);
  const lookup = lookupFromRecords(records);
  const txt = parse.records.filter((r) => r.type === 'TXT').map((r) => ({ name: r.name, value: txtValue(r) }));
  const checks: RecordCheck[] = [];

  const spfNames = new Map<string, number>();
  for (const r of txt) {
    if (!/^v=spf1(\s|$)/i.test(r.value)) continue;
    spfNames.set(r.name, (spfNames.get(r.name) ?? 0) + 1);
    const c = checkSpfRecord(r.value, lookup, r.name);
    const findings: Finding[] = [...c.errors.map((note) => ({ severity: 'error' as const, note })), ...c.warnings.map((note) => ({ severity: 'warning' as const, note }))];
    findings.push({ severity: 'info', code: 'spf.lookups', params: { n: c.lookupCount, max: 10 } });
    checks.push({ kind: 'spf', name: r.name, value: r.value, ok: c.ok, findings });
  }
  for (const [name, n] of spfNames) {
    if (n > 1) checks.push({ kind: 'spf', name, value: '', ok: false, findings: [{ severity: 'error', code: 'multiple', params: { name, n, kind: 'SPF' } }] });
  }
  if (!spfNames.has(apex) && !apex.endsWith('.arpa')) {
    checks.push({ kind: 'spf', name: apex, value: '', ok: true, findings: [{ severity: 'warning', code: 'spf.none', params: { name: apex } }] });
  }

  const dkimNames = new Set<string>();
  for (const r of txt) {
    if (!/\._domainkey\./.test(r.name) && !r.name.startsWith('_domainkey.')) continue;
    dkimNames.add(r.name);
    const k = parseDkimKeyRecord(r.value);
    if (!k.ok) {
      checks.push({ kind: 'dkim', name: r.name, value: r.value, ok: false, findings: [{ severity: 'error', note: k.note }] });
      continue;
    }
    const findings: Finding[] = [];
    if (k.revoked) findings.push({ severity: 'error', code: 'dkim.revoked' });
    else findings.push({ severity: 'info', code: 'dkim.key', params: { type: k.keyType } });
    if (k.testing) findings.push({ severity: 'warning', code: 'dkim.testing' });
    checks.push({ kind: 'dkim', name: r.name, value: r.value, ok: !k.revoked, findings, ...(k.revoked ? {} : { publicKey: k.publicKey }) });
  }
  for (const e of expected) {
    const name = `${e.selector}._domainkey.${e.domain}`.toLowerCase();
    if (!inZone(e.domain, apex) || dkimNames.has(name)) continue;
    checks.push({ kind: 'dkim', name, value: '', ok: false, findings: [{ severity: 'error', code: 'dkim.missing', params: { name, host: e.host, domain: e.domain } }] });
  }

  const dmarcNames = new Set<string>();
  for (const r of txt) {
    if (!r.name.startsWith('_dmarc.')) continue;
    dmarcNames.add(r.name);
    const d = checkDmarcRecord(r.value);
    checks.push({ kind: 'dmarc', name: r.name, value: r.value, ok: d.ok, findings: d.issues.map((i) => ({ severity: i.severity, note: i.note })) });
  }
  if (!dmarcNames.has(`_dmarc.${apex}`) && !apex.endsWith('.arpa') && spfNames.has(apex)) {
    checks.push({ kind: 'dmarc', name: `_dmarc.${apex}`, value: '', ok: true, findings: [{ severity: 'info', code: 'dmarc.none', params: { name: `_dmarc.${apex}` } }] });
  }
  return { parse, checks };
}

/** dkimTxtLine writes a key record as a zone-file line, the value split into quoted strings of at most 255 octets. */
export function dkimTxtLine(selector: string, value: string): string {
  const parts: string[] = [];
  for (let i = 0; i < value.length; i += 250) parts.push(`"${value.slice(i, i + 250)}"`);
  return `${selector}._domainkey IN TXT ( ${parts.join('\n        ')} )`;
}

/** replaceDkimKey puts a new key record for `selector` into a zone text, replacing the old one(s). */
export function replaceDkimKey(text: string, selector: string, value: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let skipping = false;
  const owner = new RegExp(`^${selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\._domainkey(\\s|$)`, 'i');
  for (const line of lines) {
    if (skipping) {
      if (line.includes(')')) skipping = false;
      continue;
    }
    if (owner.test(line)) {
      const open = (line.match(/\(/g) ?? []).length;
      const close = (line.match(/\)/g) ?? []).length;
      skipping = open > close;
      continue;
    }
    out.push(line);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n${dkimTxtLine(selector, value)}\n`;
}
