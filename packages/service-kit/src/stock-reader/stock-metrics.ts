import type { ServiceMetrics } from '@koppel/telemetry';
import { Counter } from 'prom-client';

/** Stock pipeline metrics, labelled by system and outcome (bounded; never a SKU). */
export function createStockMetrics(metrics: ServiceMetrics) {
  const { registry } = metrics;
  const counter = (name: string, help: string, labelNames: readonly string[]) =>
    (registry.getSingleMetric(name) as Counter<string> | undefined) ??
    new Counter({ name, help, labelNames, registers: [registry] });
  const reads = counter('koppel_stock_reads_total', 'Stock reads of a connection, by kind and outcome', [
    'system',
    'kind',
    'outcome',
  ]);
  const published = counter('koppel_stock_updates_published_total', 'Articles published on stock.updated', [
    'system',
  ]);
  const applied = counter(
    'koppel_stock_updates_applied_total',
    'stock.updated records at the sink, by outcome',
    ['system', 'outcome'],
  );
  const pushed = counter('koppel_stock_pushes_total', 'Articles pushed to the shop, by outcome', [
    'system',
    'outcome',
  ]);
  return {
    read(
      system: string,
      kind: 'changes' | 'all' | 'full',
      outcome: 'ok' | 'failed' | 'lease_lost' | 'stopped',
    ) {
      reads.inc({ system, kind, outcome });
    },
    published(system: string, count: number) {
      if (count > 0) published.inc({ system }, count);
    },
    applied(system: string, outcome: 'applied' | 'stale' | 'other_system') {
      applied.inc({ system, outcome });
    },
    pushed(system: string, outcome: 'updated' | 'unknown-article' | 'failed', count: number) {
      if (count > 0) pushed.inc({ system, outcome }, count);
    },
  };
}

export type StockMetrics = ReturnType<typeof createStockMetrics>;
