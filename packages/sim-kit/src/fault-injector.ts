/**
 * Fault injection shared by every simulator: rules matched on method and path (fail, drop, or
 * succeed-then-timeout, each for the next N calls), the older fail-next / sequence / drop
 * shortcuts, and added latency. Driven through the control endpoint (`POST /_sim/faults`).
 */
export type FaultKind = 'fail' | 'drop' | 'succeed-then-timeout';

/**
 * One counted fault. Matches when every given matcher matches (method case-insensitive, `path`
 * exact, `pathPrefix` leading part; both on the path without query string); absent = any.
 */
export type FaultRule = {
  kind: FaultKind;
  method?: string;
  path?: string;
  pathPrefix?: string;
  /** Matching calls still to fault; each match consumes one, the rule is spent at 0. */
  count: number;
  /** `fail` only: the HTTP status, optional Retry-After seconds and body (else the API's error shape). */
  status?: number;
  retryAfterSeconds?: number;
  body?: unknown;
  /**
   * `succeed-then-timeout` only: how long the committed answer is held before the socket is
   * destroyed without a response. Clients with a shorter timeout see a timeout.
   */
  holdMs?: number;
};

export type FaultPlan = {
  /** Counted rules, tried in order before the shortcuts below; the first matching rule applies. */
  rules?: FaultRule[];
  /** Fail the next `count` matching calls with `status` (and optional Retry-After seconds). */
  failNext?: {
    count: number;
    status: number;
    retryAfterSeconds?: number;
    body?: unknown;
    pathPrefix?: string;
    method?: string;
  };
  /** Fail the next matching calls one by one with these answers, in order (before `failNext`). */
  failSequence?: {
    status: number;
    retryAfterSeconds?: number;
    body?: unknown;
    pathPrefix?: string;
    method?: string;
  }[];
  /** Added latency in milliseconds for every call. */
  latencyMs?: number;
  /** Destroy the socket of the next `count` calls without answering. */
  dropNext?: { count: number; pathPrefix?: string; method?: string };
};

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'fail'; status: number; retryAfterSeconds?: number; body?: unknown }
  | { kind: 'drop' }
  | { kind: 'succeed-then-timeout'; holdMs: number };

/** How long a `succeed-then-timeout` answer is held when the rule names no `holdMs`. */
export const DEFAULT_HOLD_MS = 30_000;

export type FaultInjector = {
  configure(plan: FaultPlan): void;
  reset(): void;
  current(): FaultPlan;
  /** Decides the fault for one call; consumes one unit of a counted fault. `method` absent = any. */
  decide(path: string, method?: string): FaultDecision;
  latencyMs(): number;
};

type Matcher = { method?: string | undefined; path?: string | undefined; pathPrefix?: string | undefined };

function matches(matcher: Matcher, path: string, method: string | undefined): boolean {
  if (matcher.method !== undefined && method !== undefined) {
    if (matcher.method.toUpperCase() !== method.toUpperCase()) return false;
  }
  if (matcher.path !== undefined && path !== matcher.path) return false;
  return matcher.pathPrefix === undefined || path.startsWith(matcher.pathPrefix);
}

function failure(f: { status: number; retryAfterSeconds?: number; body?: unknown }): FaultDecision {
  return {
    kind: 'fail',
    status: f.status,
    ...(f.retryAfterSeconds !== undefined ? { retryAfterSeconds: f.retryAfterSeconds } : {}),
    ...(f.body !== undefined ? { body: f.body } : {}),
  };
}

function fromRule(rule: FaultRule): FaultDecision {
  if (rule.kind === 'drop') return { kind: 'drop' };
  if (rule.kind === 'succeed-then-timeout')
    return { kind: 'succeed-then-timeout', holdMs: rule.holdMs ?? DEFAULT_HOLD_MS };
  return failure({ ...rule, status: rule.status ?? 503 });
}

export function createFaultInjector(): FaultInjector {
  let plan: FaultPlan = {};
  return {
    configure(next) {
      plan = { ...plan, ...structuredClone(next) };
    },
    reset() {
      plan = {};
    },
    current: () => structuredClone(plan),
    latencyMs: () => plan.latencyMs ?? 0,
    decide(path, method) {
      const rule = plan.rules?.find((r) => r.count > 0 && matches(r, path, method));
      if (rule) {
        rule.count -= 1;
        return fromRule(rule);
      }
      const drop = plan.dropNext;
      if (drop && drop.count > 0 && matches(drop, path, method)) {
        drop.count -= 1;
        return { kind: 'drop' };
      }
      const queued = plan.failSequence?.[0];
      if (queued && matches(queued, path, method)) {
        plan.failSequence = plan.failSequence?.slice(1);
        return failure(queued);
      }
      const fail = plan.failNext;
      if (fail && fail.count > 0 && matches(fail, path, method)) {
        fail.count -= 1;
        return failure(fail);
      }
      return { kind: 'none' };
    },
  };
}
