import { type TopicSpec, topicName, topics } from '@koppel/contracts';
import { CONNECTION_PAUSED_CODE, type JourneyRepository } from '@koppel/db';
import {
  defaultRetryPolicy,
  type IncomingMessage,
  type MessageBus,
  type ParkingOptions,
  type RetryPolicy,
  runConsumer,
  type Subscription,
} from '@koppel/kafka';
import type { ServiceMetrics } from '@koppel/telemetry';

export type PipelineConsumerOptions = {
  bus: MessageBus;
  journey: JourneyRepository;
  metrics: ServiceMetrics;
  topicPrefix: string;
  /** Stage name for metrics, dead letters and the journey, e.g. "mapping". */
  stage: string;
  source: TopicSpec;
  groupId: string;
  handler: (message: IncomingMessage) => Promise<void>;
  retry?: RetryPolicy;
  /**
   * Long retries wait in Postgres (`createParkedRecordRepository(db)` of @koppel/db) instead of
   * holding the partition, so one failing connection does not stall the others. Without it,
   * every retry waits in place.
   */
  parking?: ParkingOptions;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
};

/**
 * A pipeline stage's consumer with the shared wiring: metrics per outcome, a journey entry
 * for every retry and dead letter (so an operator sees exactly what went wrong), and the
 * dead-letter topic. Order keys are `<connection>:<external order id>`, so parking keeps one
 * order's records in order while other orders (and connections) move on.
 */
export async function startPipelineConsumer(options: PipelineConsumerOptions): Promise<Subscription> {
  const topic = topicName(options.source, options.topicPrefix);
  const describe = (message: IncomingMessage) => {
    const separator = message.key.indexOf(':');
    return separator < 0
      ? {}
      : { connectionId: message.key.slice(0, separator), externalOrderId: message.key.slice(separator + 1) };
  };
  return runConsumer({
    bus: options.bus,
    groupId: `${options.topicPrefix}${options.groupId}`,
    topic,
    deadLetterTopic: topicName(topics.deadLetter, options.topicPrefix),
    stage: options.stage,
    handler: options.handler,
    retry: options.retry ?? defaultRetryPolicy,
    parking: options.parking,
    describe,
    onOutcome: (outcome, durationMs) => {
      options.metrics.messagesTotal.inc({ topic: options.source.name, outcome });
      options.metrics.messageDuration.observe({ topic: options.source.name, outcome }, durationMs / 1000);
    },
    onRetry: async ({ message, error, attempts, delayMs, parked }) => {
      options.log.warn(
        { code: error.code, attempts, delayMs, parked, key: message.key },
        `retrying: ${error.message}`,
      );
      const facts = describe(message);
      if (facts.connectionId && facts.externalOrderId) {
        // A paused connection's order waits: journaled as such, not as a failure being retried.
        const stage = error.code === CONNECTION_PAUSED_CODE ? 'paused' : 'retrying';
        await options.journey
          .record(facts.connectionId, facts.externalOrderId, stage, {
            stage: options.stage,
            code: error.code,
            reason: error.message,
            attempts,
            delayMs,
            parked,
          })
          .catch(() => {});
      }
    },
    onRedriveError: (error) =>
      options.log.error(
        { err: error instanceof Error ? error.message : String(error) },
        'parked record re-drive failed; it comes back when its lease ends',
      ),
    onDeadLetter: async ({ message, error, attempts }) => {
      options.log.error(
        { code: error.code, field: error.field, key: message.key },
        `dead-lettered: ${error.message}`,
      );
      const facts = describe(message);
      options.metrics.deadLettersTotal.inc({
        stage: options.stage,
        connection: facts.connectionId ?? 'unknown',
        code: error.code,
      });
      if (facts.connectionId && facts.externalOrderId) {
        // The dead letter is stored with its journey row (one statement) before the record is
        // committed: should that fail, the record is redelivered and dead-lettered again, stored once.
        await options.journey.recordDeadLetter(
          {
            connectionId: facts.connectionId,
            externalOrderId: facts.externalOrderId,
            stage: options.stage,
            sourceTopic: message.topic,
            sourcePartition: message.partition,
            sourceOffset: message.offset,
            key: message.key,
            payload: message.value,
            headers: message.headers,
            errorCode: error.code,
            errorMessage: error.message,
            errorField: error.field ?? null,
            errorDetails: error.details ?? null,
            attempts,
          },
          {
            stage: options.stage,
            code: error.code,
            reason: error.message,
            field: error.field ?? null,
            details: error.details ?? null,
            attempts,
          },
        );
      }
    },
  });
}
