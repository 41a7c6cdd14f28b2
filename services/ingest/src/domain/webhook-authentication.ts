import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** Constant-time comparison of a presented URL secret with the stored sha256 hash. */
export function secretMatches(presented: string, storedSha256Hex: string): boolean {
  const presentedHash = createHash('sha256').update(presented, 'utf8').digest();
  const stored = Buffer.from(storedSha256Hex, 'hex');
  return stored.length === presentedHash.length && timingSafeEqual(presentedHash, stored);
}

/** True when `ip` is allowed: an empty list allows all; entries are addresses or CIDRs. */
export function ipAllowed(ip: string, allowlist: readonly string[]): boolean {
  if (allowlist.length === 0) return true;
  const normalized = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  const family = isIP(normalized) === 6 ? 'ipv6' : 'ipv4';
  const list = new BlockList();
  for (const entry of allowlist) {
    const [address, prefix, ...rest] = entry.split('/');
    if (!address || isIP(address) === 0 || rest.length > 0) continue;
    const entryFamily = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) {
      list.addAddress(address, entryFamily);
      continue;
    }
    // A malformed prefix is skipped like a malformed address: "10.0.0.0/" must not become /0
    // (allow every address), and an out-of-range one must not throw (a 500 for every webhook).
    const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
    if (!(bits <= (entryFamily === 'ipv6' ? 128 : 32))) continue;
    list.addSubnet(address, bits, entryFamily);
  }
  return list.check(normalized, family);
}

/**
 * Standard Webhooks verification (HMAC-SHA256 over id.timestamp.body, 5-minute tolerance, as
 * the spec and the `standardwebhooks` library implement it). Returns the reason on failure.
 */
export function verifyStandardWebhook(
  signingSecret: string,
  body: string,
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  const pick = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  try {
    new Webhook(signingSecret).verify(body, {
      'webhook-id': pick('webhook-id') ?? '',
      'webhook-timestamp': pick('webhook-timestamp') ?? '',
      'webhook-signature': pick('webhook-signature') ?? '',
    });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
