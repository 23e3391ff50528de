/**
 * IP addresses as the simulator needs them: parsing and printing IPv4 (RFC 791 dotted quad) and
 * IPv6 (RFC 4291 §2.2 text forms, printed canonically per RFC 5952), prefix matching for CIDR
 * ranges, and the reverse-DNS names under `in-addr.arpa` (RFC 1035 §3.5) and `ip6.arpa`
 * (RFC 3596 §2.5).
 *
 * Nothing here throws: bad input gives `undefined`.
 */

/** IpVersion is 4 or 6. */
export type IpVersion = 4 | 6;

/** IpAddress is a parsed address: its version and its bytes (4 for IPv4, 16 for IPv6). */
export interface IpAddress {
  version: IpVersion;
  bytes: number[];
}

const DECIMAL_OCTET = /^(?:0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/**
 * parseIPv4 reads a dotted quad such as `192.0.2.1` into its four bytes.
 * Leading zeros (`192.0.02.1`) are refused: some systems read them as octal, so they are ambiguous.
 */
export function parseIPv4(text: string): number[] | undefined {
  if (typeof text !== 'string') return undefined;
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!DECIMAL_OCTET.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return bytes;
}

/** hexGroups turns the colon-separated groups of one side of `::` into 16-bit numbers. */
function hexGroups(side: string, allowIPv4Tail: boolean): number[] | undefined {
  if (side === '') return [];
  const parts = side.split(':');
  const groups: number[] = [];
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (allowIPv4Tail && k === parts.length - 1 && part.includes('.')) {
      // RFC 4291 §2.2 (3): the last 32 bits may be written as a dotted quad.
      const v4 = parseIPv4(part);
      if (!v4) return undefined;
      groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      continue;
    }
    if (!HEX_GROUP.test(part)) return undefined;
    groups.push(parseInt(part, 16));
  }
  return groups;
}

/**
 * parseIPv6 reads any RFC 4291 §2.2 text form (`2001:db8::1`, `::`, `::ffff:192.0.2.1`) into
 * its sixteen bytes. Zone indices (`%eth0`) and brackets are refused.
 */
export function parseIPv6(text: string): number[] | undefined {
  if (typeof text !== 'string' || text.length < 2 || text.length > 45) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const head = hexGroups(halves[0], false);
    const tail = hexGroups(halves[1], true);
    if (!head || !tail) return undefined;
    // RFC 4291 §2.2 (2): "::" stands for one or more groups of zeros.
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  } else {
    const all = hexGroups(text, true);
    if (!all || all.length !== 8) return undefined;
    groups = all;
  }
  const bytes: number[] = [];
  for (const g of groups) bytes.push(g >> 8, g & 0xff);
  return bytes;
}

/** parseIp reads an IPv4 or IPv6 address. */
export function parseIp(text: string): IpAddress | undefined {
  const v4 = parseIPv4(text);
  if (v4) return { version: 4, bytes: v4 };
  const v6 = parseIPv6(text);
  if (v6) return { version: 6, bytes: v6 };
  return undefined;
}

/** isIPv4 tells whether the text is a valid dotted-quad IPv4 address. */
export function isIPv4(text: string): boolean {
  return parseIPv4(text) !== undefined;
}

/** isIPv6 tells whether the text is a valid IPv6 address in any RFC 4291 text form. */
export function isIPv6(text: string): boolean {
  return parseIPv6(text) !== undefined;
}

function validBytes(bytes: readonly number[], length: number): boolean {
  return Array.isArray(bytes) && bytes.length === length && bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255);
}

/** formatIPv4 prints four bytes as a dotted quad. */
export function formatIPv4(bytes: readonly number[]): string | undefined {
  if (!validBytes(bytes, 4)) return undefined;
  return bytes.join('.');
}

/**
 * formatIPv6 prints sixteen bytes in the RFC 5952 canonical form: lowercase hex, no leading
 * zeros, the longest run of two or more zero groups as `::` (the first one on a tie), and
 * IPv4-mapped addresses as `::ffff:192.0.2.1` (RFC 5952 §5).
 */
export function formatIPv6(bytes: readonly number[]): string | undefined {
  if (!validBytes(bytes, 16)) return undefined;
  const groups: number[] = [];
  for (let k = 0; k < 16; k += 2) groups.push((bytes[k] << 8) | bytes[k + 1]);
  if (isMapped(bytes)) return `::ffff:${bytes.slice(12).join('.')}`;
  // RFC 5952 §4.2: find the longest run of zero groups (at least two long).
  let bestStart = -1;
  let bestLength = 1;
  for (let k = 0; k < 8; ) {
    if (groups[k] !== 0) {
      k++;
      continue;
    }
    let end = k;
    while (end < 8 && groups[end] === 0) end++;
    if (end - k > bestLength) {
      bestStart = k;
      bestLength = end - k;
    }
    k = end;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLength).join(':');
  return `${head}::${tail}`;
}

function isMapped(bytes: readonly number[]): boolean {
  for (let k = 0; k < 10; k++) if (bytes[k] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/** formatIp prints a parsed address in its canonical text form. */
export function formatIp(address: IpAddress): string | undefined {
  if (!address || typeof address !== 'object') return undefined;
  return address.version === 4 ? formatIPv4(address.bytes) : formatIPv6(address.bytes);
}

/** normalizeIp parses any text form and prints it canonically (`2001:DB8:0::1` → `2001:db8::1`). */
export function normalizeIp(text: string): string | undefined {
  const address = parseIp(text);
  return address ? formatIp(address) : undefined;
}

/**
 * unmapIPv4 turns an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, RFC 4291 §2.5.5.2) into the
 * IPv4 address it carries; any other address comes back unchanged.
 */
export function unmapIPv4(address: IpAddress): IpAddress {
  if (address.version === 6 && isMapped(address.bytes)) return { version: 4, bytes: address.bytes.slice(12) };
  return address;
}

/** addressInCidr tells whether `address` lies in `network/prefix`; addresses of different versions never match. */
export function addressInCidr(address: IpAddress, network: IpAddress, prefix: number): boolean | undefined {
  const bits = address.bytes.length * 8;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > (network.version === 4 ? 32 : 128)) return undefined;
  if (address.version !== network.version) return false;
  let left = prefix;
  for (let k = 0; k < bits / 8 && left > 0; k++, left -= 8) {
    const mask = left >= 8 ? 0xff : (0xff << (8 - left)) & 0xff;
    if ((address.bytes[k] & mask) !== (network.bytes[k] & mask)) return false;
  }
  return true;
}

/**
 * ipInCidr tells whether `ip` lies in the range `network/prefix` (`ipInCidr('192.0.2.7',
 * '192.0.2.0', 24)` is true). Addresses of different versions never match; an unreadable address
 * or a prefix out of range gives `undefined`.
 */
export function ipInCidr(ip: string, network: string, prefix: number): boolean | undefined {
  const a = parseIp(ip);
  const n = parseIp(network);
  if (!a || !n) return undefined;
  return addressInCidr(a, n, prefix);
}

/** nibbles lists the 32 hex digits of an IPv6 address, most significant first. */
function nibbles(bytes: readonly number[]): string[] {
  const out: string[] = [];
  for (const b of bytes) out.push((b >> 4).toString(16), (b & 0xf).toString(16));
  return out;
}

/**
 * dottedIp prints an address the way DNS-based lists and SPF's `%{i}` macro want it
 * (RFC 7208 §7.3): IPv4 as a dotted quad, IPv6 as 32 lowercase nibbles separated by dots.
 */
export function dottedIp(address: IpAddress): string {
  return address.version === 4 ? address.bytes.join('.') : nibbles(address.bytes).join('.');
}

/**
 * reverseName gives the reverse-DNS name that holds the PTR record of an address:
 * `192.0.2.10` → `10.2.0.192.in-addr.arpa` (RFC 1035 §3.5), IPv6 → 32 reversed nibbles under
 * `ip6.arpa` (RFC 3596 §2.5).
 */
export function reverseName(ip: string): string | undefined {
  const address = parseIp(ip);
  if (!address) return undefined;
  if (address.version === 4) return `${[...address.bytes].reverse().join('.')}.in-addr.arpa`;
  return `${nibbles(address.bytes).reverse().join('.')}.ip6.arpa`;
}
