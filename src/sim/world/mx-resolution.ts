/**
 * Where does mail for a domain go? RFC 5321 §5.1: look up the MX records, try them by
 * preference (lowest first); with no MX records at all, the domain's own address records act
 * as an implicit MX of preference 0; a "null MX" (RFC 7505: a single MX 0 .) says the domain
 * accepts no mail at all. NXDOMAIN is final; SERVFAIL and timeouts are temporary.
 */
import type { Resolution, Target } from '../agents/mta-queue';
import type { DnsRecordOf } from '../protocol/dns-record';
import type { WorldContext } from './context';

/** resolveHost finds a host's IPv4 addresses as delivery targets. */
export function resolveHost(ctx: WorldContext, from: string, name: string, via: string, done: (targets: Target[], problem?: Resolution) => void): void {
  ctx.dns.lookup(from, name, 'A', (r) => {
    if (r.rcode === 'NXDOMAIN') {
      return done([], { kind: 'permanent', reason: `Host or domain name not found. Name service error for name=${name} type=A: Host not found`, reply: { code: 550, enhanced: '5.4.4', lines: [`Host or domain name not found. Name service error for name=${name} type=A: Host not found`] } });
    }
    if (r.rcode !== 'NOERROR') return done([], { kind: 'temporary', reason: `Host or domain name not found. Name service error for name=${name} type=A: Host not found, try again` });
    const targets = r.records.filter((x): x is DnsRecordOf<'A'> => x.type === 'A').map((a) => ({ host: name, ip: a.data.address, via }));
    done(targets);
  });
}

/** resolveDomain turns a recipient domain into an ordered list of targets, or a verdict. */
export function resolveDomain(ctx: WorldContext, from: string, domain: string, done: (r: Resolution) => void): void {
  ctx.dns.lookup(from, domain, 'MX', (r) => {
    if (r.rcode === 'NXDOMAIN') {
      const text = `Host or domain name not found. Name service error for name=${domain} type=MX: Host not found`;
      return done({ kind: 'permanent', reason: text, reply: { code: 550, enhanced: '5.4.4', lines: [text] } });
    }
    if (r.rcode !== 'NOERROR') {
      return done({ kind: 'temporary', reason: `Host or domain name not found. Name service error for name=${domain} type=MX: Host not found, try again (${r.rcode})` });
    }
    const mx = r.records.filter((x): x is DnsRecordOf<'MX'> => x.type === 'MX');
    // RFC 7505 §3: a single MX with an empty exchange (".") means "no mail accepted here".
    if (mx.length === 1 && (mx[0].data.exchange === '' || mx[0].data.exchange === '.')) {
      const text = `<${domain}>: Domain does not accept mail (null MX)`;
      return done({ kind: 'permanent', reason: text, reply: { code: 556, enhanced: '5.1.10', lines: [text] } });
    }
    if (mx.length === 0) {
      // RFC 5321 §5.1: no MX, so the domain's A record is the implicit MX.
      resolveHost(ctx, from, domain, 'A fallback (no MX)', (targets, problem) => done(targets.length ? { kind: 'targets', targets } : problem ?? { kind: 'permanent', reason: `no MX and no A record for ${domain}`, reply: { code: 550, enhanced: '5.4.4', lines: [`Host or domain name not found. Name service error for name=${domain} type=A: Host not found`] } }));
      return;
    }
    // Equal preferences are shuffled (RFC 5321 §5.1) with the world's seeded random source.
    const sorted = [...mx].sort((a, b) => a.data.preference - b.data.preference || (ctx.random.next() < 0.5 ? -1 : 1));
    const targets: Target[] = [];
    let i = 0;
    const next = () => {
      if (i >= sorted.length) {
        return done(targets.length ? { kind: 'targets', targets } : { kind: 'temporary', reason: `no address found for any MX host of ${domain}` });
      }
      const rec = sorted[i++];
      resolveHost(ctx, from, rec.data.exchange, `MX ${rec.data.preference} ${rec.data.exchange}`, (t) => {
        targets.push(...t);
        next();
      });
    };
    next();
  });
}
