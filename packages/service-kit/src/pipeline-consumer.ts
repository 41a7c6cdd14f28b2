import { type TopicSpec, topicName, topics } from '@koppel/contracts';
import type { JourneyRepository } from '@koppel/db';
import {
  defaultRetryPolicy,
  type IncomingMessage,
  type MessageBus,
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
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
};

/**
 * A pipeline stage's consumer with the shared wiring: metrics per outcome, a journey entry
 * for every retry and dead letter (so an operator sees exactly what went wrong), and the
 * dead-letter topic. Order keys are `<connection>:<external order id>`.
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
    describe,
    onOutcome: (outcome, durationMs) => {
      options.metrics.messagesTotal.inc({ topic: options.source.name, outcome });
      options.metrics.messageDuration.observe({ topic: options.source.name, outcome }, durationMs / 1000);
    },
    onRetry: async ({ message, error, attempts, delayMs }) => {
      options.log.warn(
        { code: error.code, attempts, delayMs, key: message.key },
        `retrying: ${error.message}`,
      );
      const facts = describe(message);
      if (facts.connectionId && facts.externalOrderId) {
        await options.journey
          .record(facts.connectionId, facts.externalOrderId, 'retrying', {
            stage: options.stage,
            code: error.code,
            reason: error.message,
            attempts,
            delayMs,
          })
          .catch(() => {});
      }
    },
    onDeadLetter: async ({ message, error, attempts }) => {
      options.log.error(
        { code: error.code, field: error.field, key: message.key },
        `dead-lettered: ${error.message}`,
      );
      const facts = describe(message);
      if (facts.connectionId && facts.externalOrderId) {
        await options.journey.record(facts.connectionId, facts.externalOrderId, 'dead_lettered', {
          stage: options.stage,
          code: error.code,
          reason: error.message,
          field: error.field ?? null,
          details: error.details ?? null,
          attempts,
        });
      }
    },
  });
}
