import type { Counter, Registry } from 'prom-client';

export type OrdersCounter = Counter<'stage' | 'result' | 'system' | 'connection'>;

/**
 * The shared `koppel_orders_total` of a registry built by `createMetricsRegistry`, for an app
 * that is handed only the registry (the ingest app); undefined for any other registry.
 */
export function ordersCounterOf(registry: Registry | undefined): OrdersCounter | undefined {
  return registry?.getSingleMetric('koppel_orders_total') as OrdersCounter | undefined;
}
