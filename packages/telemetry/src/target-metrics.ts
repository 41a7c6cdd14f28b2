import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * Metrics of the calls a connector makes to its target system (recorded by
 * `instrumentTargetFetch`) and of how long an order takes from intake to booking (the SLO: share
 * of orders booked within 60 s). Labels are bounded: system, operation, status, never a URL.
 */
export function createTargetMetrics(registry: Registry) {
  const targetRequestDuration = new Histogram({
    name: 'koppel_target_request_duration_seconds',
    help: 'Calls to an external system API (a target or a shop), by operation and status class',
    labelNames: ['system', 'operation', 'status_class'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const targetRequestsTotal = new Counter({
    name: 'koppel_target_requests_total',
    help: 'Calls to an external system API (a target or a shop) by HTTP status code ("error" when no response came)',
    labelNames: ['system', 'operation', 'status_code'] as const,
    registers: [registry],
  });
  const targetRateLimitedTotal = new Counter({
    name: 'koppel_target_rate_limited_total',
    help: 'Answers 429 (Too Many Requests) from a target system',
    labelNames: ['system'] as const,
    registers: [registry],
  });
  const targetRateLimitWaitSeconds = new Counter({
    name: 'koppel_target_rate_limit_wait_seconds_total',
    help: 'Seconds a target system asked Koppel to wait (Retry-After of its 429 answers)',
    labelNames: ['system'] as const,
    registers: [registry],
  });
  const orderBookingLatency = new Histogram({
    name: 'koppel_order_booking_latency_seconds',
    help: 'Time from an order entering Koppel (webhook or poll) to its document booked in the target',
    labelNames: ['source', 'target'] as const,
    // 60 is a bucket boundary: the SLO counts orders booked within 60 s.
    buckets: [0.5, 1, 2, 5, 10, 20, 30, 45, 60, 90, 120, 300, 600, 1800],
    registers: [registry],
  });
  return {
    targetRequestDuration,
    targetRequestsTotal,
    targetRateLimitedTotal,
    targetRateLimitWaitSeconds,
    orderBookingLatency,
  };
}

export type TargetMetrics = ReturnType<typeof createTargetMetrics>;
