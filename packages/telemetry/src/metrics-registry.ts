import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { createConsumerLagGauge } from './consumer-lag-gauge.js';
import { createTargetMetrics } from './target-metrics.js';

const GAUGES_NAMED_LIKE_COUNTERS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
] as const;

/**
 * One Prometheus registry per service with the process defaults and the pipeline metrics every
 * stage shares. Labels are bounded (stage, outcome, system, connection, error code), never an
 * order id or anything personal; a connection label is the connection's id, not its name.
 */
export function createMetricsRegistry(serviceName: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service: serviceName });
  collectDefaultMetrics({ register: registry });
  // prom-client names three gauges `*_total`, which `promtool check metrics` rejects (a `_total`
  // suffix means a counter: https://prometheus.io/docs/practices/naming/). Their per-type
  // siblings (`nodejs_active_handles{type}` …) stay; sum those instead.
  for (const name of GAUGES_NAMED_LIKE_COUNTERS) registry.removeSingleMetric(name);

  const messagesTotal = new Counter({
    name: 'koppel_messages_total',
    help: 'Records handled by a consumer, by outcome (processed, retried, parked, dead_lettered)',
    labelNames: ['topic', 'outcome'] as const,
    registers: [registry],
  });
  const messageDuration = new Histogram({
    name: 'koppel_message_duration_seconds',
    help: 'Time from the start of handling a record to its outcome',
    labelNames: ['topic', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const ordersTotal = new Counter({
    name: 'koppel_orders_total',
    help: 'Orders passing a pipeline stage, by stage, result, system and connection',
    labelNames: ['stage', 'result', 'system', 'connection'] as const,
    registers: [registry],
  });
  const deadLettersTotal = new Counter({
    name: 'koppel_dead_letters_total',
    help: 'Records dead-lettered by a pipeline stage, by connection and error code',
    labelNames: ['stage', 'connection', 'code'] as const,
    registers: [registry],
  });

  return {
    registry,
    messagesTotal,
    messageDuration,
    ordersTotal,
    deadLettersTotal,
    ...createTargetMetrics(registry),
    ...createConsumerLagGauge(registry),
  };
}

export type ServiceMetrics = ReturnType<typeof createMetricsRegistry>;
