/**
 * A fixed one-second window limiter per key (e.g. per client or per shop), as most of the
 * simulated APIs describe their limits in requests per second or minute.
 */
export type RateLimiter = {
  /** Returns 0 when allowed, else the seconds until the window resets. */
  take(key: string, now?: number): number;
  setLimit(limit: { requests: number; windowMs: number } | undefined): void;
  limit(): { requests: number; windowMs: number } | undefined;
};

export function createRateLimiter(initial?: { requests: number; windowMs: number }): RateLimiter {
  let limit = initial;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    setLimit(next) {
      limit = next;
      windows.clear();
    },
    limit: () => limit,
    take(key, now = Date.now()) {
      if (!limit) return 0;
      const w = windows.get(key);
      if (!w || now - w.start >= limit.windowMs) {
        windows.set(key, { start: now, count: 1 });
        return 0;
      }
      if (w.count < limit.requests) {
        w.count += 1;
        return 0;
      }
      return Math.max(1, Math.ceil((w.start + limit.windowMs - now) / 1000));
    },
  };
}
