/**
 * The topic interface of Koppel: `MessageBus` with a Kafka (kafkajs) and an embedded
 * Postgres-backed implementation, a consumer runner (retry with backoff, dead letters,
 * commit after effect) and trace-context propagation in record headers.
 */
export {
  type ConsumerOutcome,
  type ConsumerRunnerOptions,
  DEFAULT_PARK_ABOVE_MS,
  type DeadLetterContext,
  MAX_WAITS,
  runConsumer,
} from './consumer-runner.js';
export {
  createEmbeddedBus,
  type EmbeddedBusDatabase,
  type EmbeddedBusOptions,
} from './embedded/embedded-bus.js';
export { readEmbeddedConsumerLag } from './embedded/embedded-consumer-lag.js';
export {
  type ConsumerLag,
  type ConsumerLagReader,
  createConsumerLagReader,
} from './kafkajs/consumer-lag.js';
export { createKafkaBus, type KafkaBusOptions } from './kafkajs/kafka-bus.js';
export type {
  Heartbeat,
  IncomingMessage,
  MessageBus,
  MessageHandler,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
} from './message-bus.js';
export { createKeyOrderedRunner, type KeyOrderedRunner } from './kafkajs/key-ordered-runner.js';
export { createOffsetTracker, type OffsetTracker } from './kafkajs/offset-tracker.js';
export type {
  ParkedRecord,
  ParkedRecordSource,
  ParkedRecordStore,
  ParkingOptions,
  ParkingState,
} from './parking/parked-record-store.js';
export { publishTraced } from './publisher.js';
export { computeBackoffMs, defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';
export { inProcessSpan, inPublishSpan, withTraceHeaders } from './trace-context.js';
