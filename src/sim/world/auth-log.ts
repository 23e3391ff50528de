/**
 * AuthLog: the full record of every receiving server's checks — SPF steps, DKIM steps per
 * signature, DMARC steps, block-list lookups, spam score parts and the verdict — kept per
 * message so the explainer can replay them. The trace holds one short `auth.*` event per check;
 * this holds the reasoning behind it. Entries are plain serialisable data.
 */
import type { SpfOutcome } from '../auth/spf';
import type { DkimResult } from '../auth/dkim-verify';
import type { DmarcOutcome } from '../auth/dmarc';
import type { SpamVerdict } from '../auth/spam';
import type { Reply } from '../protocol/smtp-reply';
import type { DnsblCheck } from './dnsbl';

type Note = { en: string; de: string };

/** AuthRecord: one receiving server's checks of one message. */
export interface AuthRecord {
  /** The world's message id (`m1`). */
  msg: string;
  /** The receiving server (the authserv-id of its Authentication-Results). */
  host: string;
  /** Virtual time of the check. */
  at: number;
  /** What the server knew about the session. */
  client: { ip: string; helo: string; mailFrom: string; fromDomain: string };
  spf: SpfOutcome;
  dkim: DkimResult[];
  dmarc: DmarcOutcome;
  dnsbl: DnsblCheck;
  spam: SpamVerdict;
  /** Where the message went, or the reply that refused it, and why. */
  verdict: { folder: 'INBOX' | 'Junk'; reply?: Reply; why: Note };
  /** The header fields added (values), for the inspector. */
  headers: { authenticationResults: string; receivedSpf: string; spamStatus: string };
}

/** AuthLog: records by message id, in the order the checks ran. */
export class AuthLog {
  private byMsg = new Map<string, AuthRecord[]>();
  private order: AuthRecord[] = [];

  /** record keeps one server's checks of one message. */
  record(r: AuthRecord): void {
    const list = this.byMsg.get(r.msg) ?? [];
    list.push(r);
    this.byMsg.set(r.msg, list);
    this.order.push(r);
  }

  /** forMessage lists the checks of one message (one per receiving server and attempt). */
  forMessage(msg: string): readonly AuthRecord[] {
    return this.byMsg.get(msg) ?? [];
  }

  /** all lists every record in the order the checks ran. */
  all(): readonly AuthRecord[] {
    return this.order;
  }
}
