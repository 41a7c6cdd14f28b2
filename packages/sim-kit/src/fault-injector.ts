/**
 * Fault injection shared by every simulator: fail the next N calls with a status, add latency,
 * enforce a lower rate limit, or drop connections. Driven through the control endpoint.
 */
export type FaultPlan = {
  /** Fail the next `count` matching calls with `status` (and optional Retry-After seconds). */
  failNext?: {
    count: number;
    status: number;
    retryAfterSeconds?: number;
    body?: unknown;
    pathPrefix?: string;
  };
  /** Fail the next matching calls one by one with these answers, in order (before `failNext`). */
  failSequence?: { status: number; retryAfterSeconds?: number; body?: unknown; pathPrefix?: string }[];
  /** Added latency in milliseconds for every call. */
  latencyMs?: number;
  /** Destroy the socket of the next `count` calls without answering. */
  dropNext?: { count: number; pathPrefix?: string };
};

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'fail'; status: number; retryAfterSeconds?: number; body?: unknown }
  | { kind: 'drop' };

export type FaultInjector = {
  configure(plan: FaultPlan): void;
  reset(): void;
  current(): FaultPlan;
  /** Decides the fault for one call; consumes one unit of a counted fault. */
  decide(path: string): FaultDecision;
  latencyMs(): number;
};

export function createFaultInjector(): FaultInjector {
  let plan: FaultPlan = {};
  const matches = (path: string, prefix?: string) => prefix === undefined || path.startsWith(prefix);
  return {
    configure(next) {
      plan = { ...plan, ...next };
    },
    reset() {
      plan = {};
    },
    current: () => structuredClone(plan),
    latencyMs: () => plan.latencyMs ?? 0,
    decide(path) {
      const drop = plan.dropNext;
      if (drop && drop.count > 0 && matches(path, drop.pathPrefix)) {
        drop.count -= 1;
        return { kind: 'drop' };
      }
      const queued = plan.failSequence?.[0];
      if (queued && matches(path, queued.pathPrefix)) {
        plan.failSequence = plan.failSequence?.slice(1);
        return {
          kind: 'fail',
          status: queued.status,
          ...(queued.retryAfterSeconds !== undefined ? { retryAfterSeconds: queued.retryAfterSeconds } : {}),
          ...(queued.body !== undefined ? { body: queued.body } : {}),
        };
      }
      const fail = plan.failNext;
      if (fail && fail.count > 0 && matches(path, fail.pathPrefix)) {
        fail.count -= 1;
        return {
          kind: 'fail',
          status: fail.status,
          ...(fail.retryAfterSeconds !== undefined ? { retryAfterSeconds: fail.retryAfterSeconds } : {}),
          ...(fail.body !== undefined ? { body: fail.body } : {}),
        };
      }
      return { kind: 'none' };
    },
  };
}
