import { randomUUID } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DeadLetterRecordSchema } from '@koppel/contracts';
import { type AppError, toAppError } from '@koppel/errors';
import type { IncomingMessage, MessageBus, Subscription } from './message-bus.js';
import { computeBackoffMs, type RetryPolicy } from './retry-policy.js';
import { inProcessSpan, withTraceHeaders } from './trace-context.js';

export type ConsumerOutcome = 'processed' | 'retried' | 'dead_lettered';

export type DeadLetterContext = { message: IncomingMessage; error: AppError; attempts: number };

export type ConsumerRunnerOptions = {
  bus: MessageBus;
  groupId: string;
  topic: string;
  /** Full dead-letter topic name (prefix included). */
  deadLetterTopic: string;
  /** Stage name written into dead-letter records, e.g. "mapping". */
  stage: string;
  handler: (message: IncomingMessage) => Promise<void>;
  retry: RetryPolicy;
  /** Facts about the record for the dead letter (connection, order id) when known. */
  describe?: (message: IncomingMessage) => { connectionId?: string; externalOrderId?: string };
  onOutcome?: (outcome: ConsumerOutcome, durationMs: number) => void;
  /** Called after a dead letter was published (e.g. to write the order journey). */
  onDeadLetter?: (context: DeadLetterContext) => Promise<void>;
  onRetry?: (context: DeadLetterContext & { delayMs: number }) => Promise<void> | void;
  sleep?: (ms: number) => Promise<void>;
};

/**
 * Consumes a topic with the house rules: a record is committed only after its effect; a
 * retryable AppError is retried with exponential backoff (honouring Retry-After) while the
 * consumer keeps heartbeating; a permanent error, or a retryable one past `maxAttempts`,
 * becomes a dead-letter record carrying the original bytes, key, headers and the reason, and
 * the record is then committed so the partition moves on. A retryable error marked `waiting`
 * (another worker holds what this record needs) is retried without using up an attempt, up to
 * `MAX_WAITS` times, so only real failures count towards the dead letter.
 */
/** Ceiling on free retries of waiting errors, so a lease that never ends cannot stall a partition. */
export const MAX_WAITS = 200;

export async function runConsumer(options: ConsumerRunnerOptions): Promise<Subscription> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return options.bus.subscribe({
    groupId: options.groupId,
    topic: options.topic,
    handler: async (message, heartbeat) => {
      const started = Date.now();
      let waits = 0;
      let failures = 0;
      for (;;) {
        try {
          await inProcessSpan(
            options.topic,
            message.headers,
            { 'messaging.consumer.group.name': options.groupId, 'messaging.kafka.message.key': message.key },
            () => options.handler(message),
          );
          options.onOutcome?.('processed', Date.now() - started);
          return;
        } catch (thrown) {
          const error = toAppError(thrown);
          const freeWait = error.retryable && error.waiting && waits < MAX_WAITS;
          if (freeWait) waits += 1;
          else failures += 1;
          if (freeWait || (error.retryable && failures < options.retry.maxAttempts)) {
            const delayMs = computeBackoffMs(options.retry, Math.max(1, failures), error.retryAfterSeconds);
            options.onOutcome?.('retried', Date.now() - started);
            await options.onRetry?.({ message, error, attempts: failures + waits, delayMs });
            await sleepWithHeartbeat(sleep, delayMs, heartbeat);
            continue;
          }
          const attempts = failures + waits;
          await publishDeadLetter(options, message, error, attempts);
          options.onOutcome?.('dead_lettered', Date.now() - started);
          await options.onDeadLetter?.({ message, error, attempts });
          return;
        }
      }
    },
  });
}

async function sleepWithHeartbeat(
  sleep: (ms: number) => Promise<void>,
  totalMs: number,
  heartbeat: () => Promise<void>,
): Promise<void> {
  let left = totalMs;
  while (left > 0) {
    const step = Math.min(left, 2000);
    await sleep(step);
    left -= step;
    await heartbeat();
  }
}

async function publishDeadLetter(
  options: ConsumerRunnerOptions,
  message: IncomingMessage,
  error: AppError,
  attempts: number,
): Promise<void> {
  const facts = options.describe?.(message) ?? {};
  const record = create(DeadLetterRecordSchema, {
    id: randomUUID(),
    sourceTopic: message.topic,
    sourcePartition: message.partition,
    sourceOffset: message.offset,
    key: message.key,
    payload: message.value,
    headers: message.headers,
    stage: options.stage,
    errorCode: error.code,
    errorMessage: error.message,
    errorField: error.field ?? '',
    connectionId: facts.connectionId ?? '',
    externalOrderId: facts.externalOrderId ?? '',
    attempts,
    failedAt: timestampFromDate(new Date()),
  });
  await options.bus.publish(options.deadLetterTopic, [
    { key: message.key, value: toBinary(DeadLetterRecordSchema, record), headers: withTraceHeaders() },
  ]);
}
