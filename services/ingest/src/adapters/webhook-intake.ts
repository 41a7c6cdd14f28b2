import type { SourceEvent } from '@koppel/connector-sdk';
import { IngestChannel } from '@koppel/contracts';
import type { Connection } from '@koppel/db';
import { type AdmissionResult, admitSourceEvents, type OrderIntakeDeps } from '@koppel/order-intake';
import { ordersCounterOf } from '@koppel/telemetry';
import type { Registry } from 'prom-client';

export type IntakeDeps = OrderIntakeDeps & {
  /** The app's metrics registry: admitted orders count in its `koppel_orders_total` (stage `ingest`). */
  registry?: Registry;
};
export type IntakeResult = AdmissionResult;

/**
 * Admits a webhook's events through the shared order intake (inbox, `orders.raw`, journey).
 * A failed publish rejects with a retryable BUS_UNAVAILABLE, answered 503 so the source retries.
 */
export async function takeInWebhookEvents(
  deps: IntakeDeps,
  connection: Connection,
  contentType: string,
  events: SourceEvent[],
): Promise<IntakeResult> {
  const admission = await admitSourceEvents(
    deps,
    connection,
    { channel: IngestChannel.WEBHOOK, contentType },
    events,
  );
  const orders = ordersCounterOf(deps.registry);
  const count = (result: string, orderCount: number) => {
    if (orderCount === 0) return;
    orders?.inc(
      { stage: 'ingest', result, system: connection.sourceSystem, connection: connection.id },
      orderCount,
    );
  };
  count('accepted', admission.accepted);
  count('duplicate', admission.duplicates);
  count('ignored', admission.ignored);
  return admission;
}
