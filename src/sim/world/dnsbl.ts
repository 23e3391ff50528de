/**
 * DNS block lists as a receiving server asks them (RFC 5782): the client address, reversed, is
 * looked up as an A record below the list's zone; an answer in 127.0.0.0/8 means "listed", and a
 * TXT record at the same name says why. Also: which earlier hops of a relayed message count.
 */
import { answersOf, type DnsLookup } from '../protocol/dns-lookup';
import { txtValue } from '../protocol/dns-record';
import { getHeaders } from '../protocol/message';
import { ipInCidr, isIPv4, isIPv6, reverseName } from '../protocol/ip';

type Note = { en: string; de: string };

/** DnsblListing: one list that lists one address. */
export interface DnsblListing {
  zone: string;
  ip: string;
  /** The A record's address, e.g. `127.0.0.11` (lists use the last octet as a category). */
  code: string;
  /** The TXT record's text, when the list gives one. */
  text?: string;
}

/** DnsblCheck: the listings found and the steps taken, for the explainer. */
export interface DnsblCheck {
  listings: DnsblListing[];
  steps: { note: Note }[];
}

/** MAX_RELAYED_HOPS: how many earlier hops in Received fields are looked up at most. */
export const MAX_RELAYED_HOPS = 4;

/**
 * dnsblQueryName builds the name to look up for an address in a list (RFC 5782 §2.1, §2.4):
 * `203.0.113.10` in `dnsbl.example.net` → `10.113.0.203.dnsbl.example.net`.
 */
export function dnsblQueryName(ip: string, zone: string): string | undefined {
  const rev = reverseName(ip);
  return rev ? `${rev.replace(/\.(in-addr|ip6)\.arpa$/, '')}.${zone.toLowerCase().replace(/\.$/, '')}` : undefined;
}

/**
 * checkDnsbl looks up each address in each list. Only A answers inside 127.0.0.0/8 count
 * (RFC 5782 §2.3: anything else is an error of the list, not a listing); for a listing the TXT
 * record is fetched too, as Postfix does for its reply text.
 */
export function checkDnsbl(lookup: DnsLookup, ips: readonly string[], zones: readonly string[]): DnsblCheck {
  const listings: DnsblListing[] = [];
  const steps: DnsblCheck['steps'] = [];
  for (const ip of ips) {
    for (const zone of zones) {
      const name = dnsblQueryName(ip, zone);
      if (!name) continue;
      const a = lookup(name, 'A');
      const codes = answersOf(a, 'A').map((r) => r.data.address).filter((x) => ipInCidr(x, '127.0.0.0', 8) === true);
      if (a.rcode !== 'NOERROR' || codes.length === 0) {
        const answered = a.rcode === 'NOERROR' || a.rcode === 'NXDOMAIN';
        steps.push({
          note: answered
            ? { en: `${name} A: ${a.rcode}: ${ip} is not listed in ${zone}.`, de: `${name} A: ${a.rcode}: ${ip} ist in ${zone} nicht gelistet.` }
            : { en: `${name} A: ${a.rcode}: no answer, so ${ip} counts as not listed in ${zone}.`, de: `${name} A: ${a.rcode}: keine Antwort, also gilt ${ip} in ${zone} als nicht gelistet.` },
        });
        continue;
      }
      const txt = answersOf(lookup(name, 'TXT'), 'TXT').map(txtValue)[0];
      listings.push({ zone, ip, code: codes[0], ...(txt !== undefined ? { text: txt } : {}) });
      steps.push({
        note: {
          en: `${name} A: ${codes[0]}: ${ip} is listed in ${zone}${txt ? ` ("${txt}")` : ''}.`,
          de: `${name} A: ${codes[0]}: ${ip} steht auf ${zone}${txt ? ` („${txt}“)` : ''}.`,
        },
      });
    }
  }
  return { listings, steps };
}

/** RFC 3848 §2 protocol names of an authenticated submission: ESMTPA, ESMTPSA, LMTPA, UTF8SMTPSA, ... */
const AUTHENTICATED = /^(?:UTF8)?(?:E?SMTP|LMTP)S?A$/i;

/**
 * relayedClientIps reads the addresses of the earlier hops from the Received fields, newest
 * first, down to the first hop where the sender logged in (RFC 3848 `with ESMTPSA`): a dynamic
 * address below that is a customer submitting through its provider, which is just what block
 * lists of dynamic ranges want people to do (SpamAssassin checks such lists on the last
 * untrusted hop only). At most MAX_RELAYED_HOPS addresses.
 */
export function relayedClientIps(raw: string): string[] {
  const ips: string[] = [];
  for (const received of getHeaders(raw, 'Received')) {
    // The `with` clause names the protocol (RFC 5321 §4.4); `with cipher` in a TLS comment does not.
    const protocol = /\bwith\s+((?:UTF8)?(?:E?SMTP|LMTP)[SA]*)\b/i.exec(received)?.[1] ?? '';
    if (AUTHENTICATED.test(protocol)) break;
    const from = /^from\s+\S+\s+\(([^)]*)\)/i.exec(received)?.[1] ?? '';
    const ip = /\[(?:IPv6:)?([0-9A-Fa-f.:]+)\]/.exec(from)?.[1];
    if (ip && (isIPv4(ip) || isIPv6(ip)) && !ips.includes(ip)) ips.push(ip);
    if (ips.length >= MAX_RELAYED_HOPS) break;
  }
  return ips;
}
