/**
 * Ledger: the world's bookkeeping of every message and, per recipient, its fate so far.
 * It is not part of any protocol: servers only see bytes. The ledger follows a message across
 * hops by its Message-ID so the trace can tag every line with the message it belongs to, and
 * so a run can end with one `message.fate` per message and recipient.
 */
import type { MessageFate } from '../kernel/trace';

/** Fate: where one recipient's copy stands. */
export type Fate =
  | { fate: 'pending' }
  | { fate: 'delivered'; mailbox: string; folder: string; at: number }
  | { fate: 'bounced' | 'rejected'; code?: number; enhanced?: string; reason: string; at: number };

/** LedgerEntry: one message as first submitted (or a DSN the world generated). */
export interface LedgerEntry {
  id: string;
  messageId: string;
  from: string;
  rcpts: string[];
  subject: string;
  created: number;
  /** True for delivery status notifications (bounces): never bounced themselves. */
  isDsn: boolean;
  fates: Map<string, Fate[]>;
  /** Hosts that took responsibility for it (replied 250 after the data and queued it). */
  acceptedBy?: string[];
  /** Why a recipient may get it twice: the reply after the data was lost (per recipient). */
  lostReplies?: Map<string, string>;
}

/** Ledger: messages by id and by Message-ID. */
export class Ledger {
  private byId = new Map<string, LedgerEntry>();
  private byMessageId = new Map<string, string>();
  private counter = 0;

  /** newId hands out the next message id (`m1`, `m2`, ...). */
  newId(): string {
    return `m${++this.counter}`;
  }

  /** add registers a message. */
  add(entry: Omit<LedgerEntry, 'fates'>): LedgerEntry {
    const e: LedgerEntry = { ...entry, fates: new Map(entry.rcpts.map((r) => [r.toLowerCase(), [{ fate: 'pending' } as Fate]])) };
    this.byId.set(e.id, e);
    this.byMessageId.set(e.messageId, e.id);
    return e;
  }

  /** get finds a message by id. */
  get(id: string): LedgerEntry | undefined {
    return this.byId.get(id);
  }

  /** idForMessageId maps a Message-ID header value to the message id, if the world made it. */
  idForMessageId(messageId: string | undefined): string | undefined {
    return messageId ? this.byMessageId.get(messageId.trim()) : undefined;
  }

  /** all lists messages in creation order. */
  all(): LedgerEntry[] {
    return [...this.byId.values()];
  }

  /**
   * settle records a final outcome for one recipient. A second delivery of the same copy is
   * kept (it happens when a reply after DATA was lost) so the trace can say why.
   */
  settle(id: string, rcpt: string, fate: Exclude<Fate, { fate: 'pending' }>): void {
    const e = this.byId.get(id);
    if (!e) return;
    const key = rcpt.toLowerCase();
    const list = (e.fates.get(key) ?? []).filter((f) => f.fate !== 'pending');
    list.push(fate);
    e.fates.set(key, list);
  }

  /** markAccepted notes that `host` took responsibility for a message (it will deliver or bounce it). */
  markAccepted(id: string, host: string): void {
    const e = this.byId.get(id);
    if (e) e.acceptedBy = [...(e.acceptedBy ?? []), host];
  }

  /** accepted tells whether any server took responsibility for a message. */
  accepted(id: string): boolean {
    return (this.byId.get(id)?.acceptedBy?.length ?? 0) > 0;
  }

  /** noteLostReply records that the reply after the data was lost for these recipients (a duplicate may follow). */
  noteLostReply(id: string, rcpts: readonly string[], why: string): void {
    const e = this.byId.get(id);
    if (!e) return;
    e.lostReplies ??= new Map();
    for (const r of rcpts) e.lostReplies.set(r.toLowerCase(), why);
  }

  /**
   * fateEvents returns the `message.fate` events for the end of a run: one per message and
   * recipient, and one more for each further delivery of a copy, whose reason says why.
   */
  fateEvents(nextRetry: (id: string, rcpt: string) => number | undefined): Omit<MessageFate, 't'>[] {
    const out: Omit<MessageFate, 't'>[] = [];
    for (const e of this.byId.values()) {
      for (const [rcpt, fates] of e.fates) {
        let delivered = 0;
        for (const f of fates) {
          if (f.fate === 'pending') {
            out.push({ type: 'message.fate', id: e.id, from: e.from, to: rcpt, fate: 'queued', nextRetry: nextRetry(e.id, rcpt) });
          } else if (f.fate === 'delivered') {
            const lost = e.lostReplies?.get(rcpt);
            const again = delivered++ > 0 ? { reason: `delivered again: ${lost ? `the sender did not get the reply after the data (${lost}) and sent it once more` : 'a second copy arrived'}` } : {};
            out.push({ type: 'message.fate', id: e.id, from: e.from, to: rcpt, fate: 'delivered', mailbox: f.mailbox, folder: f.folder, ...again });
          } else {
            out.push({ type: 'message.fate', id: e.id, from: e.from, to: rcpt, fate: f.fate, code: f.code, enhanced: f.enhanced, reason: f.reason });
          }
        }
      }
    }
    return out;
  }
}
