/**
 * Webhook targets are tenant-supplied URLs, so the server must not be turned into a proxy for its own network
 * (private and loopback targets are refused unless configuration allows them). The host is resolved
 * and every address it resolves to must be public; literal IPs are checked the same way, including IPv4 addresses
 * embedded in IPv6 in any of its standard forms (see embeddedIpv4).
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export type SsrfErrorCode = 'INVALID_URL' | 'UNSUPPORTED_SCHEME' | 'PRIVATE_ADDRESS' | 'DNS_FAILED';

export class SsrfGuardError extends Error {
  constructor(
    public readonly code: SsrfErrorCode,
    message: string,
    public readonly address?: string,
  ) {
    super(message);
    this.name = 'SsrfGuardError';
  }
}

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", incl. 0.0.0.0 unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved + broadcast
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
  ['64:ff9b:1::', 48], // local-use NAT64 (reaches the operator's own IPv4 network)
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** Expands an IPv6 address to its 8 16-bit groups (accepts a trailing dotted IPv4). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => parseInt(g, 16));
}

const v4At = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;

/**
 * The IPv4 addresses an IPv6 address carries, whatever the form: mapped (::ffff:a.b.c.d), translated
 * (::ffff:0:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002:AABB:CCDD::/48) and Teredo
 * (2001:0::/32: the server in clear, the client inverted). A loopback or private IPv4 is refused in any disguise.
 */
function embeddedIpv4(address: string): string[] {
  const g = ipv6Groups(address);
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zero(0, 5) && (g[5] === 0xffff || (g[5] === 0 && (g[6] !== 0 || g[7]! > 1)))) return [v4At(g[6]!, g[7]!)];
  if (zero(0, 4) && g[4] === 0xffff && g[5] === 0) return [v4At(g[6]!, g[7]!)];
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return [v4At(g[6]!, g[7]!)];
  if (g[0] === 0x2002) return [v4At(g[1]!, g[2]!)];
  if (g[0] === 0x2001 && g[1] === 0) return [v4At(g[2]!, g[3]!), v4At(~g[6]! & 0xffff, ~g[7]! & 0xffff)];
  return [];
}

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !blocked.check(address, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4.some((a) => blocked.check(a, 'ipv4'))) return false;
    return !blocked.check(address.split('%')[0]!, 'ipv6');
  }
  return false;
}

function parseTarget(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SsrfGuardError('INVALID_URL', `not a valid URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SsrfGuardError(
      'UNSUPPORTED_SCHEME',
      `only http and https webhook targets are allowed, got ${parsed.protocol}`,
    );
  }
  return parsed;
}

export async function assertPublicTarget(url: string, options: { allowPrivate: boolean }): Promise<void> {
  const parsed = parseTarget(url);
  if (options.allowPrivate) return;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch (err) {
      throw new SsrfGuardError('DNS_FAILED', `cannot resolve ${host}: ${(err as Error).message}`);
    }
  }
  const refused = addresses.find((a) => !isPublicAddress(a));
  if (refused) {
    throw new SsrfGuardError('PRIVATE_ADDRESS', `${host} resolves to ${refused}, a non-public address`, refused);
  }
}
