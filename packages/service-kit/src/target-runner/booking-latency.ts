/**
 * The SLO measurement: seconds from an order entering Koppel (its first `received` journey entry,
 * written by the intake for a webhook or a poll) to its document booked in the target, observed
 * in `koppel_order_booking_latency_seconds` (@koppel/telemetry). Both ends are read on the
 * database's clock, so a pod's clock skew does not bend the figure.
 */
import type { Database } from '@koppel/db';
import type { ServiceMetrics } from '@koppel/telemetry';
import { type Kysely, sql } from 'kysely';

export type BookedOrder = { connectionId: string; externalId: string; sourceSystem: string };

export function createBookingLatencyRecorder(
  db: Kysely<Database>,
  metrics: Pick<ServiceMetrics, 'orderBookingLatency'>,
  targetSystem: string,
) {
  return async (order: BookedOrder): Promise<void> => {
    const row = await db
      .selectFrom('order_journey')
      .select(sql<string | null>`extract(epoch from now() - min(created_at))::text`.as('seconds'))
      .where('connection_id', '=', order.connectionId)
      .where('external_order_id', '=', order.externalId)
      .where('stage', '=', 'received')
      .executeTakeFirst();
    const seconds = row?.seconds == null ? Number.NaN : Number(row.seconds);
    // No `received` entry (a replayed order whose journey was purged): nothing to measure.
    if (!Number.isFinite(seconds)) return;
    metrics.orderBookingLatency.observe(
      { source: order.sourceSystem, target: targetSystem },
      Math.max(0, seconds),
    );
  };
}
