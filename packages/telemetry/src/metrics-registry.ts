import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * One Prometheus registry per service with the process defaults and the pipeline metrics every
 * stage shares. Labels are bounded (stage, outcome, system, connection), never an order id.
 */
export function createMetricsRegistry(serviceName: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service: serviceName });
  collectDefaultMetrics({ register: registry });

  const messagesTotal = new Counter({
    name: 'koppel_messages_total',
    help: 'Records handled by a consumer, by outcome (processed, retried, dead_lettered)',
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
    help: 'Orders passing a pipeline stage, by stage and result',
    labelNames: ['stage', 'result', 'system'] as const,
    registers: [registry],
  });
  const targetRequestDuration = new Histogram({
    name: 'koppel_target_request_duration_seconds',
    help: 'Calls to a target system API, by operation and status class',
    labelNames: ['system', 'operation', 'status_class'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  return { registry, messagesTotal, messageDuration, ordersTotal, targetRequestDuration };
}

export type ServiceMetrics = ReturnType<typeof createMetricsRegistry>;
