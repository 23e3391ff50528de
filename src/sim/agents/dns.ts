/**
 * dnsResolverMachine: the stub resolver with a TTL cache that each mail server uses.
 *
 * A lookup answered from the cache costs nothing; otherwise a query packet travels to the
 * zone's authoritative server and the answer travels back (RFC 1034 §5.3.3, simplified: the
 * resolver knows each zone's server instead of walking from the root). A server that does not
 * answer (down, or a `dns-timeout` fault) is retried once and then reported as TIMEOUT, which a
 * mail server treats as a temporary failure — unlike NXDOMAIN, which is final.
 */
import { assign, setup } from 'xstate';
import type { DnsRecord, DnsType } from '../protocol/dns-record';
import type { DnsLookupResult } from '../protocol/dns-lookup';

/** DNS_TIMEOUT_MS: how long the resolver waits for one answer before retrying (glibc: 5 s). */
export const DNS_TIMEOUT_MS = 5000;
const DNS_TRIES = 2;

/** DnsNetwork: what the resolver needs from the world to ask an authoritative server. */
export interface DnsNetwork {
  now(): number;
  /** The authoritative server for a name, or undefined when no zone in the world holds it. */
  serverFor(name: string): string | undefined;
  /** Sends the query packet and, if the server answers, the answer packet; calls back on arrival. */
  ask(from: string, server: string, id: string, name: string, type: DnsType, onAnswer: (r: DnsLookupResult) => void): void;
  /** Records an answer the resolver gave itself (cache hit, no zone, timeout). */
  noteLocal(from: string, id: string, name: string, type: DnsType, r: DnsLookupResult, cached: boolean): void;
  after(ms: number, fn: () => void): number;
  cancel(timer: number): void;
}

interface CacheEntry {
  result: DnsLookupResult;
  expires: number;
}

interface Ctx {
  host: string;
  net: DnsNetwork;
  cache: Map<string, CacheEntry>;
  nextId: number;
}

type Ev = { type: 'dns.lookup'; name: string; qtype: DnsType; reply: (r: DnsLookupResult) => void } | { type: 'dns.flush' };

function minTtl(records: DnsRecord[]): number {
  return records.length ? Math.min(...records.map((r) => r.ttl)) : 300;
}

/** dnsResolverMachine: one host's resolver and cache. */
export const dnsResolverMachine = setup({
  types: {} as { context: Ctx; events: Ev; input: { host: string; net: DnsNetwork } },
  actions: {
    lookup: assign(({ context, event }) => {
      if (event.type !== 'dns.lookup') return {};
      const { name, qtype, reply } = event;
      const key = `${name.toLowerCase()}|${qtype}`;
      const id = `${context.host}#${context.nextId}`;
      const hit = context.cache.get(key);
      const now = context.net.now();
      if (hit && hit.expires > now) {
        context.net.noteLocal(context.host, id, name, qtype, hit.result, true);
        context.net.after(0, () => reply(hit.result));
        return { nextId: context.nextId + 1 };
      }
      const server = context.net.serverFor(name);
      if (!server) {
        const nx: DnsLookupResult = { rcode: 'NXDOMAIN', records: [] };
        context.net.noteLocal(context.host, id, name, qtype, nx, false);
        context.net.after(0, () => reply(nx));
        return { nextId: context.nextId + 1 };
      }
      let settled = false;
      const tryOnce = (attempt: number) => {
        const timer = context.net.after(DNS_TIMEOUT_MS, () => {
          if (settled) return;
          if (attempt + 1 < DNS_TRIES) return tryOnce(attempt + 1);
          settled = true;
          const to: DnsLookupResult = { rcode: 'TIMEOUT', records: [] };
          context.net.noteLocal(context.host, id, name, qtype, to, false);
          reply(to);
        });
        context.net.ask(context.host, server, id, name, qtype, (r) => {
          if (settled) return;
          settled = true;
          context.net.cancel(timer);
          // RFC 2308: negative answers are cached too (for the SOA minimum; 300 s here).
          if (r.rcode === 'NOERROR' || r.rcode === 'NXDOMAIN') context.cache.set(key, { result: r, expires: context.net.now() + minTtl(r.records) * 1000 });
          reply(r);
        });
      };
      tryOnce(0);
      return { nextId: context.nextId + 1 };
    }),
    flush: ({ context }) => context.cache.clear(),
  },
}).createMachine({
  id: 'dns-resolver',
  context: ({ input }) => ({ host: input.host, net: input.net, cache: new Map(), nextId: 1 }),
  initial: 'serving',
  states: {
    serving: { on: { 'dns.lookup': { actions: 'lookup' }, 'dns.flush': { actions: 'flush' } } },
  },
});

/** cachedAnswer reads the cache without asking anyone (for synchronous evaluators). */
export function cachedAnswer(cache: Map<string, CacheEntry>, name: string, qtype: DnsType, now: number): DnsLookupResult | undefined {
  const hit = cache.get(`${name.toLowerCase()}|${qtype}`);
  return hit && hit.expires > now ? hit.result : undefined;
}
