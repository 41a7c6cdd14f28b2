/**
 * Every Kafka topic Koppel uses, defined once. Topics are created by the project (never by
 * broker auto-create) with the partitions and retention below.
 *
 * - Partitions: 6 for order topics so up to six consumers of a group share the load while the
 *   key (connection + external order id) keeps each order's events in order.
 * - Retention: 7 days for the order pipeline (long enough to replay a week of outage from
 *   Kafka alone; Postgres holds the journey and payload retention is governed there),
 *   30 days for the dead-letter topic so an operator has time to replay.
 */
export type TopicSpec = { name: string; partitions: number; retentionMs: number };

const DAY_MS = 24 * 60 * 60 * 1000;

export const topics = {
  ordersRaw: { name: 'orders.raw', partitions: 6, retentionMs: 7 * DAY_MS },
  ordersMapped: { name: 'orders.mapped', partitions: 6, retentionMs: 7 * DAY_MS },
  ordersResolved: { name: 'orders.resolved', partitions: 6, retentionMs: 7 * DAY_MS },
  ordersBooked: { name: 'orders.booked', partitions: 6, retentionMs: 7 * DAY_MS },
  stockUpdated: { name: 'stock.updated', partitions: 6, retentionMs: 3 * DAY_MS },
  deadLetter: { name: 'orders.dead-letter', partitions: 3, retentionMs: 30 * DAY_MS },
} as const satisfies Record<string, TopicSpec>;

export type TopicKey = keyof typeof topics;

/**
 * The delivery topic of a target connector deployable, derived from its system name so a new
 * target needs no edit here: each target reads its own topic, so one target's outage holds up
 * no other. Same partitions and retention as the order topics.
 */
export function deliveryTopicFor(targetSystem: string): TopicSpec {
  if (!/^[a-z][a-z0-9-]*$/.test(targetSystem)) {
    throw new Error(`"${targetSystem}" is not a target system name (lower-case letters, digits, dashes)`);
  }
  return { name: `deliveries.${targetSystem}`, partitions: 6, retentionMs: 7 * DAY_MS };
}

/** Topic names with an optional prefix, used to isolate test runs on a shared broker. */
export function topicName(spec: TopicSpec, prefix = ''): string {
  return `${prefix}${spec.name}`;
}

/** Aggregate key for order topics: order events of one order stay in one partition. */
export function orderKey(connectionId: string, externalOrderId: string): string {
  return `${connectionId}:${externalOrderId}`;
}
