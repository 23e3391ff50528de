/**
 * SPF evaluation (RFC 7208): `checkHost` runs check_host() for one client address, domain and
 * sender over a synchronous DNS lookup, and records every step (records found, terms tried, DNS
 * queries, limits hit) in English and German so a teacher's explainer can replay the reasoning.
 */

import { answersOf, isVoid, type DnsLookup, type DnsLookupResult } from '../protocol/dns-lookup';
import { recordDataText, txtValue, type DnsType } from '../protocol/dns-record';
import { addressInCidr, formatIp, parseIp, reverseName, unmapIPv4, type IpAddress } from '../protocol/ip';
import { expandDomainSpec, expandMacros, type MacroContext } from './spf-macro';
import { parseSpfRecord, QUALIFIER_RESULT, selectSpfRecord, type SpfMechanism, type SpfModifier } from './spf-parse';

type Text = { en: string; de: string };

/** SpfResult is one of the seven results of RFC 7208 §2.6. */
export type SpfResult = 'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror';

/** SpfStep is one step of an evaluation, for the explainer. `depth` is 0 for the checked domain, +1 per include or redirect. */
export interface SpfStep {
  depth: number;
  domain: string;
  kind: 'record' | 'term' | 'dns' | 'limit' | 'error' | 'result';
  term?: string;
  query?: { name: string; type: DnsType; rcode: DnsLookupResult['rcode']; answers: string[] };
  matched?: boolean;
  note: Text;
}

/** SpfOutcome is the verdict of a check with everything that led to it. */
export interface SpfOutcome {
  result: SpfResult;
  /** The expanded exp= text, only for `fail` (RFC 7208 §6.2). */
  explanation?: string;
  /** The SPF record of the checked domain. */
  record?: string;
  /** The term that decided the result (`-all`, `include:_spf.example.com`). */
  mechanism?: string;
  /** Terms that needed DNS (RFC 7208 §4.6.4; at most 10). */
  lookups: number;
  /** DNS lookups that found nothing (at most 2). */
  voidLookups: number;
  steps: SpfStep[];
  /** Which identity was checked: the MAIL FROM domain, or the HELO name (RFC 7208 §2.3, §2.4). */
  identity: 'mailfrom' | 'helo';
  /** The domain that was checked. */
  domain: string;
  /** Why the result is permerror or temperror, for the header's `problem=`. */
  problem?: Text;
}

/** SpfCheckInput holds check_host()'s arguments (RFC 7208 §4.1) and the environment of the check. */
export interface SpfCheckInput {
  ip: string;
  domain: string;
  /** The MAIL FROM address; empty for a bounce, then `postmaster@<helo>` is used (RFC 7208 §2.4). */
  sender: string;
  helo: string;
  lookup: DnsLookup;
  /** The receiving host's name, for `%{r}`. */
  receiver?: string;
  /** Milliseconds since the Unix epoch, for `%{t}`; 0 when not given. */
  now?: number;
}

/** MAX_DNS_LOOKUPS is the limit on terms that query DNS (RFC 7208 §4.6.4). */
export const MAX_DNS_LOOKUPS = 10;
/** MAX_VOID_LOOKUPS is the limit on lookups that find nothing (RFC 7208 §4.6.4). */
export const MAX_VOID_LOOKUPS = 2;
/** MAX_NAMES is the most MX or PTR names one mechanism may look at (RFC 7208 §4.6.4). */
export const MAX_NAMES = 10;

type Verdict = { result: SpfResult; explanation?: string; mechanism?: string; problem?: Text };
type Match = { matched: boolean; note: Text } | { error: 'permerror' | 'temperror'; problem: Text };

const RESULT_TEXT: Record<SpfResult, Text> = {
  none: { en: 'none (no SPF statement)', de: 'none (keine SPF-Aussage)' },
  neutral: { en: 'neutral (no statement either way)', de: 'neutral (keine Aussage)' },
  pass: { en: 'pass (the client may send for this domain)', de: 'pass (der Client darf für diese Domain senden)' },
  fail: { en: 'fail (the client may not send for this domain)', de: 'fail (der Client darf nicht für diese Domain senden)' },
  softfail: { en: 'softfail (probably not allowed)', de: 'softfail (wahrscheinlich nicht erlaubt)' },
  temperror: { en: 'temperror (temporary DNS problem, try later)', de: 'temperror (vorübergehendes DNS-Problem, später erneut)' },
  permerror: { en: 'permerror (the SPF records are broken)', de: 'permerror (die SPF-Einträge sind fehlerhaft)' },
};

/** validDomain applies RFC 7208 §4.3: labels of 1–63 octets, at most 253 in all, more than one label. */
function validDomain(name: string): boolean {
  const labels = name.split('.');
  return name.length <= 253 && labels.length > 1 && labels.every((l) => l.length > 0 && l.length <= 63);
}

function queryName(name: string): boolean {
  return name !== '' && name.length <= 253 && name.split('.').every((l) => l.length > 0 && l.length <= 63);
}

class Evaluation {
  lookups = 0;
  voids = 0;
  steps: SpfStep[] = [];
  topRecord?: string;
  private validated = new Map<string, string>();
  private readonly local: string;
  private readonly senderDomain: string;
  private readonly sender: string;

  constructor(private readonly ip: IpAddress, private readonly input: SpfCheckInput) {
    this.sender = input.sender || `postmaster@${input.helo}`;
    const at = this.sender.lastIndexOf('@');
    // RFC 7208 §4.3: a sender without local-part gets "postmaster".
    this.local = at > 0 ? this.sender.slice(0, at) : 'postmaster';
    this.senderDomain = at >= 0 ? this.sender.slice(at + 1) : this.sender;
  }

  step(depth: number, domain: string, kind: SpfStep['kind'], note: Text, extra: Partial<SpfStep> = {}): void {
    this.steps.push({ depth, domain, kind, ...extra, note });
  }

  macros(domain: string, depth: number): MacroContext {
    return {
      sender: this.sender, localPart: this.local, senderDomain: this.senderDomain, domain, ip: this.ip, helo: this.input.helo,
      receiver: this.input.receiver || 'unknown', timestamp: Math.floor((this.input.now ?? 0) / 1000),
      validatedName: () => this.validatedName(domain, depth),
    };
  }

  ask(depth: number, domain: string, name: string, type: DnsType): DnsLookupResult {
    if (!queryName(name)) {
      this.step(depth, domain, 'dns', { en: `'${name}' is not a valid DNS name, so it cannot exist`, de: `'${name}' ist kein gültiger DNS-Name und kann daher nicht existieren` }, { query: { name, type, rcode: 'NXDOMAIN', answers: [] } });
      return { rcode: 'NXDOMAIN', records: [] };
    }
    const result = this.input.lookup(name, type);
    const answers = answersOf(result, type).map(recordDataText);
    const via = result.records.filter((r) => r.type === 'CNAME' && type !== 'CNAME').map((r) => r.name);
    const alias = via.length ? { en: ` (via the alias ${via.join(', ')})`, de: ` (über den Alias ${via.join(', ')})` } : { en: '', de: '' };
    const summary: Text = result.rcode === 'NXDOMAIN' ? { en: 'the name does not exist (NXDOMAIN)', de: 'den Namen gibt es nicht (NXDOMAIN)' }
      : result.rcode === 'SERVFAIL' ? { en: 'the name server failed (SERVFAIL)', de: 'der Nameserver meldet einen Fehler (SERVFAIL)' }
      : result.rcode === 'TIMEOUT' ? { en: 'no answer in time (timeout)', de: 'keine Antwort in der Zeit (Timeout)' }
      : answers.length === 0 ? { en: `no ${type} record (NODATA)`, de: `kein ${type}-Eintrag (NODATA)` }
      : { en: answers.join(', '), de: answers.join(', ') };
    this.step(depth, domain, 'dns', { en: `DNS ${type} ${name}${alias.en}: ${summary.en}`, de: `DNS ${type} ${name}${alias.de}: ${summary.de}` }, { query: { name, type, rcode: result.rcode, answers } });
    return result;
  }

  /** countLookup counts a DNS-querying term; RFC 7208 §4.6.4: more than 10 is a permerror. */
  countLookup(depth: number, domain: string, term: string): Match | undefined {
    this.lookups++;
    if (this.lookups <= MAX_DNS_LOOKUPS) return undefined;
    const problem = { en: `more than ${MAX_DNS_LOOKUPS} terms need DNS lookups (RFC 7208 §4.6.4)`, de: `mehr als ${MAX_DNS_LOOKUPS} Terme brauchen DNS-Abfragen (RFC 7208 §4.6.4)` };
    this.step(depth, domain, 'limit', { en: `${term} would be DNS lookup number ${this.lookups}, but at most ${MAX_DNS_LOOKUPS} are allowed → permerror`, de: `${term} wäre DNS-Abfrage Nummer ${this.lookups}, erlaubt sind aber höchstens ${MAX_DNS_LOOKUPS} → permerror` }, { term });
    return { error: 'permerror', problem };
  }

  /** countVoid counts a lookup that found nothing; RFC 7208 §4.6.4: more than 2 is a permerror. */
  countVoid(depth: number, domain: string, term: string, result: DnsLookupResult, type: DnsType): Match | undefined {
    if (!isVoid(result, type)) return undefined;
    this.voids++;
    if (this.voids <= MAX_VOID_LOOKUPS) return undefined;
    const problem = { en: `more than ${MAX_VOID_LOOKUPS} DNS lookups found nothing (RFC 7208 §4.6.4)`, de: `mehr als ${MAX_VOID_LOOKUPS} DNS-Abfragen fanden nichts (RFC 7208 §4.6.4)` };
    this.step(depth, domain, 'limit', { en: `this is lookup number ${this.voids} that found nothing, but at most ${MAX_VOID_LOOKUPS} are allowed → permerror`, de: `das ist schon die ${this.voids}. Abfrage ohne Ergebnis, erlaubt sind höchstens ${MAX_VOID_LOOKUPS} → permerror` }, { term });
    return { error: 'permerror', problem };
  }

  addressType(): 'A' | 'AAAA' {
    return this.ip.version === 4 ? 'A' : 'AAAA';
  }

  /** hasAddress tells whether the client's address is among the A/AAAA answers within the prefix length. */
  hasAddress(result: DnsLookupResult, prefix: number): boolean {
    return result.records.some((r) => {
      if (r.type !== 'A' && r.type !== 'AAAA') return false;
      const a = parseIp(r.data.address);
      return a !== undefined && addressInCidr(this.ip, a, prefix) === true;
    });
  }

  /** validatedName finds the client's validated host name for `%{p}` (RFC 7208 §7.3), or `unknown`. */
  validatedName(domain: string, depth: number): string {
    const cached = this.validated.get(domain);
    if (cached !== undefined) return cached;
    const names: string[] = [];
    const ptr = this.ask(depth, domain, reverseName(formatIp(this.ip) ?? '') ?? '', 'PTR');
    for (const r of answersOf(ptr, 'PTR').slice(0, MAX_NAMES)) {
      const a = this.ask(depth, domain, r.data.target, this.addressType());
      if (a.rcode === 'NOERROR' && this.hasAddress(a, this.ip.version === 4 ? 32 : 128)) names.push(r.data.target);
    }
    const best = names.find((n) => n === domain) ?? names.find((n) => n.endsWith(`.${domain}`)) ?? names[0] ?? 'unknown';
    this.validated.set(domain, best);
    return best;
  }

  evaluate(domain: string, depth: number, explain: boolean): Verdict {
    const done = (v: Verdict, note?: Text): Verdict => {
      const why = note ? { en: `: ${note.en}`, de: `: ${note.de}` } : { en: '', de: '' };
      this.step(depth, domain, 'result', { en: `result for ${domain}: ${RESULT_TEXT[v.result].en}${why.en}`, de: `Ergebnis für ${domain}: ${RESULT_TEXT[v.result].de}${why.de}` });
      return v;
    };
    // RFC 7208 §4.3: a malformed or single-label domain gives "none".
    if (!validDomain(domain)) {
      return done({ result: 'none' }, { en: `'${domain}' is not a valid multi-label domain name`, de: `'${domain}' ist kein gültiger mehrteiliger Domainname` });
    }
    const answer = this.ask(depth, domain, domain, 'TXT');
    // RFC 7208 §4.4: a DNS error while fetching the record is a temperror.
    if (answer.rcode === 'SERVFAIL' || answer.rcode === 'TIMEOUT') {
      const problem = { en: `the TXT lookup for ${domain} failed (${answer.rcode})`, de: `die TXT-Abfrage für ${domain} schlug fehl (${answer.rcode})` };
      return done({ result: 'temperror', problem }, problem);
    }
    const selected = selectSpfRecord(answersOf(answer, 'TXT').map(txtValue));
    if (selected.multiple) {
      const problem = { en: `${domain} publishes more than one SPF record; there must be exactly one (RFC 7208 §4.5)`, de: `${domain} veröffentlicht mehr als einen SPF-Eintrag; es darf nur genau einen geben (RFC 7208 §4.5)` };
      this.step(depth, domain, 'error', problem);
      return done({ result: 'permerror', problem });
    }
    if (selected.record === undefined) {
      return done({ result: 'none' }, { en: `${domain} has no TXT record starting with v=spf1`, de: `${domain} hat keinen TXT-Eintrag, der mit v=spf1 beginnt` });
    }
    if (depth === 0) this.topRecord = selected.record;
    this.step(depth, domain, 'record', { en: `${domain} publishes the SPF record "${selected.record}"`, de: `${domain} veröffentlicht den SPF-Eintrag "${selected.record}"` });
    const parsed = parseSpfRecord(selected.record);
    if ('error' in parsed) {
      // RFC 7208 §4.6: a syntax error anywhere in the record is a permerror before any term is evaluated.
      this.step(depth, domain, 'error', parsed.error.message, parsed.error.term ? { term: parsed.error.term } : {});
      return done({ result: 'permerror', problem: parsed.error.message });
    }
    const record = parsed.record;
    for (const m of record.mechanisms) {
      const outcome = this.mechanism(m, domain, depth);
      if ('error' in outcome) return done({ result: outcome.error, problem: outcome.problem });
      const result = QUALIFIER_RESULT[m.qualifier];
      const tail = outcome.matched ? { en: ` → matches, result ${result}`, de: ` → trifft zu, Ergebnis ${result}` } : { en: ' → no match, next term', de: ' → trifft nicht zu, nächster Term' };
      this.step(depth, domain, 'term', { en: `${outcome.note.en}${tail.en}`, de: `${outcome.note.de}${tail.de}` }, { term: m.text, matched: outcome.matched });
      if (!outcome.matched) continue;
      const verdict: Verdict = { result, mechanism: m.text };
      if (result === 'fail' && explain && record.exp) {
        const text = this.explanation(record.exp, domain, depth);
        if (text !== undefined) verdict.explanation = text;
      }
      return done(verdict);
    }
    // RFC 7208 §6.1: redirect applies when nothing matched, and is ignored when the record has "all".
    if (record.redirect && !record.mechanisms.some((m) => m.name === 'all')) return this.redirect(record.redirect, domain, depth, explain, done);
    // RFC 7208 §4.7: no match and no redirect gives neutral.
    return done({ result: 'neutral' }, { en: 'no mechanism matched and there is no redirect=, so the default applies', de: 'kein Mechanismus traf zu und es gibt kein redirect=, also gilt der Standard' });
  }

  redirect(mod: SpfModifier, domain: string, depth: number, explain: boolean, done: (v: Verdict, note?: Text) => Verdict): Verdict {
    const over = this.countLookup(depth, domain, mod.text);
    if (over && 'error' in over) return done({ result: over.error, problem: over.problem });
    const target = expandDomainSpec(mod.value, this.macros(domain, depth));
    if ('problem' in target) return done({ result: 'permerror', problem: target.problem });
    this.step(depth, domain, 'term', { en: `no mechanism matched; ${mod.text} hands the check over to ${target.value} (DNS lookup ${this.lookups} of ${MAX_DNS_LOOKUPS})`, de: `kein Mechanismus traf zu; ${mod.text} übergibt die Prüfung an ${target.value} (DNS-Abfrage ${this.lookups} von ${MAX_DNS_LOOKUPS})` }, { term: mod.text });
    // RFC 7208 §6.2: after a redirect, the original record's exp= is not used; the target's is.
    const v = this.evaluate(target.value, depth + 1, explain);
    if (v.result === 'none') {
      const problem = { en: `${mod.text} points to ${target.value}, which has no SPF record (RFC 7208 §6.1)`, de: `${mod.text} verweist auf ${target.value}, das keinen SPF-Eintrag hat (RFC 7208 §6.1)` };
      return done({ result: 'permerror', problem }, problem);
    }
    return done(v);
  }

  /** explanation fetches and expands the exp= text (RFC 7208 §6.2); any problem just means no explanation. */
  explanation(mod: SpfModifier, domain: string, depth: number): string | undefined {
    const ctx = this.macros(domain, depth);
    const target = expandDomainSpec(mod.value, ctx);
    if ('problem' in target) return undefined;
    const answer = this.ask(depth, domain, target.value, 'TXT');
    const texts = answersOf(answer, 'TXT');
    if (answer.rcode !== 'NOERROR' || texts.length !== 1) {
      this.step(depth, domain, 'term', { en: `${mod.text}: no single TXT record at ${target.value}, so there is no explanation`, de: `${mod.text}: kein einzelner TXT-Eintrag bei ${target.value}, also keine Erklärung` }, { term: mod.text });
      return undefined;
    }
    const text = expandMacros(txtValue(texts[0]), ctx, true);
    if ('problem' in text) return undefined;
    this.step(depth, domain, 'term', { en: `${mod.text}: the explanation reads "${text.value}"`, de: `${mod.text}: die Erklärung lautet "${text.value}"` }, { term: mod.text });
    return text.value;
  }

  mechanism(m: SpfMechanism, domain: string, depth: number): Match {
    const client = formatIp(this.ip) ?? '';
    if (m.name === 'all') return { matched: true, note: { en: 'all matches every client', de: 'all trifft auf jeden Client zu' } };
    if (m.name === 'ip4' || m.name === 'ip6') {
      const network = m.network as IpAddress;
      const prefix = m.name === 'ip4' ? m.cidr4 : m.cidr6;
      const range = `${formatIp(network)}/${prefix}`;
      if (network.version !== this.ip.version) {
        return { matched: false, note: { en: `${m.name} only applies to IPv${network.version} clients, and ${client} is IPv${this.ip.version}`, de: `${m.name} gilt nur für IPv${network.version}-Clients, ${client} ist aber IPv${this.ip.version}` } };
      }
      const inside = addressInCidr(this.ip, network, prefix) === true;
      return { matched: inside, note: inside ? { en: `${client} lies in ${range}`, de: `${client} liegt in ${range}` } : { en: `${client} is not in ${range}`, de: `${client} liegt nicht in ${range}` } };
    }
    const over = this.countLookup(depth, domain, m.text);
    if (over) return over;
    const count = { en: ` (DNS lookup ${this.lookups} of ${MAX_DNS_LOOKUPS})`, de: ` (DNS-Abfrage ${this.lookups} von ${MAX_DNS_LOOKUPS})` };
    let target = domain;
    if (m.domainSpec !== undefined) {
      const expanded = expandDomainSpec(m.domainSpec, this.macros(domain, depth));
      if ('problem' in expanded) return { error: 'permerror', problem: expanded.problem };
      target = expanded.value;
    }
    const note = (en: string, de: string, matched: boolean): Match => ({ matched, note: { en: `${en}${count.en}`, de: `${de}${count.de}` } });
    const temp = (r: DnsLookupResult, name: string): Match => ({ error: 'temperror', problem: { en: `the DNS lookup for ${name} failed (${r.rcode})`, de: `die DNS-Abfrage für ${name} schlug fehl (${r.rcode})` } });
    const failed = (r: DnsLookupResult) => r.rcode === 'SERVFAIL' || r.rcode === 'TIMEOUT';
    const type = this.addressType();
    const prefix = this.ip.version === 4 ? m.cidr4 : m.cidr6;

    switch (m.name) {
      case 'include': {
        // RFC 7208 §5.2: pass matches; fail, softfail, neutral do not; errors propagate; none is a permerror.
        const v = this.evaluate(target, depth + 1, false);
        if (v.result === 'temperror' || v.result === 'permerror') return { error: v.result, ...(v.problem ? { problem: v.problem } : { problem: RESULT_TEXT[v.result] }) };
        if (v.result === 'none') return { error: 'permerror', problem: { en: `${m.text}: ${target} has no SPF record (RFC 7208 §5.2)`, de: `${m.text}: ${target} hat keinen SPF-Eintrag (RFC 7208 §5.2)` } };
        return note(`the record of ${target} gave ${v.result}`, `der Eintrag von ${target} ergab ${v.result}`, v.result === 'pass');
      }
      case 'a': {
        // RFC 7208 §5.3: the client's address among the target's A (IPv4) or AAAA (IPv6) records.
        const r = this.ask(depth, domain, target, type);
        if (failed(r)) return temp(r, target);
        const tooMany = this.countVoid(depth, domain, m.text, r, type);
        if (tooMany) return tooMany;
        const hit = this.hasAddress(r, prefix);
        return note(`${client} is ${hit ? '' : 'not '}among the ${type} addresses of ${target} (/${prefix})`, `${client} ist ${hit ? '' : 'nicht '}unter den ${type}-Adressen von ${target} (/${prefix})`, hit);
      }
      case 'mx': {
        // RFC 7208 §5.4: the client's address among those of the target's mail servers.
        const r = this.ask(depth, domain, target, 'MX');
        if (failed(r)) return temp(r, target);
        const tooMany = this.countVoid(depth, domain, m.text, r, 'MX');
        if (tooMany) return tooMany;
        const exchanges = answersOf(r, 'MX').sort((a, b) => a.data.preference - b.data.preference);
        // RFC 7208 §4.6.4: more than 10 MX names is a permerror.
        if (exchanges.length > MAX_NAMES) return { error: 'permerror', problem: { en: `${target} has ${exchanges.length} MX records; the mx mechanism may look at no more than ${MAX_NAMES} (RFC 7208 §4.6.4)`, de: `${target} hat ${exchanges.length} MX-Einträge; der mx-Mechanismus darf höchstens ${MAX_NAMES} betrachten (RFC 7208 §4.6.4)` } };
        for (const mx of exchanges) {
          if (mx.data.exchange === '') continue;
          const ra = this.ask(depth, domain, mx.data.exchange, type);
          if (failed(ra)) return temp(ra, mx.data.exchange);
          if (this.hasAddress(ra, prefix)) return note(`${client} belongs to ${mx.data.exchange}, a mail server of ${target} (/${prefix})`, `${client} gehört zu ${mx.data.exchange}, einem Mailserver von ${target} (/${prefix})`, true);
        }
        return note(`${client} belongs to none of the mail servers of ${target}`, `${client} gehört zu keinem Mailserver von ${target}`, false);
      }
      case 'ptr':
        return this.ptr(m, target, domain, depth, note);
      case 'exists': {
        // RFC 7208 §5.7: any A record at the target matches, whatever the client's address family.
        const r = this.ask(depth, domain, target, 'A');
        if (failed(r)) return temp(r, target);
        const tooMany = this.countVoid(depth, domain, m.text, r, 'A');
        if (tooMany) return tooMany;
        const hit = answersOf(r, 'A').length > 0;
        return note(`${target} ${hit ? 'has' : 'has no'} A record`, `${target} hat ${hit ? 'einen' : 'keinen'} A-Eintrag`, hit);
      }
    }
  }

  /** ptr implements RFC 7208 §5.5: a validated host name of the client within the target domain. */
  ptr(m: SpfMechanism, target: string, domain: string, depth: number, note: (en: string, de: string, matched: boolean) => Match): Match {
    const client = formatIp(this.ip) ?? '';
    const r = this.ask(depth, domain, reverseName(client) ?? '', 'PTR');
    // RFC 7208 §5.5: a DNS error on the PTR lookup means no match, not an error.
    if (r.rcode === 'SERVFAIL' || r.rcode === 'TIMEOUT') return note(`the reverse lookup of ${client} failed`, `die Rückwärtsabfrage für ${client} schlug fehl`, false);
    const tooMany = this.countVoid(depth, domain, m.text, r, 'PTR');
    if (tooMany) return tooMany;
    const names = answersOf(r, 'PTR').slice(0, MAX_NAMES).map((p) => p.data.target);
    for (const name of names.filter((n) => n === target || n.endsWith(`.${target}`))) {
      const a = this.ask(depth, domain, name, this.addressType());
      if (a.rcode === 'NOERROR' && this.hasAddress(a, this.ip.version === 4 ? 32 : 128)) {
        return note(`${client} is named ${name}, which lies in ${target} and points back to ${client}`, `${client} heißt ${name}; der Name liegt in ${target} und zeigt zurück auf ${client}`, true);
      }
    }
    return note(`no validated name of ${client} lies in ${target}`, `kein bestätigter Name von ${client} liegt in ${target}`, false);
  }
}

function run(input: SpfCheckInput, identity: 'mailfrom' | 'helo'): SpfOutcome {
  const domain = String(input.domain ?? '').toLowerCase().replace(/\.$/, '');
  const parsed = parseIp(String(input.ip ?? ''));
  if (!parsed) {
    const problem = { en: `'${input.ip}' is not an IP address`, de: `'${input.ip}' ist keine IP-Adresse` };
    return { result: 'permerror', lookups: 0, voidLookups: 0, steps: [{ depth: 0, domain, kind: 'error', note: problem }], identity, domain, problem };
  }
  // RFC 7208 §5: an IPv4-mapped IPv6 client is treated as the IPv4 address it carries.
  const e = new Evaluation(unmapIPv4(parsed), input);
  const v = e.evaluate(domain, 0, true);
  return {
    result: v.result,
    ...(v.explanation !== undefined ? { explanation: v.explanation } : {}),
    ...(e.topRecord !== undefined ? { record: e.topRecord } : {}),
    ...(v.mechanism !== undefined ? { mechanism: v.mechanism } : {}),
    lookups: e.lookups, voidLookups: e.voids, steps: e.steps, identity, domain,
    ...(v.problem ? { problem: v.problem } : {}),
  };
}

/**
 * checkHost evaluates RFC 7208 check_host() for a client address, a domain and a sender. An empty
 * sender is a bounce: the HELO identity `postmaster@<helo>` is checked instead (RFC 7208 §2.4).
 * It never throws; broken records give permerror and DNS failures temperror.
 */
export function checkHost(input: SpfCheckInput): SpfOutcome {
  return run(input, input.sender ? 'mailfrom' : 'helo');
}

/** checkHelo checks the HELO identity: the HELO name as domain, `postmaster@<helo>` as sender (RFC 7208 §2.3). */
export function checkHelo(input: Omit<SpfCheckInput, 'domain' | 'sender'>): SpfOutcome {
  return run({ ...input, domain: input.helo, sender: `postmaster@${input.helo}` }, 'helo');
}

/**
 * spfIdentity picks what to check for a MAIL FROM and HELO: the MAIL FROM domain, or the HELO
 * name when MAIL FROM is empty (`<>`, a bounce; RFC 7208 §2.4).
 */
export function spfIdentity(mailFrom: string, helo: string): { identity: 'mailfrom' | 'helo'; domain: string; sender: string } {
  const sender = String(mailFrom ?? '').replace(/^<|>$/g, '');
  if (sender === '') return { identity: 'helo', domain: helo, sender: `postmaster@${helo}` };
  const at = sender.lastIndexOf('@');
  return { identity: 'mailfrom', domain: at >= 0 ? sender.slice(at + 1) : sender, sender };
}
