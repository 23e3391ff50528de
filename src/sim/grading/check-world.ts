/**
 * Checks over the world as it stands: a DNS record present (and valid for its purpose) in a zone,
 * and a setting of a person's account and mail program.
 */
import { checkDmarcRecord } from '../auth/dmarc';
import { parseDkimKeyRecord } from '../auth/dkim-key';
import { checkSpfRecord } from '../auth/spf-check';
import { lookupFromRecords, type DnsLookup } from '../protocol/dns-lookup';
import { normalizeName, recordDataText, txtValue, type DnsRecord } from '../protocol/dns-record';
import { parseZone } from '../protocol/zone-file';
import type { Check } from '../scenario/schema-checks';
import type { Text } from '../scenario/text';
import type { WorldView } from '../world/view-model';
import { both, same, type CheckResult, type Scope } from './scope';

type RecordCheck = Extract<Check, { record: unknown }>['record'];
type AccountCheck = Extract<Check, { account: unknown }>['account'];

/** Validity: whether a record is fit for its purpose, and why not. */
interface Validity {
  valid: boolean;
  kind?: Text;
  problem?: Text;
}

const zoneCache = new WeakMap<object, Map<string, DnsRecord[]>>();

/** zoneRecords parses every zone of the view once per view. */
function zoneRecords(view: Partial<WorldView>): Map<string, DnsRecord[]> {
  const zones = Array.isArray(view.zones) ? view.zones : [];
  let parsed = zoneCache.get(zones);
  if (!parsed) {
    parsed = new Map(zones.map((z) => [normalizeName(z.zone), parseZone(String(z.text ?? ''), normalizeName(z.zone)).records]));
    zoneCache.set(zones, parsed);
  }
  return parsed;
}

/** ownerName turns a check's name into the record owner: `@` is the zone, a name ending in the zone or a dot is taken as written, else it is relative. */
function ownerName(name: string, zone: string): string {
  const n = name.trim();
  if (n === '' || n === '@') return zone;
  if (n.endsWith('.')) return normalizeName(n);
  const lower = n.toLowerCase();
  return lower === zone || lower.endsWith(`.${zone}`) ? lower : `${lower}.${zone}`;
}

/** validity judges a record for its purpose: SPF, DMARC and DKIM key records by their own checkers, MX targets by their addresses. */
function validity(r: DnsRecord, siblings: readonly DnsRecord[], lookup: DnsLookup): Validity {
  if (r.type === 'TXT') {
    const value = txtValue(r);
    if (/^v=spf1(\s|$)/i.test(value)) {
      const spfCount = siblings.filter((s) => s.type === 'TXT' && /^v=spf1(\s|$)/i.test(txtValue(s))).length;
      // RFC 7208 §4.5: more than one SPF record at a name is a permerror.
      if (spfCount > 1) return { valid: false, kind: both('SPF record', 'SPF-Eintrag'), problem: both(`${r.name} has ${spfCount} SPF records; receivers return permerror`, `${r.name} hat ${spfCount} SPF-Einträge; Empfänger melden permerror`) };
      const spf = checkSpfRecord(value, lookup, r.name);
      return { valid: spf.ok, kind: both('SPF record', 'SPF-Eintrag'), problem: spf.errors[0] };
    }
    if (/^v=dmarc1/i.test(value) || r.name.startsWith('_dmarc.')) {
      const dmarc = checkDmarcRecord(value);
      return { valid: dmarc.ok, kind: both('DMARC record', 'DMARC-Eintrag'), problem: dmarc.issues.find((i) => i.severity === 'error')?.note };
    }
    if (/^v=dkim1/i.test(value) || r.name.includes('._domainkey.')) {
      const key = parseDkimKeyRecord(value);
      if (!key.ok) return { valid: false, kind: both('DKIM key', 'DKIM-Schlüssel'), problem: key.note };
      if (key.revoked) return { valid: false, kind: both('DKIM key', 'DKIM-Schlüssel'), problem: both('the key is revoked (empty p=)', 'der Schlüssel ist widerrufen (leeres p=)') };
      return { valid: true, kind: both('DKIM key', 'DKIM-Schlüssel') };
    }
    return { valid: true };
  }
  if (r.type === 'MX') {
    // RFC 7505: "0 ." is a valid null MX; any other target needs an address (RFC 5321 §5.1).
    if (r.data.exchange === '') return { valid: r.data.preference === 0, kind: both('null MX', 'Null-MX') };
    const a = lookup(r.data.exchange, 'A');
    const aaaa = lookup(r.data.exchange, 'AAAA');
    const has = [...a.records, ...aaaa.records].some((x) => x.type === 'A' || x.type === 'AAAA');
    const alias = a.records.some((x) => x.type === 'CNAME');
    if (!has) return { valid: false, kind: both('MX record', 'MX-Eintrag'), problem: both(`${r.data.exchange} has no address record`, `${r.data.exchange} hat keinen Adress-Eintrag`) };
    if (alias) return { valid: false, kind: both('MX record', 'MX-Eintrag'), problem: both(`${r.data.exchange} is an alias (CNAME); an MX must name a host (RFC 2181 §10.3)`, `${r.data.exchange} ist ein Alias (CNAME); ein MX muss einen Rechner nennen (RFC 2181 §10.3)`) };
    return { valid: true, kind: both('MX record', 'MX-Eintrag') };
  }
  return { valid: true };
}

/** evaluateRecord: a record of this type exists at the name in the zone (containing the text, valid or not when asked). */
export function evaluateRecord(c: RecordCheck, scope: Scope): CheckResult {
  const zones = zoneRecords(scope.view);
  const zone = normalizeName(c.zone);
  const records = zones.get(zone);
  if (!records) return { pass: false, detail: both(`there is no zone ${zone} in this world`, `in dieser Welt gibt es keine Zone ${zone}`) };
  const owner = ownerName(c.name, zone);
  const label = `${owner} ${c.type}`;
  const contains = c.contains?.toLowerCase();
  const atName = records.filter((r) => r.name === owner);
  const found = atName.filter((r) => r.type === c.type && (contains === undefined || recordDataText(r).toLowerCase().includes(contains) || txtValue(r).toLowerCase().includes(contains)));
  if (found.length === 0) {
    const what = contains !== undefined ? { en: ` containing '${c.contains}'`, de: ` mit '${c.contains}'` } : { en: '', de: '' };
    return { pass: false, detail: { en: `${zone} has no ${label} record${what.en}`, de: `${zone} hat keinen Eintrag ${label}${what.de}` } };
  }
  const show = (r: DnsRecord) => {
    const data = recordDataText(r);
    return `${label} ${data.length > 90 ? data.slice(0, 87) + '...' : data}`;
  };
  if (c.valid === undefined) return { pass: true, detail: both(`found ${show(found[0])}`, `gefunden: ${show(found[0])}`) };
  const all = [...zones.values()].flat();
  const lookup = lookupFromRecords(all);
  const judged = found.map((r) => ({ r, v: validity(r, atName, lookup) }));
  const hit = judged.find((j) => j.v.valid === c.valid);
  if (hit) {
    const kind = hit.v.kind ?? both('record', 'Eintrag');
    if (c.valid) return { pass: true, detail: { en: `${show(hit.r)} is a valid ${kind.en}`, de: `${show(hit.r)} ist ein gültiger ${kind.de}` } };
    return { pass: true, detail: { en: `${show(hit.r)} is not valid: ${hit.v.problem?.en ?? ''}`, de: `${show(hit.r)} ist ungültig: ${hit.v.problem?.de ?? ''}` } };
  }
  const first = judged[0];
  if (c.valid) return { pass: false, detail: { en: `${show(first.r)} is not valid: ${first.v.problem?.en ?? ''}`, de: `${show(first.r)} ist ungültig: ${first.v.problem?.de ?? ''}` } };
  return { pass: false, detail: { en: `${show(first.r)} is valid`, de: `${show(first.r)} ist gültig` } };
}

/** settingAt follows a dotted path (`outgoing.port`) into an account's view. */
function settingAt(account: object, path: string): unknown {
  let node: unknown = account;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** evaluateAccount: an account's setting (`outgoing.port`, `outgoing.security`, ...) has the value. */
export function evaluateAccount(c: AccountCheck, scope: Scope): CheckResult {
  const account = (scope.view.accounts ?? []).find((a) => same(a.address, c.address));
  if (!account) return { pass: false, detail: both(`there is no account ${c.address} in this world`, `in dieser Welt gibt es kein Konto ${c.address}`) };
  const value = settingAt(account, c.setting);
  if (value === undefined || (value !== null && typeof value === 'object')) {
    return { pass: false, detail: both(`${c.address} has no setting ${c.setting}`, `${c.address} hat keine Einstellung ${c.setting}`) };
  }
  const pass = String(value).toLowerCase() === String(c.equals).toLowerCase();
  if (pass) return { pass, detail: both(`${c.address}: ${c.setting} is ${String(value)}`, `${c.address}: ${c.setting} ist ${String(value)}`) };
  return { pass, detail: both(`${c.address}: ${c.setting} is ${String(value)}, expected ${String(c.equals)}`, `${c.address}: ${c.setting} ist ${String(value)}, erwartet: ${String(c.equals)}`) };
}
