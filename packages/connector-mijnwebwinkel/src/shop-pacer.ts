/**
 * One pace per shop: Mijnwebwinkel documents no rate limit, so Koppel keeps every call for one
 * store token (stock reads and writes, product writes) to REQUESTS_PER_SECOND together, evenly
 * spaced, with one token bucket per store token in this process. Two clients each with its own
 * bucket would together send twice the rate.
 * https://myonlinestore.github.io/public-api-docs/
 */
import { TokenBucket } from 'limiter';

/** Not documented: the rate Koppel keeps to per shop (the simulator enforces 10/s). */
export const REQUESTS_PER_SECOND = 10;
/** Even spacing, with a margin, so no one-second window ever sees more than the limit. */
const SPACING_MS = Math.ceil(1000 / REQUESTS_PER_SECOND) + 15;

const pacers = new Map<string, TokenBucket>();

/** The bucket every call with this store token waits on. */
export function shopPacer(storeToken: string): TokenBucket {
  let pacer = pacers.get(storeToken);
  if (!pacer) {
    pacer = new TokenBucket({ bucketSize: 1, tokensPerInterval: 1, interval: SPACING_MS });
    pacers.set(storeToken, pacer);
  }
  return pacer;
}
