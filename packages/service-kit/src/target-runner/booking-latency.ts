/**
 * The SLO measurement: seconds from an order entering Koppel (its first `received` journey entry,
 * written by the intake for a webhook or a poll) to its document booked in the target, observed
 * in `koppel_order_booking_latency_seconds` (@koppel/telemetry). Both ends are read on the
 * database's clock, so a pod's clock skew does not bend the figure.
 */
import { createGroupWriter, type Database } from '@koppel/db';
import type { ServiceMetrics } from '@koppel/telemetry';
import { type Kysely, sql } from 'kysely';

export type BookedOrder = { connectionId: string; externalId: string; sourceSystem: string };

export function createBookingLatencyRecorder(
  db: Kysely<Database>,
  metrics: Pick<ServiceMetrics, 'orderBookingLatency'>,
  targetSystem: string,
) {
  // Every booking asks once: concurrent bookings share one statement.
  const secondsSinceReceived = createGroupWriter(async (orders: BookedOrder[]) => {
    const rows = await db
      .selectFrom('order_journey')
      .select([
        'connection_id',
        'external_order_id',
        sql<string | null>`extract(epoch from now() - min(created_at))::text`.as('seconds'),
      ])
      .where('stage', '=', 'received')
      .where(
        sql<boolean>`(connection_id, external_order_id) in (${sql.join(
          orders.map((o) => sql`(${o.connectionId}::text, ${o.externalId}::text)`),
        )})`,
      )
      .groupBy(['connection_id', 'external_order_id'])
      .execute();
    const seconds = new Map(
      rows.map((row) => [JSON.stringify([row.connection_id, row.external_order_id]), row.seconds]),
    );
    return orders.map((o) => seconds.get(JSON.stringify([o.connectionId, o.externalId])) ?? null);
  });
  return async (order: BookedOrder): Promise<void> => {
    const read = await secondsSinceReceived(order);
    const seconds = read == null ? Number.NaN : Number(read);
    // No `received` entry (a replayed order whose journey was purged): nothing to measure.
    if (!Number.isFinite(seconds)) return;
    metrics.orderBookingLatency.observe(
      { source: order.sourceSystem, target: targetSystem },
      Math.max(0, seconds),
    );
  };
}
