/**
 * Where does mail for a domain go? RFC 5321 §5.1: look up the MX records, try them by
 * preference (lowest first); with no MX records at all, the domain's own address records act
 * as an implicit MX of preference 0; a "null MX" (RFC 7505: a single MX 0 .) says the domain
 * accepts no mail at all. NXDOMAIN is final; SERVFAIL and timeouts are temporary. The failure
 * texts are Postfix's (`Host or domain name not found. Name service error for name=...`).
 */
import type { Resolution, Target } from '../agents/mta-queue';
import type { Failure } from '../protocol/delivery-outcome';
import type { DnsRecordOf, DnsType } from '../protocol/dns-record';
import type { DnsLookupResult } from '../protocol/dns-lookup';
import { replyFor } from '../protocol/reply-table';
import type { WorldContext } from './context';

/** dnsFailure turns a failed lookup into Postfix's words: 5.4.4 when the name or data is not there, 4.4.3 when DNS did not answer. */
function dnsFailure(name: string, type: DnsType, r: DnsLookupResult): Failure {
  const base = `Host or domain name not found. Name service error for name=${name} type=${type}`;
  if (r.rcode === 'NXDOMAIN') return { status: '5.4.4', text: `${base}: Host not found` };
  if (r.rcode === 'NOERROR') return { status: '5.4.4', text: `${base}: No address associated with hostname` };
  return { status: '4.4.3', text: `${base}: Host not found, try again (${r.rcode})` };
}

/** verdict makes a failure final (5.x.x) or temporary (4.x.x). */
function verdict(f: Failure): Resolution {
  if (!f.status.startsWith('5')) return { kind: 'temporary', failure: f, reason: f.text };
  return { kind: 'permanent', failure: f, reason: f.text, reply: { code: f.code ?? 550, enhanced: f.status, lines: [f.text] } };
}

/** resolveHost finds a host's IPv4 addresses as delivery targets, or the failure of the lookup. */
export function resolveHost(ctx: WorldContext, from: string, name: string, via: string, done: (targets: Target[], problem?: Resolution) => void): void {
  ctx.dns.lookup(from, name, 'A', (r) => {
    const targets = r.rcode === 'NOERROR' ? r.records.filter((x): x is DnsRecordOf<'A'> => x.type === 'A').map((a) => ({ host: name, ip: a.data.address, via })) : [];
    done(targets, targets.length ? undefined : verdict(dnsFailure(name, 'A', r)));
  });
}

/** resolveDomain turns a recipient domain into an ordered list of targets, or a verdict. */
export function resolveDomain(ctx: WorldContext, from: string, domain: string, done: (r: Resolution) => void): void {
  ctx.dns.lookup(from, domain, 'MX', (r) => {
    if (r.rcode !== 'NOERROR') return done(verdict(dnsFailure(domain, 'MX', r)));
    const mx = r.records.filter((x): x is DnsRecordOf<'MX'> => x.type === 'MX');
    // RFC 7505 §3: a single MX with an empty exchange (".") means "no mail accepted here".
    if (mx.length === 1 && (mx[0].data.exchange === '' || mx[0].data.exchange === '.')) {
      return done(verdict({ status: '5.1.10', code: replyFor('null-mx', { address: domain, domain }).code, text: `Domain ${domain} does not accept mail (nullMX)` }));
    }
    if (mx.length === 0) {
      // RFC 5321 §5.1: no MX, so the domain's address record is the implicit MX.
      resolveHost(ctx, from, domain, 'A fallback (no MX)', (targets, problem) => done(targets.length ? { kind: 'targets', targets } : problem!));
      return;
    }
    // Equal preferences are shuffled (RFC 5321 §5.1) with the world's seeded random source.
    const sorted = [...mx].sort((a, b) => a.data.preference - b.data.preference || (ctx.random.next() < 0.5 ? -1 : 1));
    const targets: Target[] = [];
    const problems: Resolution[] = [];
    let i = 0;
    const next = () => {
      if (i >= sorted.length) {
        if (targets.length) return done({ kind: 'targets', targets });
        // No MX host has an address: final only when every lookup said so for sure (Postfix smtp_addr).
        return done(problems.find((p) => p.kind === 'temporary') ?? problems[problems.length - 1]);
      }
      const rec = sorted[i++];
      resolveHost(ctx, from, rec.data.exchange, `MX ${rec.data.preference} ${rec.data.exchange}`, (t, problem) => {
        targets.push(...t);
        if (problem) problems.push(problem);
        next();
      });
    };
    next();
  });
}
