import type { TopicSpec } from '@koppel/contracts';

/** One record to publish. `key` is the aggregate id, so order holds per entity. */
export type OutgoingMessage = {
  key: string;
  value: Uint8Array;
  headers?: Record<string, string>;
};

export type IncomingMessage = {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  value: Uint8Array;
  headers: Record<string, string>;
};

/** Called between slow steps so a long retry wait keeps the consumer's group membership. */
export type Heartbeat = () => Promise<void>;

export type MessageHandler = (message: IncomingMessage, heartbeat: Heartbeat) => Promise<void>;

export type SubscribeOptions = {
  groupId: string;
  topic: string;
  handler: MessageHandler;
  /** Start from the earliest retained record when the group has no committed offset. */
  fromBeginning?: boolean;
};

export type Subscription = {
  /** Stops fetching, lets the in-flight record finish, commits what was processed. */
  stop(): Promise<void>;
};

/**
 * The topic interface every service talks to. Two implementations: Kafka (kafkajs, idempotent
 * producer, acks from all in-sync replicas) and the embedded Postgres-backed log used by the
 * one-process default. A handler's success commits its record; a throw stops the subscription
 * (the consumer runner in this package turns failures into retries and dead letters first).
 */
export type MessageBus = {
  kind: 'kafka' | 'embedded';
  /** Creates missing topics with their partitions and retention (never broker auto-create). */
  ensureTopics(specs: readonly TopicSpec[], prefix?: string): Promise<void>;
  /** Resolves only once every record is durably accepted. */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** True when the bus answers (readiness). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
};
