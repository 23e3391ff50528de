/**
 * The authentication explainer's reading of one receiving server's checks: SPF, DKIM and DMARC
 * step by step, the block-list lookups and the spam score's parts, each step marked pass, fail,
 * neutral or plain information so the page can highlight the step that failed. Also the list of
 * checked messages to choose from.
 */
import type { TraceEvent } from '../sim/kernel/trace';
import type { AuthRecord } from '../sim/world/auth-log';

/** Note: one text in English and German. */
type Note = { en: string; de: string };

/** StepStatus: how a step or a check turned out. */
export type StepStatus = 'pass' | 'fail' | 'neutral' | 'info';

/** ExplainedStep: one step of a check, as the explainer lists it. */
export interface ExplainedStep {
  note: Note;
  status: StepStatus;
  /** Nesting (an SPF include is one level deeper). */
  depth: number;
  /** The SPF term or DKIM step kind, for a label. */
  label?: string;
}

/** CheckSection: one check (or one DKIM signature) with its result and steps. */
export interface CheckSection {
  check: 'spf' | 'dkim' | 'dmarc' | 'dnsbl' | 'spam';
  result: string;
  status: StepStatus;
  /** The domain the check was about (SPF: checked domain; DKIM: d=; DMARC: the From domain's policy domain). */
  domain?: string;
  steps: ExplainedStep[];
}

/** resultStatus maps a check's result word onto pass, fail or neutral. */
export function resultStatus(result: string): Exclude<StepStatus, 'info'> {
  if (result === 'pass' || result === 'inbox') return 'pass';
  if (result === 'none' || result === 'neutral' || result === 'policy') return 'neutral';
  return 'fail';
}

function spfSection(r: AuthRecord): CheckSection {
  const spf = r.spf;
  const status = resultStatus(spf.result);
  const lastTop = spf.steps.map((s, i) => (s.depth === 0 && s.kind === 'result' ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
  const steps = spf.steps.map((s, i): ExplainedStep => {
    let st: StepStatus = 'info';
    if (s.kind === 'error' || s.kind === 'limit') st = 'fail';
    else if (s.kind === 'dns' && (s.query?.rcode === 'SERVFAIL' || s.query?.rcode === 'TIMEOUT')) st = 'fail';
    else if (s.kind === 'term' && s.matched) st = s.depth === 0 && s.term === spf.mechanism ? status : 'pass';
    else if (s.kind === 'result') st = i === lastTop ? status : 'info';
    return { note: s.note, status: st, depth: s.depth, label: s.term ?? s.kind };
  });
  return { check: 'spf', result: spf.result, status, domain: spf.domain, steps };
}

const DKIM_REASON_STEP: Record<string, string[]> = {
  'no-key': ['dns', 'key'],
  'key-revoked': ['key'],
  'dns-error': ['dns'],
  'body-hash-mismatch': ['body'],
  'signature-mismatch': ['headers'],
  'header-not-signed': ['headers', 'signature'],
  syntax: ['signature'],
  expired: ['signature'],
  unsupported: ['signature', 'key'],
};

function dkimSections(r: AuthRecord): CheckSection[] {
  if (r.dkim.length === 0) return [{ check: 'dkim', result: 'none', status: 'neutral', steps: [] }];
  return r.dkim.map((d) => {
    const status = resultStatus(d.result);
    const failing = new Set(status === 'fail' ? (DKIM_REASON_STEP[d.reason ?? ''] ?? []) : []);
    // Only the last step of a failing kind is the one that failed (earlier ones led up to it).
    const lastOf = new Map<string, number>();
    d.steps.forEach((s, i) => lastOf.set(s.kind, i));
    // A check that stopped early (no key) has no verdict step: then its last step is where it failed.
    const stoppedAt = status === 'fail' && !lastOf.has('verdict') ? d.steps.length - 1 : -1;
    const steps = d.steps.map((s, i): ExplainedStep => ({
      note: s.note,
      depth: 0,
      label: s.kind,
      status: s.kind === 'verdict' ? status : (failing.has(s.kind) && lastOf.get(s.kind) === i) || i === stoppedAt ? 'fail' : 'info',
    }));
    return { check: 'dkim' as const, result: d.result, status, domain: d.domain, steps };
  });
}

function dmarcSection(r: AuthRecord): CheckSection {
  const status = resultStatus(r.dmarc.result);
  const steps = r.dmarc.steps.map((s, i, all): ExplainedStep => ({ note: s.note, depth: 0, status: i === all.length - 1 ? status : 'info' }));
  return { check: 'dmarc', result: r.dmarc.result, status, domain: r.dmarc.policyDomain ?? r.client.fromDomain, steps };
}

function dnsblSection(r: AuthRecord): CheckSection {
  const listed = r.dnsbl.listings.length > 0;
  return {
    check: 'dnsbl',
    result: listed ? 'listed' : 'not listed',
    status: listed ? 'fail' : 'pass',
    steps: r.dnsbl.steps.map((s) => ({ note: s.note, depth: 0, status: listed && /listed|gelistet/i.test(s.note.en) && !/not listed/i.test(s.note.en) ? 'fail' : 'info' })),
  };
}

function spamSection(r: AuthRecord): CheckSection {
  const status: StepStatus = r.spam.action === 'inbox' ? 'pass' : 'fail';
  return {
    check: 'spam',
    result: r.spam.action,
    status,
    steps: r.spam.parts.map((p) => ({ note: p.note, depth: 0, label: `${p.rule} ${p.points > 0 ? '+' : ''}${p.points}`, status: p.points > 0 ? 'fail' : p.points < 0 ? 'pass' : 'info' })),
  };
}

/** authSections lays out one server's checks of one message: SPF, each DKIM signature, DMARC, block lists, spam. */
export function authSections(r: AuthRecord): CheckSection[] {
  return [spfSection(r), ...dkimSections(r), dmarcSection(r), dnsblSection(r), spamSection(r)];
}

/** AuthChoice: one checked message, as the explainer's list shows it. */
export interface AuthChoice {
  /** Position in the world's list of checks. */
  index: number;
  msg: string;
  host: string;
  at: number;
  subject?: string;
  mailFrom: string;
  /** Where it went: INBOX, Junk, or refused with a reply. */
  outcome: 'INBOX' | 'Junk' | 'rejected';
  /** The worst of SPF, DKIM and DMARC. */
  status: StepStatus;
}

/** authChoices lists every check so far, newest first, with the subject the trace knows for its message. */
export function authChoices(auth: readonly AuthRecord[], trace: readonly TraceEvent[]): AuthChoice[] {
  const subjects = new Map<string, string>();
  for (const e of trace) if (e.type === 'mail.submit' && e.subject !== undefined) subjects.set(e.msg, e.subject);
  return auth
    .map((r, index): AuthChoice => {
      const checks = [r.spf.result, ...r.dkim.map((d) => d.result), r.dmarc.result].map(resultStatus);
      const status: StepStatus = checks.includes('fail') ? 'fail' : checks.every((c) => c === 'pass') ? 'pass' : 'neutral';
      return {
        index, msg: r.msg, host: r.host, at: r.at, subject: subjects.get(r.msg), mailFrom: r.client.mailFrom,
        outcome: r.verdict.reply ? 'rejected' : r.verdict.folder, status,
      };
    })
    .reverse();
}

/** latestCheckOf finds the newest check of a message (for the message of the selected event). */
export function latestCheckOf(choices: readonly AuthChoice[], msg: string | undefined): AuthChoice | undefined {
  return msg === undefined ? undefined : choices.find((c) => c.msg === msg);
}
