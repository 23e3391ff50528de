/**
 * What a mail program knows about fetching mail: the "incoming server" settings of an account,
 * what it remembers between checks (IMAP: UIDVALIDITY and the last UID seen; POP3: the UIDLs
 * already downloaded), and what one check brought. Shared by `muaMachine` and the IMAP and POP3
 * client sessions.
 */

/** IncomingSettings: the "incoming server (IMAP/POP3)" page of an account. */
export interface IncomingSettings {
  server: string;
  port: number;
  security: 'none' | 'starttls' | 'tls';
  protocol: 'imap' | 'pop3';
  user: string;
  password: string;
  /** POP3: leave a copy on the server (no DELE). IMAP always keeps mail on the server. */
  keepOnServer?: boolean;
  /** How often to check for new mail in ms (default 60 s, as mail programs poll). */
  checkInterval?: number;
}

/** MailCheckMemory: what the program remembers between checks. */
export interface MailCheckMemory {
  /** IMAP: the INBOX's UIDVALIDITY at the last check; a change means "download again". */
  uidValidity?: number;
  /** IMAP: the highest UID downloaded. */
  lastUid: number;
  /** POP3: the unique ids already downloaded (for "leave messages on server"). */
  uidls: string[];
}

/** FetchedMessage: one message a check downloaded. */
export interface FetchedMessage {
  raw: string;
  size: number;
  uid?: number;
  uidl?: string;
  /** Flags as the server reported them after the download (IMAP: \Seen). */
  flags: string[];
  /** The world's message id (bookkeeping for the trace and views, not protocol). */
  msg?: string;
}

/** FetchResult: how one check session ended. */
export interface FetchResult {
  kind: 'fetched' | 'failed';
  /** The stage reached: greeting, starttls, tls, login, select, stat, uidl, fetch, retr, logout. */
  stage: string;
  messages: FetchedMessage[];
  /** The server's refusal, as it sent it. */
  reply?: string;
  network?: 'timeout' | 'closed' | 'tls-failed';
  tlsReason?: string;
  /** POP3: messages deleted on the server at QUIT. */
  deleted: number;
  /** What to remember for next time. */
  memory: MailCheckMemory;
}

/** FetchOutcome: a check's result, or why no session came about. */
export type FetchOutcome =
  | { kind: 'session'; result: FetchResult }
  | { kind: 'connect-failed'; reason: 'refused' | 'timeout'; detail: string };

/** DownloadedMessage: a message in the program's local INBOX. */
export interface DownloadedMessage extends FetchedMessage {
  /** Virtual time it was downloaded. */
  at: number;
  protocol: 'imap' | 'pop3';
}

/** DEFAULT_CHECK_INTERVAL_MS: mail programs check every minute or so. */
export const DEFAULT_CHECK_INTERVAL_MS = 60_000;

/** nextCheckTime is the next time on a program's check grid (start + k·interval) after `now`. */
export function nextCheckTime(start: number, interval: number, now: number): number {
  const step = Math.max(1, interval);
  return start + (Math.floor((now - start) / step) + 1) * step;
}
