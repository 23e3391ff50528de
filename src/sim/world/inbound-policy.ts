/**
 * What a receiving MX does with the results of its checks: refuse the message after DATA, file
 * it into Junk, or deliver it to the INBOX. A pure function of the verdicts and the server's
 * policy, so lessons and tests can reason about it without a world.
 */
import type { ReplyKey } from '../protocol/reply-table';
import type { SpamRules } from '../auth/spam';

type Note = { en: string; de: string };

/** InboundPolicy: how one MX acts on authentication, block lists and spam scores. */
export interface InboundPolicy {
  /** Run the SPF, DKIM, DMARC, block-list and spam checks at all (default true). */
  checks?: boolean;
  /**
   * Refuse mail whose SPF result is `fail` when DMARC does not pass (550 5.7.23; 5.7.26 when
   * DKIM failed as well). Default false: such mail is accepted and the failure adds spam points,
   * since forwarded mail fails SPF without being forged (RFC 7208 §8.4 leaves it to the receiver).
   */
  spfFailReject?: boolean;
  /**
   * A connecting client on a block list: `reject` refuses it at RCPT with 554 5.7.1, as large
   * providers do with dynamic home addresses (default); `score` only adds spam points.
   */
  dnsbl?: 'reject' | 'score';
  /** Changes to the spam rules (points, thresholds, words). */
  spam?: SpamRules;
}

/** InboundFacts: the verdicts the decision looks at. */
export interface InboundFacts {
  spf: { result: string; domain: string; ip: string };
  dkim: readonly { result: string; domain: string }[];
  dmarc: { result: string; disposition: 'none' | 'quarantine' | 'reject'; policy?: string };
  fromDomain: string;
  spam: { action: 'inbox' | 'junk' | 'reject'; score: number; threshold: { junk: number; reject: number } };
  /** A fault forces a spam refusal. */
  forceSpamReject?: boolean;
}

/** InboundDecision: where the message goes, or the reply that refuses it, and why. */
export interface InboundDecision {
  folder: 'INBOX' | 'Junk';
  reject?: { key: ReplyKey; vars: Record<string, string> };
  why: Note;
}

/**
 * decideInbound applies the policy in a fixed order: DMARC `reject` (RFC 7489 §6.6.4, 550 5.7.1),
 * SPF fail when the MX refuses it and DMARC did not pass (RFC 7372 §3.2: 5.7.23, or 5.7.26 when
 * DKIM signatures failed too), spam score at the reject threshold, then DMARC `quarantine` or a
 * spam score at the junk threshold file it into Junk; everything else goes to the INBOX.
 */
export function decideInbound(f: InboundFacts, policy: InboundPolicy = {}): InboundDecision {
  const domain = f.fromDomain || f.spf.domain;
  if (f.dmarc.disposition === 'reject') {
    return {
      folder: 'INBOX', reject: { key: 'dmarc.reject', vars: { domain } },
      why: { en: `DMARC failed and ${domain} asks for p=reject: refused after DATA.`, de: `DMARC ist fehlgeschlagen und ${domain} verlangt p=reject: nach DATA abgelehnt.` },
    };
  }
  if (policy.spfFailReject && f.spf.result === 'fail' && f.dmarc.result !== 'pass') {
    const dkimFailed = f.dkim.length > 0 && !f.dkim.some((d) => d.result === 'pass');
    return dkimFailed
      ? {
        folder: 'INBOX', reject: { key: 'auth.multiple-failed', vars: { domain: f.spf.domain } },
        why: { en: `SPF failed and no DKIM signature verified; this server refuses such mail (5.7.26).`, de: `SPF ist fehlgeschlagen und keine DKIM-Signatur war gültig; dieser Server lehnt solche Mail ab (5.7.26).` },
      }
      : {
        folder: 'INBOX', reject: { key: 'spf.fail', vars: { ip: f.spf.ip, domain: f.spf.domain } },
        why: { en: `SPF failed for ${f.spf.domain} and this server refuses SPF failures (5.7.23).`, de: `SPF ist für ${f.spf.domain} fehlgeschlagen, und dieser Server lehnt SPF-Fehlschläge ab (5.7.23).` },
      };
  }
  if (f.forceSpamReject || f.spam.action === 'reject') {
    return {
      folder: 'INBOX', reject: { key: 'spam.reject', vars: {} },
      why: { en: `Spam score ${f.spam.score} reaches the reject threshold ${f.spam.threshold.reject}.`, de: `Der Spam-Wert ${f.spam.score} erreicht die Ablehnungsschwelle ${f.spam.threshold.reject}.` },
    };
  }
  if (f.dmarc.disposition === 'quarantine') {
    return { folder: 'Junk', why: { en: `DMARC failed and ${domain} asks for quarantine: filed into Junk.`, de: `DMARC ist fehlgeschlagen und ${domain} verlangt Quarantäne: in den Spam-Ordner gelegt.` } };
  }
  if (f.spam.action === 'junk') {
    return { folder: 'Junk', why: { en: `Spam score ${f.spam.score} reaches the junk threshold ${f.spam.threshold.junk}: filed into Junk.`, de: `Der Spam-Wert ${f.spam.score} erreicht die Spam-Schwelle ${f.spam.threshold.junk}: in den Spam-Ordner gelegt.` } };
  }
  return { folder: 'INBOX', why: { en: `Checks passed (spam score ${f.spam.score}): delivered to the INBOX.`, de: `Prüfungen bestanden (Spam-Wert ${f.spam.score}): in den Posteingang zugestellt.` } };
}
