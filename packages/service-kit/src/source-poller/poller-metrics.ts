import type { ServiceMetrics } from '@koppel/telemetry';
import { Counter, Histogram } from 'prom-client';

/** The poller's own metrics, labelled by source system and outcome (bounded; never an order id). */
export function createPollerMetrics(metrics: ServiceMetrics) {
  const { registry } = metrics;
  const existing = <T>(name: string) => registry.getSingleMetric(name) as T | undefined;
  const polls =
    existing<Counter<'system' | 'outcome'>>('koppel_source_polls_total') ??
    new Counter({
      name: 'koppel_source_polls_total',
      help: 'Polls of a source connection, by outcome (ok, failed, lease_lost, stopped)',
      labelNames: ['system', 'outcome'] as const,
      registers: [registry],
    });
  const duration =
    existing<Histogram<'system' | 'outcome'>>('koppel_source_poll_duration_seconds') ??
    new Histogram({
      name: 'koppel_source_poll_duration_seconds',
      help: 'Time of one poll of a source connection, from claim to cursor stored',
      labelNames: ['system', 'outcome'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [registry],
    });
  return {
    polled(system: string, outcome: 'ok' | 'failed' | 'lease_lost' | 'stopped', seconds: number) {
      polls.inc({ system, outcome });
      duration.observe({ system, outcome }, seconds);
    },
    admitted(system: string, accepted: number, duplicates: number) {
      if (accepted > 0) metrics.ordersTotal.inc({ stage: 'poll', result: 'accepted', system }, accepted);
      if (duplicates > 0) metrics.ordersTotal.inc({ stage: 'poll', result: 'duplicate', system }, duplicates);
    },
  };
}
