/**
 * buildView: the serialisable `WorldView` of a world at its current time, for the UI.
 */
import type { StoredMessage } from '../store/mailboxes';
import { getHeader } from '../protocol/message';
import type { StoredMessageView, WorldView } from './view-model';
import type { World } from './world';

function messageView(m: StoredMessage): StoredMessageView {
  return {
    uid: m.uid, msg: m.msg, from: getHeader(m.raw, 'From') ?? '', subject: getHeader(m.raw, 'Subject') ?? '',
    date: getHeader(m.raw, 'Date') ?? '', size: m.size, flags: [...m.flags].sort(), raw: m.raw,
  };
}

/** buildView collects hosts, links, queues, mailboxes, zones, accounts and faults. */
export function buildView(world: World): WorldView {
  const now = world.scheduler.now();
  const open = world.transport.openConnections();
  const queues = [...world.mailHosts.values()].flatMap((mh) => mh.outbound.pending());
  const hosts = [...world.net.hosts.values()].map((h) => {
    const mh = world.mailHosts.get(h.name);
    const config: string[] = [];
    if (mh) {
      if (mh.plan.localDomains.length) config.push(`final destination for ${mh.plan.localDomains.join(', ')}`);
      if (mh.plan.store && mh.plan.store !== h.name) config.push(`hands local mail to ${mh.plan.store}`);
      if (mh.plan.smarthost) config.push(`relayhost ${mh.plan.smarthost}`);
      if (mh.plan.relayFrom.length) config.push(`relays for ${mh.plan.relayFrom.join(', ')}`);
      config.push(`message_size_limit ${mh.plan.sizeLimit}`);
      const dk = Object.entries(mh.plan.dkimSign);
      if (dk.length) config.push(`DKIM signs ${dk.map(([d, s]) => `${d} (selector ${s})`).join(', ')}`);
      const q = mh.outbound.settings;
      config.push(`queue run ${q.runInterval / 1000}s, backoff ${q.minBackoff / 1000}–${q.maxBackoff / 1000}s, lifetime ${q.lifetime / 86_400_000}d`);
    }
    for (const z of world.dns.zones.values()) if (z.server === h.name) config.push(`authoritative for ${z.zone}`);
    const sessions = open.filter((c) => c.clientHost === h.name || c.serverHost === h.name);
    return {
      name: h.name, role: h.role, ip: h.ip, ip6: h.ip6, net: h.net, pos: h.pos,
      services: world.transport.servicesOf(h.name).map(([port, s]) => ({ port, proto: s.proto, label: s.label })),
      config,
      states: sessions.map((c) => `${c.id} ${c.clientHost} → ${c.serverHost}:${c.port}${c.tls ? ' (TLS)' : ''}`),
      sessions: sessions.length,
      queueLength: queues.filter((q) => q.host === h.name).length,
      faults: world.faults.onHost(h.name).map((f) => f.kind),
    };
  });
  const mailboxes = [...world.stores.values()].flatMap((store) =>
    store.all().map((box) => ({
      address: box.address, host: store.host, quota: box.quota,
      folders: [...box.folders.values()].map((f) => ({ name: f.name, messages: f.messages.map(messageView) })),
    })),
  );
  return {
    t: now,
    epoch: world.plan.epoch,
    title: world.plan.title,
    hosts,
    links: world.net.links.map((l) => ({ id: l.id, a: l.a, b: l.b, latency: l.latency, loss: l.loss, up: l.up })),
    queues,
    mailboxes,
    zones: [...world.dns.zones.values()].map((z) => ({ zone: z.zone, server: z.server, text: world.dns.zoneText(z.zone) })),
    accounts: world.programs.views(),
    faults: world.faults.faults.map((f) => ({
      id: f.id, kind: f.kind, target: f.target, from: f.from, until: f.cleared ?? (f.for !== undefined ? f.from + f.for : undefined), count: f.count,
      active: world.faults.live().includes(f),
    })),
    auth: [...world.authLog.all()],
  };
}
