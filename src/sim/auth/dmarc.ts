/**
 * DMARC (RFC 7489): find the From domain's policy record, check whether SPF or DKIM passed for a
 * domain aligned with the From domain, and decide what to do with a message that fails. Every
 * step is explained in English and German; a broken record is an error value, never an exception.
 */
import { getDomain } from 'tldts';
import { parseTagList } from './dkim-key';
import type { TxtAnswer } from './dkim-verify';

type Note = { en: string; de: string };

/** DmarcPolicy: what the domain owner asks receivers to do with failing mail (RFC 7489 §6.3 `p=`). */
export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

/** DmarcRecord: a parsed DMARC record, defaults filled in (RFC 7489 §6.3). */
export interface DmarcRecord {
  ok: true;
  /** `p=`. */
  policy: DmarcPolicy;
  /** `sp=`: the policy for subdomains, when given. */
  subdomainPolicy?: DmarcPolicy;
  /** `adkim=` and `aspf=`: `r` relaxed (default) or `s` strict alignment. */
  adkim: 'r' | 's';
  aspf: 'r' | 's';
  /** `pct=`: the percentage of failing mail the policy applies to (default 100). */
  pct: number;
  /** `rua=` and `ruf=`: where aggregate and failure reports go. */
  rua: string[];
  ruf: string[];
  /** `fo=`: when failure reports are wanted (default `0`). */
  fo: string[];
  /** `ri=`: the aggregate report interval in seconds (default 86400). */
  ri: number;
  /** True when `p=` was missing or invalid and `p=none` was assumed because `rua=` is valid (§6.6.3). */
  policyAssumed: boolean;
  /** What was ignored or defaulted, for the record checker. */
  warnings: Note[];
}

/** DmarcRecordError: a record that cannot be used. */
export interface DmarcRecordError {
  ok: false;
  error: 'syntax';
  note: Note;
}

const POLICIES: readonly string[] = ['none', 'quarantine', 'reject'];
const URI = /^[a-z][a-z0-9+.-]*:[^\s,!]+(?:![0-9]+[kmgt]?)?$/i;
const isPolicy = (v: string | undefined): v is DmarcPolicy => v !== undefined && POLICIES.includes(v);

/**
 * parseDmarcRecord reads a DMARC record (RFC 7489 §6.3, §6.4): `v=DMARC1` must be the first tag,
 * `p=` is required (when it or `sp=` is invalid but `rua=` is valid, `p=none` is assumed, §6.6.3),
 * unknown tags are ignored and bad optional values fall back to their defaults with a warning.
 */
export function parseDmarcRecord(txt: string): DmarcRecord | DmarcRecordError {
  const fail = (en: string, de: string): DmarcRecordError => ({ ok: false, error: 'syntax', note: { en, de } });
  const parsed = parseTagList(txt);
  if (!parsed.ok) return { ok: false, error: 'syntax', note: parsed.note };
  const { tags, order } = parsed;
  if (order[0] !== 'v' || tags.get('v') !== 'DMARC1') {
    return fail('A DMARC record must start with v=DMARC1 (RFC 7489 §6.4).', 'Ein DMARC-Eintrag muss mit v=DMARC1 beginnen (RFC 7489 §6.4).');
  }
  const warnings: Note[] = [];
  const warn = (en: string, de: string): void => {
    warnings.push({ en, de });
  };
  const uris = (tag: string): string[] => {
    const value = tags.get(tag);
    if (value === undefined) return [];
    const all = value.split(',').map((u) => u.trim()).filter((u) => u !== '');
    for (const u of all.filter((x) => !URI.test(x))) warn(`${tag}=: "${u}" is not a URI and is ignored.`, `${tag}=: „${u}“ ist keine URI und wird ignoriert.`);
    return all.filter((u) => URI.test(u));
  };
  const rua = uris('rua');
  const ruf = uris('ruf');
  const p = tags.get('p')?.toLowerCase();
  const sp = tags.get('sp')?.toLowerCase();
  let policy: DmarcPolicy = 'none';
  let policyAssumed = false;
  // RFC 7489 §6.6.3 step 6: a missing or invalid p= (or invalid sp=) is p=none if rua= is valid.
  if (!isPolicy(p) || (sp !== undefined && !isPolicy(sp))) {
    const what = !isPolicy(p) ? (p === undefined ? 'p= is missing' : `p=${p} is not none, quarantine or reject`) : `sp=${sp} is not none, quarantine or reject`;
    const was = !isPolicy(p) ? (p === undefined ? 'p= fehlt' : `p=${p} ist weder none noch quarantine noch reject`) : `sp=${sp} ist weder none noch quarantine noch reject`;
    if (rua.length === 0) return fail(`${what}, and there is no valid rua= (RFC 7489 §6.6.3).`, `${was}, und es gibt kein gültiges rua= (RFC 7489 §6.6.3).`);
    warn(`${what}; because rua= is valid, receivers act as if p=none (RFC 7489 §6.6.3).`, `${was}; weil rua= gültig ist, verhalten sich Empfänger wie bei p=none (RFC 7489 §6.6.3).`);
    policyAssumed = true;
  } else {
    policy = p;
  }
  const mode = (tag: 'adkim' | 'aspf'): 'r' | 's' => {
    const v = tags.get(tag)?.toLowerCase();
    if (v === undefined || v === 'r' || v === 's') return v ?? 'r';
    warn(`${tag}=${v} is neither r nor s; r (relaxed) is used.`, `${tag}=${v} ist weder r noch s; r (relaxed) gilt.`);
    return 'r';
  };
  const number = (tag: string, fallback: number, max: number): number => {
    const v = tags.get(tag);
    if (v === undefined) return fallback;
    if (/^\d{1,10}$/.test(v) && Number(v) <= max) return Number(v);
    warn(`${tag}=${v} is not a whole number up to ${max}; ${fallback} is used.`, `${tag}=${v} ist keine ganze Zahl bis ${max}; ${fallback} gilt.`);
    return fallback;
  };
  const fo = (tags.get('fo') ?? '0').split(':').map((x) => x.trim());
  if (!fo.every((x) => ['0', '1', 'd', 's'].includes(x))) warn(`fo=${tags.get('fo')} may only list 0, 1, d and s.`, `fo=${tags.get('fo')} darf nur 0, 1, d und s aufzählen.`);
  const known = ['v', 'p', 'sp', 'adkim', 'aspf', 'pct', 'rua', 'ruf', 'fo', 'rf', 'ri'];
  // RFC 7489 §6.3: unknown tags MUST be ignored.
  for (const t of order.filter((n) => !known.includes(n))) warn(`The tag ${t}= is not part of DMARC and is ignored.`, `Das Tag ${t}= gehört nicht zu DMARC und wird ignoriert.`);
  return {
    ok: true,
    policy,
    ...(isPolicy(sp) ? { subdomainPolicy: sp } : {}),
    adkim: mode('adkim'),
    aspf: mode('aspf'),
    pct: number('pct', 100, 100),
    rua,
    ruf,
    fo: fo.filter((x) => ['0', '1', 'd', 's'].includes(x)),
    ri: number('ri', 86400, 4294967295),
    policyAssumed,
    warnings,
  };
}

/** DmarcCheck: the record checker's verdict: errors, warnings and a plain reading of the record. */
export interface DmarcCheck {
  ok: boolean;
  record?: DmarcRecord;
  issues: { severity: 'error' | 'warning' | 'info'; note: Note }[];
}

const POLICY_TEXT: Record<DmarcPolicy, Note> = {
  none: { en: 'only watch and report; deliver failing mail as usual', de: 'nur beobachten und berichten; fehlschlagende Mail normal zustellen' },
  quarantine: { en: 'put failing mail into quarantine (the Junk folder)', de: 'fehlschlagende Mail in Quarantäne (den Spam-Ordner) legen' },
  reject: { en: 'reject failing mail during the SMTP dialogue', de: 'fehlschlagende Mail schon im SMTP-Dialog abweisen' },
};

/**
 * checkDmarcRecord explains a DMARC record for the record checker: errors that make it unusable,
 * warnings about ignored or defaulted values, and what the record asks receivers to do.
 */
export function checkDmarcRecord(txt: string): DmarcCheck {
  const record = parseDmarcRecord(txt);
  if (!record.ok) return { ok: false, issues: [{ severity: 'error', note: record.note }] };
  const issues: DmarcCheck['issues'] = record.warnings.map((note) => ({ severity: 'warning' as const, note }));
  const info = (en: string, de: string): void => {
    issues.push({ severity: 'info', note: { en, de } });
  };
  const p = POLICY_TEXT[record.policy];
  info(`Policy p=${record.policy}: ${p.en}.`, `Richtlinie p=${record.policy}: ${p.de}.`);
  if (record.subdomainPolicy) {
    const sp = POLICY_TEXT[record.subdomainPolicy];
    info(`For subdomains without a record of their own, sp=${record.subdomainPolicy}: ${sp.en}.`, `Für Subdomains ohne eigenen Eintrag gilt sp=${record.subdomainPolicy}: ${sp.de}.`);
  }
  const align = (m: 'r' | 's'): Note => (m === 's' ? { en: 'exactly the From domain', de: 'genau die From-Domain' } : { en: 'the From domain or another domain of the same organisation', de: 'die From-Domain oder eine andere Domain derselben Organisation' });
  info(`DKIM counts when d= is ${align(record.adkim).en}; SPF counts when the MAIL FROM domain is ${align(record.aspf).en}.`, `DKIM zählt, wenn d= ${align(record.adkim).de} ist; SPF zählt, wenn die MAIL-FROM-Domain ${align(record.aspf).de} ist.`);
  if (record.pct < 100) info(`pct=${record.pct}: the policy applies to only ${record.pct}% of failing mail; the rest gets the next milder treatment.`, `pct=${record.pct}: Die Richtlinie gilt nur für ${record.pct} % der fehlschlagenden Mail; der Rest wird eine Stufe milder behandelt.`);
  if (record.rua.length === 0) issues.push({ severity: 'warning', note: { en: 'No rua=: the domain will never learn who sends mail in its name.', de: 'Kein rua=: Die Domain erfährt nie, wer in ihrem Namen Mail verschickt.' } });
  else info(`Aggregate reports go to ${record.rua.join(', ')}.`, `Sammelberichte gehen an ${record.rua.join(', ')}.`);
  return { ok: true, record, issues };
}

/** DmarcInput: what a receiver knows when it evaluates DMARC for one message. */
export interface DmarcInput {
  /** The domain of the RFC 5322 From address. */
  fromDomain: string;
  /** The SPF result and the domain it was for (MAIL FROM, or HELO when MAIL FROM was empty). */
  spf: { result: string; domain: string };
  /** Every DKIM result with its `d=` domain. */
  dkim: readonly { result: string; domain: string }[];
  lookupTxt: (name: string) => TxtAnswer;
  /** A number 0..99 drawn from the world's seeded random source, for `pct=` sampling. */
  pctRoll?: number;
}

/** DmarcOutcome: the DMARC verdict (RFC 8601 §2.7 result names) and what to do with the message. */
export interface DmarcOutcome {
  result: 'pass' | 'fail' | 'none' | 'temperror' | 'permerror';
  /** The policy that applied (`sp=` for subdomains when given). */
  policy?: DmarcPolicy;
  /** What the receiver does: the policy, softened by `pct=` sampling; `none` when DMARC passed. */
  disposition: DmarcPolicy;
  /** Where the record was found: the From domain or its organisational domain. */
  policyDomain?: string;
  record?: DmarcRecord;
  spfAligned: boolean;
  dkimAligned: boolean;
  steps: { note: Note }[];
}

/** normalizeDomain lowercases a domain and drops a trailing dot. */
function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * organizationalDomain returns the registered domain below the public suffix, e.g.
 * `mail.example.co.uk` → `example.co.uk` (RFC 7489 §3.2, ICANN section of the public suffix list).
 */
export function organizationalDomain(domain: string): string {
  const d = normalizeDomain(domain);
  return getDomain(d, { allowPrivateDomains: false }) ?? d;
}

/**
 * isAligned tells whether an authenticated domain is aligned with the From domain (RFC 7489 §3.1):
 * strict needs the same domain, relaxed the same organisational domain.
 */
export function isAligned(authenticated: string, fromDomain: string, mode: 'r' | 's'): boolean {
  const a = normalizeDomain(authenticated);
  const f = normalizeDomain(fromDomain);
  if (a === '' || f === '') return false;
  return mode === 's' ? a === f : organizationalDomain(a) === organizationalDomain(f);
}

type Discovery =
  | { kind: 'found'; record: DmarcRecord; txt: string }
  | { kind: 'none' }
  | { kind: 'temperror'; rcode: string }
  | { kind: 'broken'; note: Note };

/** Queries `_dmarc.<domain>` and keeps the records that start with v=DMARC1 (RFC 7489 §6.6.3). */
function discover(domain: string, lookupTxt: (name: string) => TxtAnswer): Discovery {
  const answer = lookupTxt(`_dmarc.${domain}`);
  if (answer.rcode === 'SERVFAIL' || answer.rcode === 'TIMEOUT') return { kind: 'temperror', rcode: answer.rcode };
  const candidates = answer.rcode === 'NOERROR' ? answer.txt.filter((t) => /^\s*v\s*=\s*DMARC1\s*(;|$)/.test(t)) : [];
  if (candidates.length === 0) return { kind: 'none' };
  if (candidates.length > 1) {
    return { kind: 'broken', note: { en: `_dmarc.${domain} publishes ${candidates.length} DMARC records; there must be exactly one.`, de: `_dmarc.${domain} veröffentlicht ${candidates.length} DMARC-Einträge; es darf nur einen geben.` } };
  }
  const record = parseDmarcRecord(candidates[0]);
  return record.ok ? { kind: 'found', record, txt: candidates[0] } : { kind: 'broken', note: record.note };
}

/**
 * evaluateDmarc applies DMARC to one message (RFC 7489 §6.6): policy discovery at `_dmarc.<from>`
 * with fallback to the organisational domain (§6.6.3), identifier alignment (§3.1), the pass/fail
 * decision and the disposition, with `sp=` for subdomains and `pct=` sampling (§6.6.4) driven by
 * the injected `pctRoll`.
 */
export function evaluateDmarc(input: DmarcInput): DmarcOutcome {
  const steps: { note: Note }[] = [];
  const say = (en: string, de: string): void => {
    steps.push({ note: { en, de } });
  };
  const from = normalizeDomain(input.fromDomain);
  // RFC 7489 §6.6.1: without one usable From domain there is nothing to look up.
  if (!/^[^\s.@]+(\.[^\s.@]+)+$/.test(from)) {
    say(`"${input.fromDomain}" is not a usable From domain, so no DMARC policy can be found.`, `„${input.fromDomain}“ ist keine brauchbare From-Domain, also lässt sich keine DMARC-Richtlinie finden.`);
    return { result: 'permerror', disposition: 'none', spfAligned: false, dkimAligned: false, steps };
  }
  const org = organizationalDomain(from);
  let policyDomain = from;
  let found = discover(from, input.lookupTxt);
  say(`Looked up the DMARC record at _dmarc.${from}: ${describe(found).en}.`, `DMARC-Eintrag unter _dmarc.${from} abgefragt: ${describe(found).de}.`);
  if (found.kind === 'none' && org !== from) {
    policyDomain = org;
    found = discover(org, input.lookupTxt);
    say(`${from} is a subdomain of the organisational domain ${org}, so its record counts: _dmarc.${org}: ${describe(found).en}.`, `${from} ist eine Subdomain der Organisations-Domain ${org}, also zählt deren Eintrag: _dmarc.${org}: ${describe(found).de}.`);
  }
  const spfAligned = input.spf.result === 'pass' && isAligned(input.spf.domain, from, found.kind === 'found' ? found.record.aspf : 'r');
  const dkimAligned = input.dkim.some((d) => d.result === 'pass' && isAligned(d.domain, from, found.kind === 'found' ? found.record.adkim : 'r'));
  const base = { spfAligned, dkimAligned, steps, disposition: 'none' as const };
  if (found.kind === 'temperror') return { ...base, result: 'temperror', policyDomain };
  if (found.kind === 'broken') return { ...base, result: 'permerror', policyDomain };
  if (found.kind === 'none') {
    say(`${from} publishes no DMARC policy: DMARC does not apply (result none).`, `${from} veröffentlicht keine DMARC-Richtlinie: DMARC greift nicht (Ergebnis none).`);
    return { ...base, result: 'none' };
  }
  const record = found.record;
  // RFC 7489 §6.3 sp=: a record found at the organisational domain gives subdomains sp= when present.
  const policy = policyDomain !== from && record.subdomainPolicy ? record.subdomainPolicy : record.policy;
  const mode = (m: 'r' | 's'): Note => (m === 's' ? { en: 'strict: the same domain', de: 'strikt: dieselbe Domain' } : { en: 'relaxed: the same organisational domain', de: 'entspannt: dieselbe Organisations-Domain' });
  say(
    `SPF ${input.spf.result} for ${input.spf.domain || '(no domain)'}: ${spfAligned ? 'aligned' : 'not aligned'} with ${from} (aspf=${record.aspf}, ${mode(record.aspf).en}).`,
    `SPF ${input.spf.result} für ${input.spf.domain || '(keine Domain)'}: ${spfAligned ? 'passend' : 'nicht passend'} zu ${from} (aspf=${record.aspf}, ${mode(record.aspf).de}).`,
  );
  const dkimList = input.dkim.map((d) => `${d.result} d=${d.domain}`).join(', ') || 'no signature';
  const dkimListe = input.dkim.map((d) => `${d.result} d=${d.domain}`).join(', ') || 'keine Signatur';
  say(
    `DKIM (${dkimList}): ${dkimAligned ? 'a passing signature is aligned' : 'no passing signature is aligned'} with ${from} (adkim=${record.adkim}, ${mode(record.adkim).en}).`,
    `DKIM (${dkimListe}): ${dkimAligned ? 'eine gültige Signatur passt' : 'keine gültige Signatur passt'} zu ${from} (adkim=${record.adkim}, ${mode(record.adkim).de}).`,
  );
  const outcome = { ...base, policy, policyDomain, record };
  // RFC 7489 §4.2: DMARC passes when SPF or DKIM passes with an aligned domain.
  if (spfAligned || dkimAligned) {
    say('At least one aligned check passed: DMARC pass.', 'Mindestens eine passende Prüfung war erfolgreich: DMARC pass.');
    return { ...outcome, result: 'pass' };
  }
  // RFC 7489 §6.6.4: with pct= below 100, an unselected message gets the next milder policy.
  const roll = input.pctRoll ?? 0;
  const selected = roll < record.pct;
  const milder: Record<DmarcPolicy, DmarcPolicy> = { reject: 'quarantine', quarantine: 'none', none: 'none' };
  const disposition = selected ? policy : milder[policy];
  if (record.pct < 100 && policy !== 'none') {
    say(
      `pct=${record.pct}: the roll ${roll} is ${selected ? `below ${record.pct}, so the policy applies` : `not below ${record.pct}, so the next milder treatment applies`}.`,
      `pct=${record.pct}: Der Wurf ${roll} ist ${selected ? `unter ${record.pct}, die Richtlinie gilt also` : `nicht unter ${record.pct}, es gilt also die nächstmildere Behandlung`}.`,
    );
  }
  say(`No aligned check passed: DMARC fail; policy ${policy}, so the message gets: ${disposition}.`, `Keine passende Prüfung war erfolgreich: DMARC fail; Richtlinie ${policy}, die Nachricht bekommt also: ${disposition}.`);
  return { ...outcome, result: 'fail', disposition };
}

function describe(found: Discovery): Note {
  switch (found.kind) {
    case 'found':
      return { en: `found "${found.txt}"`, de: `gefunden: „${found.txt}“` };
    case 'none':
      return { en: 'no DMARC record', de: 'kein DMARC-Eintrag' };
    case 'temperror':
      return { en: `the query failed (${found.rcode}), result temperror`, de: `die Abfrage schlug fehl (${found.rcode}), Ergebnis temperror` };
    case 'broken':
      return { en: `unusable, result permerror: ${found.note.en}`, de: `unbrauchbar, Ergebnis permerror: ${found.note.de}` };
  }
}
