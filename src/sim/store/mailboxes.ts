/**
 * Mailboxes: the message store of one mail host — per account, folders (INBOX, Junk, ...) of
 * messages with IMAP-style UIDs and flags. The MDA writes here; IMAP and POP3 read and change it.
 */

/** StoredMessage: one message in a folder. */
export interface StoredMessage {
  uid: number;
  /** The world's message id (`m1`), for the trace. */
  msg: string;
  raw: string;
  size: number;
  flags: Set<string>;
  /** Virtual time it was stored. */
  at: number;
}

/** Folder: an ordered list of messages (sequence numbers are positions + 1). */
export interface Folder {
  name: string;
  messages: StoredMessage[];
  uidNext: number;
  uidValidity: number;
}

/** Mailbox: one account's folders and quota. */
export interface Mailbox {
  address: string;
  folders: Map<string, Folder>;
  /** Quota in octets; undefined = unlimited. */
  quota?: number;
}

/** FOLDERS: every mailbox has these. */
export const FOLDERS = ['INBOX', 'Junk', 'Sent', 'Trash'] as const;

/** Mailboxes: all mailboxes of one store host. */
export class Mailboxes {
  private boxes = new Map<string, Mailbox>();

  constructor(readonly host: string) {}

  /** create adds an account's mailbox with the standard folders. */
  create(address: string, quota?: number): Mailbox {
    const key = address.toLowerCase();
    const existing = this.boxes.get(key);
    if (existing) return existing;
    const folders = new Map<string, Folder>();
    // UIDVALIDITY is a fixed number per folder: deterministic, like Dovecot's creation time stamp.
    FOLDERS.forEach((name, i) => folders.set(name, { name, messages: [], uidNext: 1, uidValidity: 1795822144 + i }));
    const box: Mailbox = { address: key, folders, quota };
    this.boxes.set(key, box);
    return box;
  }

  /** get finds a mailbox by address (case-insensitive). */
  get(address: string): Mailbox | undefined {
    return this.boxes.get(address.toLowerCase());
  }

  /** all lists the mailboxes. */
  all(): Mailbox[] {
    return [...this.boxes.values()];
  }

  /** used counts the octets stored in a mailbox. */
  used(box: Mailbox): number {
    let n = 0;
    for (const f of box.folders.values()) for (const m of f.messages) n += m.size;
    return n;
  }

  /** store appends a message to a folder and returns it. */
  store(box: Mailbox, folder: string, msg: string, raw: string, size: number, at: number): StoredMessage {
    let f = box.folders.get(folder);
    if (!f) {
      f = { name: folder, messages: [], uidNext: 1, uidValidity: 1795822144 + box.folders.size };
      box.folders.set(folder, f);
    }
    const m: StoredMessage = { uid: f.uidNext++, msg, raw, size, flags: new Set(), at };
    f.messages.push(m);
    return m;
  }
}
