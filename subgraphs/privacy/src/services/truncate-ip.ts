import { isIPv4, isIPv6 } from 'node:net';

/**
 * An IP address reduced for analytics: IPv4 to its /24 (`203.0.113.77` → `203.0.113.0`),
 * IPv6 to its /48 (`2001:db8:85a3:8d3:…` → `2001:db8:85a3::`). Enough for a country and a
 * network, not for a household. Null for anything that is not an IP address.
 */
export function truncateIp(ip: string | null | undefined): string | null {
  if (ip === null || ip === undefined) return null;
  const address = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  if (isIPv4(address)) return `${address.split('.').slice(0, 3).join('.')}.0`;
  if (!isIPv6(address)) return null;
  const groups = expandIpv6(address);
  return `${groups.slice(0, 3).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::`;
}

/** The eight 16-bit groups of an IPv6 address (zone id dropped; embedded IPv4 tail kept as groups). */
function expandIpv6(address: string): string[] {
  const bare = address.split('%')[0]!;
  const [head = '', tail = ''] = bare.includes('::') ? bare.split('::') : [bare, ''];
  const toGroups = (part: string) => (part === '' ? [] : part.split(':')).flatMap(ipv4TailToGroups);
  const left = toGroups(head);
  const right = bare.includes('::') ? toGroups(tail) : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(missing, 0)).fill('0'), ...right];
}

function ipv4TailToGroups(group: string): string[] {
  if (!group.includes('.')) return [group];
  const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
