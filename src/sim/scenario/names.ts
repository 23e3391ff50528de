/**
 * Names in simulated worlds: only reserved domains (RFC 2606, RFC 6761) and documentation or
 * private addresses (RFC 5737, RFC 3849, RFC 1918, RFC 4193), so no scenario pretends to be a real
 * provider or sends towards a real network.
 */

const RESERVED_DOMAINS = ['example.com', 'example.org', 'example.net', 'home.arpa'];
const RESERVED_TLDS = ['example', 'test', 'invalid', 'localhost'];

const LABEL = /^[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?$/i;

/** isHostName tells whether a string is a syntactically valid host or domain name (a trailing dot is allowed). */
export function isHostName(name: string): boolean {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  if (n.length === 0 || n.length > 253) return false;
  return n.split('.').every((label) => LABEL.test(label));
}

/**
 * isReservedName tells whether a host or domain name may appear in a simulated world: a single
 * label (`alice-pc`) or a name under example.com/org/net, home.arpa or the .example, .test,
 * .invalid and .localhost top-level domains.
 */
export function isReservedName(name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (!n.includes('.')) return true;
  if (RESERVED_DOMAINS.some((d) => n === d || n.endsWith('.' + d))) return true;
  return RESERVED_TLDS.includes(n.slice(n.lastIndexOf('.') + 1));
}

/** isAddress tells whether a string looks like a mail address `local@domain`. */
export function isAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at > 64) return false;
  const local = address.slice(0, at);
  return /^[^\s@<>()[\]\\,;:"]+$/.test(local) && !local.startsWith('.') && !local.endsWith('.') && isHostName(address.slice(at + 1));
}

function ipv4Octets(ip: string): number[] | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p))) return undefined;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

/** isIPv4 tells whether a string is a dotted-quad IPv4 address. */
export function isIPv4(ip: string): boolean {
  return ipv4Octets(ip) !== undefined;
}

/** The reserved IPv4 blocks as [first octets, prefix length]. */
const RESERVED_V4: readonly [readonly number[], number][] = [
  [[192, 0, 2], 24],
  [[198, 51, 100], 24],
  [[203, 0, 113], 24],
  [[10], 8],
  [[127], 8],
  [[192, 168], 16],
];

/** The prefix length of the reserved block holding an IPv4 address, or undefined. */
function reservedV4Prefix(o: number[]): number | undefined {
  if (o[0] === 172 && o[1] >= 16 && o[1] <= 31) return 12;
  const hit = RESERVED_V4.find(([start]) => start.every((v, i) => o[i] === v));
  return hit?.[1];
}

/**
 * isReservedIPv4 tells whether an IPv4 address may appear in a simulated world: the documentation
 * ranges 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737), private ranges (RFC 1918) and
 * loopback.
 */
export function isReservedIPv4(ip: string): boolean {
  const o = ipv4Octets(ip);
  return o !== undefined && reservedV4Prefix(o) !== undefined;
}

/** isIPv6 tells whether a string is an IPv6 address in the usual textual forms (RFC 4291 §2.2, without zone ids). */
export function isIPv6(ip: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(ip) || ip.includes(':::')) return false;
  const halves = ip.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  const last = groups[groups.length - 1] ?? '';
  const v4 = last.includes('.');
  if (v4 && !isIPv4(last)) return false;
  const hex = v4 ? groups.slice(0, -1) : groups;
  if (!hex.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  const count = hex.length + (v4 ? 2 : 0);
  return halves.length === 2 ? count < 8 : count === 8;
}

/**
 * isReservedIPv6 tells whether an IPv6 address may appear in a simulated world: the documentation
 * prefix 2001:db8::/32 (RFC 3849), unique local fc00::/7 (RFC 4193) and loopback ::1.
 */
export function isReservedIPv6(ip: string): boolean {
  if (!isIPv6(ip)) return false;
  const n = ip.toLowerCase();
  return /^2001:0?db8(:|$)/.test(n) || /^f[cd][0-9a-f]{0,2}:/.test(n) || n === '::1';
}

/** isReservedNetwork tells whether an address or CIDR block (`192.0.2.0/24`) lies wholly in the reserved ranges. */
export function isReservedNetwork(block: string): boolean {
  const slash = block.indexOf('/');
  const ip = slash < 0 ? block : block.slice(0, slash);
  const lenText = slash < 0 ? undefined : block.slice(slash + 1);
  if (lenText !== undefined && !/^\d{1,3}$/.test(lenText)) return false;
  const len = lenText === undefined ? undefined : Number(lenText);
  const o = ipv4Octets(ip);
  if (o) {
    const min = reservedV4Prefix(o);
    return min !== undefined && (len === undefined || (len >= min && len <= 32));
  }
  if (!isReservedIPv6(ip)) return false;
  const min = ip.toLowerCase().startsWith('2001') ? 32 : ip === '::1' ? 128 : 7;
  return len === undefined || (len >= min && len <= 128);
}
