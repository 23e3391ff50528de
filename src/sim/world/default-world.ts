/**
 * The built-in default world, used whenever no scenario is given (CLI, app, tests).
 *
 * Two mail domains and a transit relay, all on reserved names and documentation addresses:
 * - example.com: alice on `alice-pc` (a dynamic home ISP address) submits to `smtp.example.com`,
 *   which is also example.com's MX and mail store, and relays outbound through `relay.example.net`.
 * - example.org: MX `mx1` (10) and `mx2` (20), mail store `mail.example.org` with bob (IMAP on
 *   `bob-phone`) and carol (POP3 on `carol-pc`).
 * - `mallory-pc` on a network of its own can talk straight to any MX (spoofing lessons).
 *
 * Sender authentication passes end to end: the receiving MX sees example.com's mail arrive from
 * the relay (198.51.100.25), not from smtp.example.com, so example.com's SPF record includes the
 * relay provider's published list (`include:_spf.example.net`), as every domain that sends through
 * a smart host must; example.org's names its mail store (`a:mail.example.org`). Each mail server's
 * HELO name has an SPF record of its own for bounces (RFC 7208 §2.3). Both domains DKIM-sign
 * outbound mail and publish DMARC (example.com p=reject, example.org p=quarantine); the DNS block
 * list `dnsbl.example.net` lists the dynamic home range 203.0.113.0/24.
 */
import type { HostRole } from '../kernel/network';
import { DEFAULT_DKIM_KEYS } from './default-keys';
import type { InboundPolicy } from './inbound-policy';
import type { TransitChanges } from './message-modify';

/** HostPlan: one host of a world plan. */
export interface HostPlan {
  name: string;
  role: HostRole;
  ip: string;
  ip6?: string;
  net?: string;
  pos?: { x: number; y: number };
}

/** SmtpServicePlan: an SMTP listener on a host. */
export interface SmtpServicePlan {
  port: number;
  policy: 'msa' | 'mx' | 'relay' | 'mta';
  tls: 'starttls' | 'implicit' | 'none';
}

/** MailHostPlan: the mail software on a host. */
export interface MailHostPlan {
  host: string;
  smtp: SmtpServicePlan[];
  /** Domains this host accepts mail for as final destination (hands to the store). */
  localDomains: string[];
  /** Where accepted local mail is stored (itself, or a separate mail store host). */
  store?: string;
  /** Outbound relay (Postfix relayhost). */
  smarthost?: string;
  /** Client addresses allowed to relay without AUTH (Postfix mynetworks). */
  relayFrom: string[];
  /** Domains this host signs with DKIM: domain → selector. */
  dkimSign: Record<string, string>;
  sizeLimit: number;
  imap?: boolean;
  pop3?: boolean;
  /** Queue retry settings (ms) overriding Postfix's defaults; `retry` is an explicit schedule. */
  queue?: { runInterval?: number; minBackoff?: number; maxBackoff?: number; lifetime?: number; delayWarning?: number; retry?: number[] };
  /** How an MX acts on SPF, DKIM, DMARC, block lists and spam scores (defaults when absent). */
  inbound?: InboundPolicy;
  /** What a relay or list host changes in every message it passes on (breaks DKIM). */
  modify?: TransitChanges;
}

/** AccountPlan: a person's mailbox and mail program. */
export interface AccountPlan {
  address: string;
  password: string;
  appPassword?: string;
  requireAppPassword?: boolean;
  aliases: string[];
  clientHost?: string;
  reads?: 'imap' | 'pop3';
  keepOnServer?: boolean;
  quota?: number;
  outgoing: { server: string; port: number; security: 'none' | 'starttls' | 'tls'; user: string; password: string };
  incoming?: { server: string; port: number; security: 'none' | 'starttls' | 'tls'; protocol: 'imap' | 'pop3'; user: string; password: string; keepOnServer?: boolean };
}

/** WorldPlan: everything needed to build a world. */
export interface WorldPlan {
  title: string;
  seed: number;
  /** Absolute time (ms since 1970) at which virtual time 0 lies; only used for Date headers. */
  epoch: number;
  hosts: HostPlan[];
  links: { a: string; b: string; latency: number; loss?: number }[];
  mailHosts: MailHostPlan[];
  /** Zone name → authoritative server and zone-file text. */
  zones: { zone: string; server: string; text: string }[];
  accounts: AccountPlan[];
  dkimKeys: Record<string, { selector: string; privateKey: string }>;
  /** DNS blocklist zones MXs consult, and the ranges listed there. */
  dnsbl: string[];
}

/**
 * ORG_SPF: example.org's outbound mail leaves from its mail store `mail.example.org`, which is not
 * one of its MXs, so the record names it next to `mx` (RFC 7208 §5.4, §5.3).
 */
const ORG_SPF = '"v=spf1 mx a:mail.example.org -all"';

/** defaultWorldPlan returns a fresh copy of the built-in world. */
export function defaultWorldPlan(): WorldPlan {
  const keyCom = DEFAULT_DKIM_KEYS['example.com'];
  const keyOrg = DEFAULT_DKIM_KEYS['example.org'];
  return {
    title: 'Default world: alice@example.com writes to bob and carol at example.org',
    seed: 1,
    epoch: Date.UTC(2026, 10, 27, 9, 0, 0),
    hosts: [
      { name: 'alice-pc', role: 'client', ip: '203.0.113.10', net: 'home', pos: { x: 0.06, y: 0.2 } },
      { name: 'bob-phone', role: 'client', ip: '203.0.113.20', net: 'home', pos: { x: 0.94, y: 0.88 } },
      { name: 'carol-pc', role: 'client', ip: '203.0.113.30', net: 'home', pos: { x: 0.74, y: 0.95 } },
      { name: 'mallory-pc', role: 'attacker', ip: '198.51.100.66', net: 'rogue', pos: { x: 0.06, y: 0.85 } },
      { name: 'isp-gw', role: 'router', ip: '203.0.113.1', net: 'home', pos: { x: 0.2, y: 0.5 } },
      { name: 'internet', role: 'router', ip: '192.0.2.1', pos: { x: 0.5, y: 0.5 } },
      { name: 'smtp.example.com', role: 'submission', ip: '192.0.2.25', ip6: '2001:db8:c0::25', pos: { x: 0.22, y: 0.12 } },
      { name: 'ns.example.com', role: 'dns', ip: '192.0.2.53', pos: { x: 0.4, y: 0.08 } },
      { name: 'relay.example.net', role: 'relay', ip: '198.51.100.25', pos: { x: 0.52, y: 0.18 } },
      { name: 'ns.example.net', role: 'dns', ip: '198.51.100.53', pos: { x: 0.3, y: 0.85 } },
      { name: 'mx1.example.org', role: 'mx', ip: '192.0.2.131', ip6: '2001:db8:c1::25', pos: { x: 0.78, y: 0.25 } },
      { name: 'mx2.example.org', role: 'mx', ip: '192.0.2.132', pos: { x: 0.78, y: 0.6 } },
      { name: 'mail.example.org', role: 'store', ip: '192.0.2.140', pos: { x: 0.93, y: 0.45 } },
      { name: 'ns.example.org', role: 'dns', ip: '192.0.2.153', pos: { x: 0.62, y: 0.85 } },
    ],
    links: [
      { a: 'alice-pc', b: 'isp-gw', latency: 8 },
      { a: 'bob-phone', b: 'isp-gw', latency: 25 },
      { a: 'carol-pc', b: 'isp-gw', latency: 8 },
      { a: 'mallory-pc', b: 'internet', latency: 30 },
      { a: 'isp-gw', b: 'internet', latency: 12 },
      { a: 'smtp.example.com', b: 'internet', latency: 6 },
      { a: 'ns.example.com', b: 'internet', latency: 6 },
      { a: 'relay.example.net', b: 'internet', latency: 10 },
      { a: 'ns.example.net', b: 'internet', latency: 8 },
      { a: 'mx1.example.org', b: 'internet', latency: 7 },
      { a: 'mx2.example.org', b: 'internet', latency: 15 },
      { a: 'mail.example.org', b: 'internet', latency: 5 },
      { a: 'mail.example.org', b: 'mx1.example.org', latency: 1 },
      { a: 'mail.example.org', b: 'mx2.example.org', latency: 1 },
      { a: 'ns.example.org', b: 'internet', latency: 7 },
    ],
    mailHosts: [
      {
        host: 'smtp.example.com',
        smtp: [
          { port: 25, policy: 'mx', tls: 'starttls' },
          { port: 587, policy: 'msa', tls: 'starttls' },
          { port: 465, policy: 'msa', tls: 'implicit' },
        ],
        localDomains: ['example.com'],
        smarthost: 'relay.example.net',
        relayFrom: [],
        dkimSign: { 'example.com': keyCom.selector },
        sizeLimit: 10_240_000,
        imap: true,
        pop3: true,
      },
      {
        host: 'relay.example.net',
        smtp: [{ port: 25, policy: 'relay', tls: 'starttls' }],
        localDomains: [],
        relayFrom: ['192.0.2.25/32'],
        dkimSign: {},
        sizeLimit: 10_240_000,
      },
      {
        host: 'mx1.example.org',
        smtp: [{ port: 25, policy: 'mx', tls: 'starttls' }],
        localDomains: ['example.org'],
        store: 'mail.example.org',
        relayFrom: [],
        dkimSign: {},
        sizeLimit: 10_240_000,
      },
      {
        host: 'mx2.example.org',
        smtp: [{ port: 25, policy: 'mx', tls: 'starttls' }],
        localDomains: ['example.org'],
        store: 'mail.example.org',
        relayFrom: [],
        dkimSign: {},
        sizeLimit: 10_240_000,
      },
      {
        host: 'mail.example.org',
        smtp: [{ port: 587, policy: 'msa', tls: 'starttls' }, { port: 465, policy: 'msa', tls: 'implicit' }],
        localDomains: [],
        relayFrom: [],
        dkimSign: { 'example.org': keyOrg.selector },
        sizeLimit: 10_240_000,
        imap: true,
        pop3: true,
      },
    ],
    zones: [
      {
        zone: 'example.com',
        server: 'ns.example.com',
        text: [
          '$ORIGIN example.com.',
          '$TTL 3600',
          '@        IN SOA ns.example.com. hostmaster.example.com. 2026112701 7200 900 1209600 300',
          '@        IN NS  ns.example.com.',
          '@        IN MX  10 smtp.example.com.',
          '; SPF (RFC 7208): smtp.example.com hands all outbound mail to the smart host relay.example.net,',
          '; so receivers see the relay\'s address, not 192.0.2.25. A domain that uses a provider\'s smart',
          '; host must authorise it: include: the provider\'s published list (_spf.example.net).',
          '@        IN TXT "v=spf1 ip4:192.0.2.25 include:_spf.example.net -all"',
          'smtp     IN A    192.0.2.25',
          'smtp     IN TXT  "v=spf1 a -all"',
          'smtp     IN AAAA 2001:db8:c0::25',
          'ns       IN A    192.0.2.53',
          `${keyCom.selector}._domainkey IN TXT ${keyCom.zoneTxt}`,
          '_dmarc   IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com; adkim=r; aspf=r"',
          '',
        ].join('\n'),
      },
      {
        zone: 'example.org',
        server: 'ns.example.org',
        text: [
          '$ORIGIN example.org.',
          '$TTL 3600',
          '@        IN SOA ns.example.org. hostmaster.example.org. 2026112701 7200 900 1209600 300',
          '@        IN NS  ns.example.org.',
          '@        IN MX  10 mx1.example.org.',
          '@        IN MX  20 mx2.example.org.',
          `@        IN TXT ${ORG_SPF}`,
          'mx1      IN A    192.0.2.131',
          'mx1      IN AAAA 2001:db8:c1::25',
          'mx2      IN A    192.0.2.132',
          'mail     IN A    192.0.2.140',
          'mail     IN TXT  "v=spf1 a -all"',
          'ns       IN A    192.0.2.153',
          `${keyOrg.selector}._domainkey IN TXT ${keyOrg.zoneTxt}`,
          '_dmarc   IN TXT "v=DMARC1; p=quarantine; adkim=r; aspf=r"',
          '',
        ].join('\n'),
      },
      {
        zone: 'example.net',
        server: 'ns.example.net',
        text: [
          '$ORIGIN example.net.',
          '$TTL 3600',
          '@        IN SOA ns.example.net. hostmaster.example.net. 2026112701 7200 900 1209600 300',
          '@        IN NS  ns.example.net.',
          'relay    IN A   198.51.100.25',
          'relay    IN TXT "v=spf1 a -all"',
          '; The relay provider publishes the addresses its customers include in their SPF records.',
          '_spf     IN TXT "v=spf1 ip4:198.51.100.25 -all"',
          'ns       IN A   198.51.100.53',
          'mallory  IN A   198.51.100.66',
          '; The DNS blocklist: dynamic home ranges are listed, as real blocklists do.',
          '*.113.0.203.dnsbl IN A   127.0.0.11',
          '*.113.0.203.dnsbl IN TXT "Dynamic/residential IP range listed; send through your provider\'s server"',
          '',
        ].join('\n'),
      },
      {
        zone: '2.0.192.in-addr.arpa',
        server: 'ns.example.net',
        text: [
          '$ORIGIN 2.0.192.in-addr.arpa.',
          '$TTL 3600',
          '@   IN SOA ns.example.net. hostmaster.example.net. 2026112701 7200 900 1209600 300',
          '@   IN NS  ns.example.net.',
          '25  IN PTR smtp.example.com.',
          '131 IN PTR mx1.example.org.',
          '132 IN PTR mx2.example.org.',
          '140 IN PTR mail.example.org.',
          '',
        ].join('\n'),
      },
      {
        zone: '100.51.198.in-addr.arpa',
        server: 'ns.example.net',
        text: [
          '$ORIGIN 100.51.198.in-addr.arpa.',
          '$TTL 3600',
          '@   IN SOA ns.example.net. hostmaster.example.net. 2026112701 7200 900 1209600 300',
          '@   IN NS  ns.example.net.',
          '25  IN PTR relay.example.net.',
          '66  IN PTR mallory.example.net.',
          '',
        ].join('\n'),
      },
    ],
    accounts: [
      {
        address: 'alice@example.com', password: 'alice-secret', aliases: [], clientHost: 'alice-pc', reads: 'imap',
        outgoing: { server: 'smtp.example.com', port: 587, security: 'starttls', user: 'alice@example.com', password: 'alice-secret' },
        incoming: { server: 'smtp.example.com', port: 993, security: 'tls', protocol: 'imap', user: 'alice@example.com', password: 'alice-secret' },
      },
      {
        address: 'bob@example.org', password: 'bob-secret', aliases: [], clientHost: 'bob-phone', reads: 'imap',
        outgoing: { server: 'mail.example.org', port: 587, security: 'starttls', user: 'bob@example.org', password: 'bob-secret' },
        incoming: { server: 'mail.example.org', port: 993, security: 'tls', protocol: 'imap', user: 'bob@example.org', password: 'bob-secret' },
      },
      {
        address: 'carol@example.org', password: 'carol-secret', aliases: [], clientHost: 'carol-pc', reads: 'pop3', keepOnServer: false,
        outgoing: { server: 'mail.example.org', port: 587, security: 'starttls', user: 'carol@example.org', password: 'carol-secret' },
        incoming: { server: 'mail.example.org', port: 995, security: 'tls', protocol: 'pop3', user: 'carol@example.org', password: 'carol-secret', keepOnServer: false },
      },
    ],
    dkimKeys: {
      'example.com': { selector: keyCom.selector, privateKey: keyCom.privateKey },
      'example.org': { selector: keyOrg.selector, privateKey: keyOrg.privateKey },
    },
    dnsbl: ['dnsbl.example.net'],
  };
}

/** DEFAULT_SENDS: on start, alice writes one mail to bob and one to carol. */
export const DEFAULT_SENDS = [
  { at: 1000, from: 'alice@example.com', to: ['bob@example.org'], subject: 'Hello Bob', body: 'Hi Bob,\r\n\r\nthis mail travels through four servers to reach you.\r\n\r\nAlice\r\n' },
  { at: 3000, from: 'alice@example.com', to: ['carol@example.org'], subject: 'Hello Carol', body: 'Hi Carol,\r\n\r\nlet us see which way this one takes.\r\n\r\nAlice\r\n' },
];
