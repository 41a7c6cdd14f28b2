import { type Kysely, sql } from 'kysely';
import type { ConsumerLag } from '../kafkajs/consumer-lag.js';
import type { EmbeddedBusDatabase } from './embedded-bus.js';

/**
 * Consumer lag on the embedded bus (one ordered log per topic, partition 0): per consumer group
 * and topic, the records after the group's committed offset (the newest offset of the topic
 * minus the last one the group finished), as `koppel_consumer_lag_records` reports for Kafka.
 */
export async function readEmbeddedConsumerLag<DB extends EmbeddedBusDatabase>(
  database: Kysely<DB>,
): Promise<ConsumerLag[]> {
  const db = database as unknown as Kysely<EmbeddedBusDatabase>;
  const { rows } = await sql<{ group_id: string; topic: string; lag: string }>`
    select o.group_id, o.topic,
      greatest(coalesce(newest."offset", 0) - o.committed_offset::bigint, 0)::text as lag
    from bus_offsets o
    left join lateral (
      select max(r."offset") as "offset" from bus_records r where r.topic = o.topic
    ) newest on true
    order by o.group_id, o.topic`.execute(db);
  return rows.map((row) => ({ group: row.group_id, topic: row.topic, partition: 0, lag: Number(row.lag) }));
}
