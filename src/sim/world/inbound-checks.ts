/**
 * checkInbound: what a receiving MX checks at the end of DATA, before it answers — SPF
 * (RFC 7208) for the MAIL FROM or HELO identity, every DKIM signature (RFC 6376), DMARC
 * (RFC 7489), block lists for the earlier hops (RFC 5782) and the spam score — then what it does
 * per its policy: refuse, file into Junk or deliver. It adds `Authentication-Results` (RFC 8601)
 * and `Received-SPF` (RFC 7208 §9.1) on top, records one `auth.*` trace event per check and keeps
 * the full reasoning in the world's AuthLog.
 *
 * DNS goes through the MX's resolver as `lookupNow`: the query and answer packets are recorded
 * and their round trips add up to the delay before the reply. These lookups ask the zone's
 * server each time (no cache), so an edited record counts for the very next message.
 */
import type { Envelope } from '../agents/smtp-server';
import type { Reply } from '../protocol/smtp-reply';
import { replyFor } from '../protocol/reply-table';
import { answersOf, type DnsLookup, type DnsLookupResult } from '../protocol/dns-lookup';
import { txtValue } from '../protocol/dns-record';
import { getHeader, prependHeader } from '../protocol/message';
import { octets } from '../protocol/bytes';
import { checkHost, spfIdentity } from '../auth/spf';
import { receivedSpfHeader } from '../auth/spf-header';
import { verifyDkim, type TxtAnswer } from '../auth/dkim-verify';
import { evaluateDmarc, type DmarcInput } from '../auth/dmarc';
import { scoreMessage, type SpamVerdict } from '../auth/spam';
import { formatAuthResults, DKIM_REASON_TEXT } from '../auth/auth-results';
import type { WorldContext } from './context';
import { checkDnsbl, relayedClientIps, type DnsblCheck } from './dnsbl';
import { decideInbound, type InboundPolicy } from './inbound-policy';
import type { AuthRecord } from './auth-log';

/** InboundVerdict: the message as it will be stored (with added headers), where, or the refusal. */
export interface InboundVerdict {
  raw: string;
  folder: 'INBOX' | 'Junk';
  reject?: Reply;
  /** Time the checks took (DNS lookups), waited before replying. */
  delay: number;
}

/** inboundPolicyOf returns the inbound policy of a mail host (defaults when it has none). */
export function inboundPolicyOf(ctx: WorldContext, host: string): InboundPolicy {
  return ctx.plan.mailHosts.find((h) => h.host === host)?.inbound ?? {};
}

/** ClientScreen: a connecting client's block-list verdict and the time the lookups took. */
export interface ClientScreen extends DnsblCheck {
  delay: number;
}

/**
 * screenClient looks up a client connecting to an MX in the world's block lists before the
 * greeting (as Postfix's postscreen does); with the default policy a listing makes the MX refuse
 * every recipient with 554 5.7.1 (`reject_rbl_client`). Hosts allowed to relay are not looked up.
 */
export function screenClient(ctx: WorldContext, host: string, clientIp: string): ClientScreen {
  const zones = ctx.plan.dnsbl;
  const policy = inboundPolicyOf(ctx, host);
  if (zones.length === 0 || policy.checks === false || policy.dnsbl === 'score') return { listings: [], steps: [], delay: 0 };
  const clock = { elapsed: 0 };
  const check = checkDnsbl((name, type) => ctx.dns.lookupNow(host, name, type, clock), [clientIp], zones);
  for (const l of check.listings) {
    ctx.trace.record({ type: 'auth.spam', host, msg: '-', result: 'reject', domain: l.zone, reason: `client [${l.ip}] listed in ${l.zone} (${l.code})${l.text ? `: ${l.text}` : ''}; refused at RCPT` });
  }
  return { ...check, delay: clock.elapsed };
}

/** The first address of a From field (`Alice <alice@example.com>` → `alice@example.com`). */
function fromAddress(value: string | undefined): string {
  if (!value) return '';
  const angle = /<([^<>]*)>/.exec(value);
  const text = angle ? angle[1] : value.replace(/\([^)]*\)/g, '').split(',')[0];
  return text.trim().toLowerCase();
}

const domainPart = (address: string): string => (address.includes('@') ? address.slice(address.lastIndexOf('@') + 1) : '');

/** RFC 8601 §5: a server removes Authentication-Results fields that claim its own authserv-id. */
function dropForgedResults(raw: string, authservId: string): string {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) return raw;
  const fields = raw.slice(0, split).split(/\r\n(?![ \t])/);
  const id = authservId.toLowerCase();
  const kept = fields.filter((f) => {
    const m = /^Authentication-Results:\s*([^;\s]+)/i.exec(f);
    return !m || m[1].toLowerCase() !== id;
  });
  return kept.length === fields.length ? raw : `${kept.join('\r\n')}${raw.slice(split)}`;
}

/** A content fault (`spam-content`) makes the filter score the text as spam. */
function withContentFault(v: SpamVerdict, points: number): SpamVerdict {
  const parts = [...v.parts, { rule: 'SPAM_WORDS' as const, points, note: { en: `The content is typical of spam (spam-content fault): +${points}.`, de: `Der Inhalt ist spamtypisch (Fehler spam-content): +${points}.` } }];
  const score = Math.round(parts.reduce((s, p) => s + p.points, 0) * 10) / 10;
  return { ...v, parts, score, action: score >= v.threshold.reject ? 'reject' : score >= v.threshold.junk ? 'junk' : 'inbox' };
}

/** spamStatus writes SpamAssassin's X-Spam-Status value: `No, score=0.0 required=5.0 tests=none`. */
function spamStatus(v: SpamVerdict): string {
  const tests = [...new Set(v.parts.map((p) => p.rule))].join(',') || 'none';
  return `${v.action === 'inbox' ? 'No' : 'Yes'}, score=${v.score.toFixed(1)} required=${v.threshold.junk.toFixed(1)} tests=${tests}`;
}

/** checkInbound runs the receiving server's checks on one message and decides its fate. */
export async function checkInbound(ctx: WorldContext, host: string, env: Envelope, raw: string, msg: string): Promise<InboundVerdict> {
  const policy = inboundPolicyOf(ctx, host);
  if (policy.checks === false) return { raw, folder: 'INBOX', delay: 0 };
  const clock = { elapsed: 0 };
  // One answer per name and type within a check, as a resolver's cache would give.
  const memo = new Map<string, DnsLookupResult>();
  const lookup: DnsLookup = (name, type) => {
    const key = `${name.toLowerCase().replace(/\.$/, '')}|${type}`;
    let r = memo.get(key);
    if (!r) memo.set(key, (r = ctx.dns.lookupNow(host, name, type, clock)));
    return r;
  };
  const lookupTxt = (name: string): TxtAnswer => {
    const r = lookup(name, 'TXT');
    return { rcode: r.rcode, txt: answersOf(r, 'TXT').map(txtValue) };
  };
  const nowMs = ctx.plan.epoch + ctx.scheduler.now();

  // RFC 7208 §2.4: the MAIL FROM identity, or the HELO name for the null sender.
  const identity = spfIdentity(env.from, env.helo);
  const spf = checkHost({ ip: env.clientIp, domain: identity.domain, sender: env.from, helo: env.helo, lookup, receiver: host, now: nowMs });
  ctx.trace.record({ type: 'auth.spf', host, msg, result: spf.result, domain: spf.domain, reason: `${identity.identity === 'helo' ? 'HELO' : 'MAIL FROM'} ${identity.sender}, client ${env.clientIp}${spf.mechanism ? `, matched ${spf.mechanism}` : ''}${spf.problem ? `: ${spf.problem.en}` : ''}` });

  const dkim = await verifyDkim(raw, lookupTxt, { now: Math.floor(nowMs / 1000) });
  if (dkim.length === 0) ctx.trace.record({ type: 'auth.dkim', host, msg, result: 'none', reason: 'no DKIM-Signature field' });
  for (const d of dkim) {
    ctx.trace.record({ type: 'auth.dkim', host, msg, result: d.result, domain: d.domain, reason: d.reason ? `${DKIM_REASON_TEXT[d.reason]} (s=${d.selector})` : `s=${d.selector}` });
  }

  const from = fromAddress(getHeader(raw, 'From'));
  const fromDomain = domainPart(from);
  const dmarcInput: DmarcInput = { fromDomain, spf: { result: spf.result, domain: spf.domain }, dkim: dkim.map((d) => ({ result: d.result, domain: d.domain })), lookupTxt };
  let dmarc = evaluateDmarc({ ...dmarcInput, pctRoll: 0 });
  // RFC 7489 §6.6.4: pct= below 100 samples failing mail; the roll comes from the seeded source.
  if (dmarc.result === 'fail' && dmarc.record && dmarc.record.pct < 100) dmarc = evaluateDmarc({ ...dmarcInput, pctRoll: ctx.random.int(0, 99) });
  ctx.trace.record({
    type: 'auth.dmarc', host, msg, result: dmarc.result, domain: fromDomain,
    reason: `${dmarc.policy ? `p=${dmarc.policy} ` : ''}dis=${dmarc.disposition}; SPF ${dmarc.spfAligned ? 'aligned' : 'not aligned'}, DKIM ${dmarc.dkimAligned ? 'aligned' : 'not aligned'}`,
  });

  const zones = ctx.plan.dnsbl;
  const ips = [...(policy.dnsbl === 'score' ? [env.clientIp] : []), ...relayedClientIps(raw).filter((ip) => ip !== env.clientIp)];
  const dnsbl = zones.length ? checkDnsbl(lookup, ips, zones) : { listings: [], steps: [] };
  if (zones.length && policy.dnsbl !== 'score') {
    dnsbl.steps.unshift({ note: { en: `The connecting client [${env.clientIp}] was looked up when it connected: not listed.`, de: `Der einliefernde Client [${env.clientIp}] wurde beim Verbindungsaufbau geprüft: nicht gelistet.` } });
  }

  let spam = scoreMessage({ spf: { result: spf.result }, dkim, dmarc: { result: dmarc.result }, dnsblListed: dnsbl.listings, raw, sizeOctets: octets(raw), rules: policy.spam });
  const contentFault = ctx.faults.active('spam-content', env.from) ?? (from ? ctx.faults.active('spam-content', from) : undefined);
  if (contentFault) spam = withContentFault(spam, Number(contentFault.params?.score ?? 8));
  const decision = decideInbound({
    spf: { result: spf.result, domain: spf.domain, ip: env.clientIp }, dkim, dmarc, fromDomain, spam,
    forceSpamReject: (contentFault?.params?.reject === true || contentFault?.params?.reject === 'true') && spam.action !== 'inbox',
  }, policy);
  ctx.trace.record({ type: 'auth.spam', host, msg, result: spam.action, reason: `score ${spam.score} (junk ${spam.threshold.junk}, reject ${spam.threshold.reject})${spam.parts.length ? ': ' + spam.parts.map((p) => `${p.rule} ${p.points}`).join(', ') : ''}` });

  const authResults = formatAuthResults(host, {
    spf: identity.identity === 'helo' ? { result: spf.result, helo: env.helo } : { result: spf.result, mailfrom: spf.domain },
    dkim,
    dmarc: { result: dmarc.result, fromDomain: fromDomain || '(none)', policy: dmarc.policy, disposition: dmarc.policy ? dmarc.disposition : undefined },
  });
  const receivedSpf = receivedSpfHeader(spf, { ip: env.clientIp, helo: env.helo, sender: env.from, receiver: host }).replace(/^Received-SPF:\s*/, '');
  const status = spamStatus(spam);
  const reject = decision.reject ? replyFor(decision.reject.key, decision.reject.vars) : undefined;
  const record: AuthRecord = {
    msg, host, at: ctx.scheduler.now(), client: { ip: env.clientIp, helo: env.helo, mailFrom: env.from, fromDomain },
    spf, dkim, dmarc, dnsbl, spam, verdict: { folder: decision.folder, ...(reject ? { reply: reject } : {}), why: decision.why },
    headers: { authenticationResults: authResults, receivedSpf, spamStatus: status },
  };
  ctx.authLog.record(record);

  if (reject) {
    ctx.trace.record({ type: 'mail.reject', host, msg, from: env.from, to: env.rcpts, code: reject.code, enhanced: reject.enhanced, reason: decision.why.en });
    return { raw, folder: 'INBOX', reject, delay: clock.elapsed };
  }
  let out = dropForgedResults(raw, host);
  if (spam.action !== 'inbox') out = prependHeader(out, 'X-Spam-Flag', 'YES');
  out = prependHeader(out, 'X-Spam-Status', status);
  out = prependHeader(out, 'Received-SPF', receivedSpf);
  out = prependHeader(out, 'Authentication-Results', authResults);
  return { raw: out, folder: decision.folder, delay: clock.elapsed };
}
