/**
 * applyAuthFaultEffect: the catalogue's authenticity faults that edit DNS — a wrong or
 * incomplete SPF record, one that needs too many lookups, a missing DKIM key, a DMARC policy
 * that rejects or quarantines unauthenticated mail, a host put on a block list. Each edit
 * remembers exactly the records it removed and added, so switching the fault off undoes only
 * its own change and leaves other edits (a student's, another fault's) alone.
 *
 * Timing: the receiving servers' SPF, DKIM, DMARC and block-list lookups ask the zone's server
 * for every message (see `checkInbound`), so such a fault acts on the next message whenever it
 * is switched on. MX and address lookups of the sending MTAs go through resolvers that cache
 * answers for their TTL (3600 s in the default zones): a zone fault that concerns them and is
 * switched on after the first lookup acts only when the cached answer expires, as in reality.
 */
import type { DnsRecord } from '../protocol/dns-record';
import { txtValue } from '../protocol/dns-record';
import { isIPv6 } from '../protocol/ip';
import { isSpfRecord } from '../auth/spf-parse';
import type { ActiveFault } from './fault-state';
import type { World } from './world';
import { dnsblQueryName } from './dnsbl';

interface ZonePatch {
  zone: string;
  /** Removed records with the place they had, to put them back there. */
  removed: { record: DnsRecord; index: number }[];
  added: DnsRecord[];
}

const patches = new WeakMap<ActiveFault, ZonePatch>();

/** AUTH_ZONE_FAULTS: the fault kinds this module handles. */
export const AUTH_ZONE_FAULTS: readonly string[] = [
  'spf-wrong-ip', 'spf-missing-sender', 'spf-too-many-lookups', 'dkim-key-missing', 'dmarc-reject', 'dmarc-quarantine', 'dnsbl-listed',
];

/** TXT_CHUNK: the longest character-string of a TXT record (RFC 1035 §3.3.14). */
const TXT_CHUNK = 255;

/** txt builds a TXT record, splitting a long value into 255-octet strings (RFC 7208 §3.3). */
function txt(name: string, value: string, ttl = 3600): DnsRecord {
  const strings: string[] = [];
  for (let i = 0; i < value.length; i += TXT_CHUNK) strings.push(value.slice(i, i + TXT_CHUNK));
  return { name, ttl, type: 'TXT', data: { strings: strings.length ? strings : [''] } };
}

const sameRecord = (a: DnsRecord, b: DnsRecord): boolean => a.name === b.name && a.type === b.type && JSON.stringify(a.data) === JSON.stringify(b.data);

/** VENDORS: services a domain might authorise one include at a time (spf-too-many-lookups). */
const VENDORS = ['newsletter', 'crm', 'helpdesk', 'billing', 'survey', 'calendar', 'shop', 'events', 'jobs', 'ads'];

type Edit = { remove: DnsRecord[]; add: DnsRecord[]; say: string };

/** The edit one fault makes to one zone's records, or undefined when it does not apply. */
function editFor(world: World, f: ActiveFault, apex: string, records: DnsRecord[]): Edit | undefined {
  const spf = records.filter((r) => r.name === apex && r.type === 'TXT' && isSpfRecord(txtValue(r)));
  const keys = records.filter((r) => r.type === 'TXT' && r.name.endsWith(`._domainkey.${apex}`));
  const replaceSpf = (value: string): Edit => ({ remove: spf, add: [txt(apex, value)], say: `${apex} TXT "${value}"` });
  switch (f.kind) {
    case 'spf-wrong-ip': {
      const ip = String(f.params?.ip ?? '203.0.113.250');
      return replaceSpf(`v=spf1 ${isIPv6(ip) ? 'ip6' : 'ip4'}:${ip} -all`);
    }
    case 'spf-missing-sender':
      // The classic: only the domain's own MX is listed, not the host that really sends.
      return replaceSpf('v=spf1 mx -all');
    case 'spf-too-many-lookups': {
      // Ten services added one include: each, in front of the record's own terms: the first of
      // those that needs DNS is lookup number 11 (RFC 7208 §4.6.4), which is a permerror.
      const own = spf.length ? txtValue(spf[0]).replace(/^v=spf1\s*/i, '') : '-all';
      const vendors = VENDORS.map((v, i) => txt(`${v}._spf.${apex}`, `v=spf1 ip4:192.0.2.${201 + i} -all`));
      const value = `v=spf1 ${VENDORS.map((v) => `include:${v}._spf.${apex}`).join(' ')} ${own}`;
      return { remove: spf, add: [txt(apex, value), ...vendors], say: `${apex} TXT "${value}"` };
    }
    case 'dkim-key-missing':
      return { remove: keys, add: [], say: keys.length ? `removed ${keys.map((k) => k.name).join(', ')}` : 'no DKIM key to remove' };
    case 'dmarc-reject':
    case 'dmarc-quarantine': {
      // The policy becomes strict while the domain's mail is no longer authenticated: its SPF
      // record misses the sending host and its DKIM key is gone (as for a service sending in its name).
      const p = f.kind === 'dmarc-reject' ? 'reject' : 'quarantine';
      const name = `_dmarc.${apex}`;
      const old = records.filter((r) => r.name === name && r.type === 'TXT');
      const before = old.map(txtValue).find((v) => /^v=DMARC1/i.test(v));
      const value = before ? (/(^|;)\s*p=/i.test(before) ? before.replace(/((?:^|;)\s*p=)\s*[a-z]*/i, `$1${p}`) : `${before}; p=${p}`) : `v=DMARC1; p=${p}`;
      return {
        remove: [...old, ...spf, ...keys],
        add: [txt(name, value), txt(apex, 'v=spf1 mx -all')],
        say: `${name} TXT "${value}"; ${apex} TXT "v=spf1 mx -all"; DKIM keys removed`,
      };
    }
    case 'dnsbl-listed': {
      const list = String(f.params?.list ?? 'dnsbl.example.net').toLowerCase();
      const ip = world.net.hosts.get(f.target)?.ip ?? world.net.hostByAddress(f.target)?.ip ?? f.target;
      const name = dnsblQueryName(ip, list);
      if (!name) return undefined;
      const listing: DnsRecord[] = [
        { name, ttl: 3600, type: 'A', data: { address: '127.0.0.2' } },
        txt(name, `${ip} listed for sending spam`),
      ];
      return { remove: [], add: listing, say: `${name} A 127.0.0.2` };
    }
  }
  return undefined;
}

/**
 * applyAuthFaultEffect switches one authenticity fault's zone edit on or off; it returns false
 * for kinds it does not handle. The target is the zone (a host for `dnsbl-listed`, whose list's
 * zone is edited).
 */
export function applyAuthFaultEffect(world: World, f: ActiveFault, active: boolean): boolean {
  if (!AUTH_ZONE_FAULTS.includes(f.kind)) return false;
  if (!active) {
    const patch = patches.get(f);
    const zone = patch && world.dns.zones.get(patch.zone);
    if (!patch || !zone) return true;
    const kept = zone.records.filter((r) => !patch.added.includes(r));
    for (const { record, index } of patch.removed) if (!kept.some((k) => sameRecord(k, record))) kept.splice(Math.min(index, kept.length), 0, record);
    zone.records = kept;
    patches.delete(f);
    world.trace.record({ type: 'world.change', what: 'zone', detail: `${patch.zone}: ${f.kind} undone`, host: zone.server });
    return true;
  }
  const zone = f.kind === 'dnsbl-listed'
    ? world.dns.zoneFor(String(f.params?.list ?? 'dnsbl.example.net'))
    : world.dns.zones.get(f.target.toLowerCase().replace(/\.$/, ''));
  if (!zone) return true;
  const edit = editFor(world, f, zone.zone, zone.records);
  if (!edit) return true;
  // The new records take the place of the first one removed, so the zone file reads the same way.
  const removed = zone.records.map((record, index) => ({ record, index })).filter((x) => edit.remove.includes(x.record));
  const kept = zone.records.filter((r) => !edit.remove.includes(r));
  const at = removed.length ? removed[0].index : kept.length;
  kept.splice(at, 0, ...edit.add);
  zone.records = kept;
  patches.set(f, { zone: zone.zone, removed, added: edit.add });
  world.trace.record({ type: 'world.change', what: 'zone', detail: `${zone.zone}: ${f.kind}: ${edit.say}`, host: zone.server });
  return true;
}
