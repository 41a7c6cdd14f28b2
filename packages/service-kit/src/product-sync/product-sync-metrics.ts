import type { ServiceMetrics } from '@koppel/telemetry';
import { Counter } from 'prom-client';

/** Product sync metrics, labelled by shop system and outcome (bounded; never a SKU). */
export function createProductSyncMetrics(metrics: ServiceMetrics) {
  const { registry } = metrics;
  const existing = <T>(name: string) => registry.getSingleMetric(name) as T | undefined;
  const attempts =
    existing<Counter<'system' | 'outcome'>>('koppel_product_sync_attempts_total') ??
    new Counter({
      name: 'koppel_product_sync_attempts_total',
      help: 'Product sync attempts of a connection, by outcome (completed, failed, lease_lost, off)',
      labelNames: ['system', 'outcome'] as const,
      registers: [registry],
    });
  const products =
    existing<Counter<'system' | 'outcome'>>('koppel_product_sync_products_total') ??
    new Counter({
      name: 'koppel_product_sync_products_total',
      help: 'Products sent to a shop, by what the shop did (created, updated, price-and-stock-only, refused)',
      labelNames: ['system', 'outcome'] as const,
      registers: [registry],
    });
  return {
    attempt(system: string, outcome: 'completed' | 'failed' | 'lease_lost' | 'off') {
      attempts.inc({ system, outcome });
    },
    sent(system: string, outcome: string) {
      products.inc({ system, outcome });
    },
  };
}

export type ProductSyncMetrics = ReturnType<typeof createProductSyncMetrics>;
