import { isIP } from 'node:net';

/**
 * True for an IPv4/IPv6 address or a CIDR range with a prefix that fits its family, the
 * forms ingest's allowlist check (node's BlockList) accepts.
 */
export function isIpOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  if (!address || rest.length > 0) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
