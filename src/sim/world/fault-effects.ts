/**
 * applyFaultEffect: faults that change the world itself rather than an agent's answer —
 * links cut or lossy, zones edited (missing, null or wrong MX; SPF, DKIM, DMARC and block-list
 * records in `fault-effects-auth.ts`) — are applied here when they switch on and undone when they
 * switch off. Faults that change an answer (busy, unknown user, ...) are asked for by the agents
 * at the moment they answer; `body-modified` by the relaying host (`MailHost`), `spam-content` by
 * the receiving MX's filter (`checkInbound`).
 *
 * Resolvers cache answers for their TTL (3600 s in the default zones): a zone fault switched on
 * at time 0 acts at once, one switched on later acts on MX and address lookups only when the
 * cached answer expires. The MX's authentication lookups are not cached (see `checkInbound`).
 */
import type { DnsRecord } from '../protocol/dns-record';
import type { ActiveFault } from './fault-state';
import type { World } from './world';
import { applyAuthFaultEffect } from './fault-effects-auth';

const saved = new WeakMap<ActiveFault, DnsRecord[]>();

/** applyFaultEffect switches one fault's world change on or off. */
export function applyFaultEffect(world: World, f: ActiveFault, active: boolean): void {
  // SPF, DKIM, DMARC and block-list zone edits (spf-wrong-ip, dkim-key-missing, dnsbl-listed, ...).
  if (applyAuthFaultEffect(world, f, active)) return;
  switch (f.kind) {
    case 'partition':
    case 'link-loss': {
      const [a, b] = f.target.split(/~|<->|--/);
      const link = world.net.findLink(a, b) ?? world.net.findLink(f.target);
      if (!link) return;
      if (f.kind === 'partition') link.up = !active;
      else link.loss = active ? Number(f.params?.loss ?? 0.3) : 0;
      world.net.topologyChanged();
      return;
    }
    case 'mx-missing':
    case 'null-mx':
    case 'mx-wrong-host':
      editZone(world, f, active);
      return;
  }
}

function editZone(world: World, f: ActiveFault, active: boolean): void {
  const zone = world.dns.zones.get(f.target.toLowerCase());
  if (!zone) return;
  if (!active) {
    const before = saved.get(f);
    if (before) zone.records = before;
    return;
  }
  saved.set(f, zone.records);
  const apex = zone.zone;
  const others = zone.records.filter((r) => !(r.name === apex && r.type === 'MX'));
  const mx = zone.records.filter((r) => r.name === apex && r.type === 'MX') as Extract<DnsRecord, { type: 'MX' }>[];
  if (f.kind === 'null-mx') {
    zone.records = [...others, { name: apex, ttl: 3600, type: 'MX', data: { preference: 0, exchange: '' } }];
  } else if (f.kind === 'mx-wrong-host') {
    // The catalogue's default: the zone's web server (`www`), which receives no mail.
    const wrong = String(f.params?.host || `www.${apex}`).toLowerCase().replace(/\.$/, '');
    zone.records = [...others, { name: apex, ttl: 3600, type: 'MX', data: { preference: 10, exchange: wrong } }];
  } else {
    // Missing MX: senders fall back to the domain's A record (RFC 5321 §5.1), which points at the first MX host.
    const first = mx.sort((a, b) => a.data.preference - b.data.preference)[0];
    const addr = first ? world.net.hostByAddress(first.data.exchange)?.ip : undefined;
    const keepA = others.some((r) => r.name === apex && r.type === 'A');
    zone.records = keepA || !addr || f.params?.a === 'none' ? others : [...others, { name: apex, ttl: 3600, type: 'A', data: { address: String(f.params?.a ?? addr) } }];
  }
}
