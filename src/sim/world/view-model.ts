/**
 * The serialisable picture of a world at one moment, as the UI's inspectors, mail clients and
 * DNS editor read it. `World.view()` builds it; the Web Worker posts it to the page.
 */
import type { HostRole } from '../kernel/network';
import type { AuthRecord } from './auth-log';

/** HostView: one host as the inspector shows it. */
export interface HostView {
  name: string;
  role: HostRole;
  ip: string;
  ip6?: string;
  net?: string;
  pos?: { x: number; y: number };
  /** Listening ports with a label (`587 submission (STARTTLS)`). */
  services: { port: number; proto: string; label: string }[];
  /** Policy and configuration lines worth showing (`size limit 10240000`, `smart host relay.example.net`). */
  config: string[];
  /** Current machine states of the agents on this host, e.g. `smtp-server c3: data`. */
  states: string[];
  /** Open connections with their state. */
  sessions: number;
  queueLength: number;
  /** Active faults on this host, by kind. */
  faults: string[];
}

/** LinkView: one link. */
export interface LinkView {
  id: string;
  a: string;
  b: string;
  latency: number;
  loss: number;
  up: boolean;
}

/** QueueEntryView: one message and recipient domain waiting in an MTA queue. */
export interface QueueEntryView {
  host: string;
  msg: string;
  queueId: string;
  from: string;
  rcpts: string[];
  domain: string;
  state: string;
  attempts: { at: number; target: string; code?: number; enhanced?: string; text: string }[];
  nextRetry?: number;
  lastError?: string;
  arrived: number;
}

/** StoredMessageView: a message in a mailbox folder. */
export interface StoredMessageView {
  uid: number;
  msg: string;
  from: string;
  subject: string;
  date: string;
  size: number;
  flags: string[];
  raw: string;
}

/** MailboxView: one account's mailbox on its mail store. */
export interface MailboxView {
  address: string;
  host: string;
  folders: { name: string; messages: StoredMessageView[] }[];
  quota?: number;
}

/** AccountView: a person's account and mail program settings. */
export interface AccountView {
  address: string;
  clientHost?: string;
  reads?: 'imap' | 'pop3';
  outgoing: { server: string; port: number; security: 'none' | 'starttls' | 'tls'; user: string; password: string };
  incoming?: { server: string; port: number; security: 'none' | 'starttls' | 'tls'; protocol: 'imap' | 'pop3'; user: string; password: string; keepOnServer?: boolean };
  /** What the mail program has: sent items, outbox, downloaded messages, errors shown. */
  outbox: { msg: string; to: string[]; subject: string; state: 'sending' | 'sent' | 'failed'; error?: string; errorDe?: string }[];
  downloaded: StoredMessageView[];
}

/** FaultView: an active or scheduled fault. */
export interface FaultView {
  id: string;
  kind: string;
  target: string;
  from: number;
  until?: number;
  count?: number;
  active: boolean;
}

/**
 * AuthCheckView: one receiving server's checks of one message — SPF steps, DKIM results with
 * their steps, DMARC steps, block-list lookups, spam score parts and the verdict — for the
 * explainer.
 */
export type AuthCheckView = AuthRecord;

/** WorldView: everything the UI shows about the world at one time. */
export interface WorldView {
  t: number;
  epoch: number;
  title: string;
  hosts: HostView[];
  links: LinkView[];
  queues: QueueEntryView[];
  mailboxes: MailboxView[];
  zones: { zone: string; server: string; text: string }[];
  accounts: AccountView[];
  faults: FaultView[];
  /** The receiving servers' authentication and spam checks so far, in the order they ran. */
  auth: AuthCheckView[];
}
