/**
 * The world part of a scenario: hosts, DNS zones and accounts. Every host field is optional, so a
 * scenario can change one field of a host in the default world and leave the rest.
 */
import { z } from 'zod';
import {
  AddressSchema, closedObject, DurationSchema, fail, hint, HostNameSchema, IPv4Schema, IPv6Schema, LocalTextSchema, named, NetworkSchema, PortSchema,
} from './schema-common';

/** HOST_ROLES: what a host is for; the view draws each role with its own icon. */
export const HOST_ROLES = ['client', 'submission', 'mta', 'relay', 'mx', 'store', 'dns', 'router', 'attacker', 'list'] as const;

/** SMTP_POLICIES: how an SMTP server behaves (MSA, relay, MX, outbound MTA, mailing list). */
export const SMTP_POLICIES = ['msa', 'relay', 'mx', 'mta', 'list'] as const;

/** TLS_MODES: a mail program's connection security: none, STARTTLS after connecting, or implicit TLS. */
export const TLS_MODES = ['none', 'starttls', 'tls'] as const;

const LinkSchema = closedObject({
  to: HostNameSchema.describe('The host at the other end of the link.'),
  latency: DurationSchema.describe('One-way delay of a packet on the link.'),
  loss: z.number().min(0).max(1).optional().describe('Share of packets lost (0 to 1).'),
});

const SmtpServiceSchema = closedObject({
  ports: z.array(PortSchema).min(1).describe('Ports the SMTP server listens on (25, 465, 587).'),
  policy: named(SMTP_POLICIES, { en: 'SMTP policy', de: 'SMTP-Richtlinie' }).describe('msa: submission with login; relay: forwards for trusted hosts; mx: accepts for its domains; mta: outbound; list: mailing list.'),
});

const ServicesSchema = closedObject({
  smtp: SmtpServiceSchema.optional(),
  imap: z.boolean().optional().describe('Runs an IMAP server on 143 and 993.'),
  pop3: z.boolean().optional().describe('Runs a POP3 server on 110 and 995.'),
  dns: z.boolean().optional().describe('Runs an authoritative name server and resolver.'),
});

const QueueSchema = closedObject({
  runInterval: DurationSchema.optional().describe('How often the queue manager scans the deferred queue (Postfix: 300s).'),
  minBackoff: DurationSchema.optional().describe('Shortest wait before a deferred mail is retried (Postfix: 300s).'),
  maxBackoff: DurationSchema.optional().describe('Longest wait between retries (Postfix: 4000s).'),
  lifetime: DurationSchema.optional().describe('How long a mail may stay queued before it is bounced (Postfix: 5d).'),
  delayWarning: DurationSchema.optional().describe('Send the sender a delay warning after this long (off when absent).'),
  retry: z.array(DurationSchema).min(1).optional().describe('An explicit retry schedule: the wait before each retry; the last one repeats.'),
}).superRefine((q, ctx) => {
  if (q.minBackoff !== undefined && q.maxBackoff !== undefined && q.minBackoff > q.maxBackoff) {
    fail(ctx, { en: 'minBackoff must not be longer than maxBackoff', de: 'minBackoff darf nicht länger als maxBackoff sein' }, ['minBackoff']);
  }
});

const CertificateSchema = closedObject({
  name: HostNameSchema.describe('The name the certificate is issued for.'),
  expires: z.iso.datetime({ offset: true }).optional().describe('When the certificate expires (ISO date and time).'),
});

/** HostSchema describes one host; every field is optional so a scenario can change a default host. */
export const HostSchema = closedObject({
  role: named(HOST_ROLES, { en: 'host role', de: 'Rechnerrolle' }).optional().describe('What the host is for.'),
  label: LocalTextSchema.optional().describe('A name shown in the network view instead of the host name.'),
  ip: IPv4Schema.optional(),
  ip6: IPv6Schema.optional(),
  net: z.string().min(1).optional().describe("A named network the host sits in, e.g. 'home' for a home ISP range."),
  links: z.array(LinkSchema).optional().describe('Network links from this host to others.'),
  services: ServicesSchema.optional(),
  domains: z.array(HostNameSchema).optional().describe('Mail domains this server is responsible for (an MX accepts mail only for these).'),
  queue: QueueSchema.optional().describe('Retry settings of the MTA queue.'),
  smarthost: HostNameSchema.optional().describe('Relay all outbound mail through this host instead of looking up MX records.'),
  resolver: HostNameSchema.optional().describe('The DNS server this host asks.'),
  tls: closedObject({ cert: CertificateSchema }).optional(),
  sizeLimit: z.int().min(0).optional().describe('Largest message the server accepts, in octets (announced with EHLO SIZE).'),
  relayFrom: z.array(NetworkSchema).optional().describe('Addresses or CIDR blocks allowed to relay without logging in.'),
  dkim: closedObject({
    selector: z.string().min(1).describe('The DKIM selector (s=).'),
    domains: z.array(HostNameSchema).optional().describe('Domains whose outbound mail is signed.'),
  }).optional().describe('DKIM signing of outbound mail.'),
  dnsbl: z.array(HostNameSchema).optional().describe('DNS block lists an MX consults for connecting clients.'),
  mua: closedObject({
    name: z.string().optional().describe('The mail program shown to the user.'),
    timeout: DurationSchema.optional().describe('How long the mail program waits for a server before it gives up.'),
  }).optional().describe('The mail program running on a client host.'),
  pos: closedObject({ x: z.number(), y: z.number() }).optional().describe('Fixed position in the network view.'),
});

const ServerSettingsShape = {
  server: HostNameSchema.describe('The server name in the account settings.'),
  port: PortSchema,
  security: named(TLS_MODES, { en: 'connection security', de: 'Verbindungssicherheit' }).describe('none, starttls or tls (implicit TLS).'),
  user: z.string().optional().describe('User name for the login (default: the address).'),
  password: z.string().optional().describe('Password the mail program sends (default: the account password).'),
};

/** AccountSchema is one person's mailbox and mail program settings. */
export const AccountSchema = closedObject({
  address: AddressSchema,
  name: z.string().optional().describe('Display name, as in the From header.'),
  password: z.string().optional().describe('The account password; needed for a new account, left out to keep an existing one.'),
  appPassword: z.string().optional().describe('An app password for mail programs.'),
  requireAppPassword: z.boolean().optional().describe('The provider accepts only the app password from mail programs (534 5.7.9 otherwise).'),
  aliases: z.array(AddressSchema).optional().describe('Verified aliases the account may send as.'),
  host: HostNameSchema.optional().describe('The client host the person uses.'),
  reads: named(['imap', 'pop3'], { en: 'fetch protocol', de: 'Abrufprotokoll' }).optional().describe('How the mail program fetches mail.'),
  keepOnServer: z.boolean().optional().describe('POP3: leave fetched mail on the server.'),
  quota: z.int().min(0).optional().describe('Mailbox quota in octets.'),
  outgoing: closedObject(ServerSettingsShape).optional().describe('Outgoing (SMTP) server settings of the mail program.'),
  incoming: closedObject({ ...ServerSettingsShape, protocol: named(['imap', 'pop3'], { en: 'fetch protocol', de: 'Abrufprotokoll' }).optional() })
    .optional()
    .describe('Incoming (IMAP or POP3) server settings of the mail program.'),
});

/** ZoneSchema is a DNS zone: zone-file text (RFC 1035 master file syntax) or a list of record lines. */
export const ZoneSchema = z
  .union([z.string(), z.array(z.string())], {
    error: () => hint({ text: { en: 'expected zone-file text or a list of record lines', de: 'erwartet wird Zonendatei-Text oder eine Liste von Eintragszeilen' } }),
  })
  .describe('Zone-file text (RFC 1035 syntax, @ is the zone) or a list of record lines such as "@ 3600 IN MX 10 mx1.example.org."');

/** HostsSchema maps host names to hosts. */
export const HostsSchema = z.record(HostNameSchema, HostSchema).describe('Hosts by name; with world: default, an entry changes or adds to the default world.');

/** DnsSchema maps zone names to zones. */
export const DnsSchema = z.record(HostNameSchema, ZoneSchema).describe('DNS zones by name; with world: default, an entry replaces that zone.');
