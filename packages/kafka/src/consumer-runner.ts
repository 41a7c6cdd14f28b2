import { randomUUID } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DeadLetterRecordSchema } from '@koppel/contracts';
import { type AppError, toAppError } from '@koppel/errors';
import type { IncomingMessage, MessageBus, Subscription } from './message-bus.js';
import type { ParkingOptions, ParkingState } from './parking/parked-record-store.js';
import { startRedriver } from './parking/redriver.js';
import { computeBackoffMs, type RetryPolicy } from './retry-policy.js';
import { inProcessSpan, withTraceHeaders } from './trace-context.js';

export type ConsumerOutcome = 'processed' | 'retried' | 'parked' | 'dead_lettered';

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
  /**
   * Park long retries in Postgres instead of holding the partition (see `ParkingOptions`).
   * Without it every retry waits in place, as in a test of the bare runner.
   */
  parking?: ParkingOptions;
  /** Facts about the record for the dead letter (connection, order id) when known. */
  describe?: (message: IncomingMessage) => { connectionId?: string; externalOrderId?: string };
  onOutcome?: (outcome: ConsumerOutcome, durationMs: number) => void;
  /** Called after a dead letter was published (e.g. to write the order journey). */
  onDeadLetter?: (context: DeadLetterContext) => Promise<void>;
  /** Called before a retry waits; `parked` when it waits in the parked table. */
  onRetry?: (context: DeadLetterContext & { delayMs: number; parked: boolean }) => Promise<void> | void;
  /** A re-driver round that failed outside the handler (database down); it tries again. */
  onRedriveError?: (error: unknown) => void;
  sleep?: (ms: number) => Promise<void>;
};

/** Ceiling on free retries of waiting errors, so a lease that never ends cannot stall a partition. */
export const MAX_WAITS = 200;

/** Backoffs above this park the record (when parking is on); any Retry-After parks it too. */
export const DEFAULT_PARK_ABOVE_MS = 2000;

/**
 * Consumes a topic with the house rules: a record is committed only after its effect; a
 * retryable AppError is retried with exponential backoff (honouring Retry-After) while the
 * consumer keeps heartbeating; a permanent error, or a retryable one past `maxAttempts`,
 * becomes a dead-letter record carrying the original bytes, key, headers and the reason, and
 * the record is then committed so the partition moves on. A retryable error marked `waiting`
 * (another worker holds what this record needs) is retried without using up an attempt, up to
 * `MAX_WAITS` times, so only real failures count towards the dead letter.
 *
 * With `parking`, a retry that would wait long (backoff above `parkAboveMs`, or a Retry-After)
 * is parked instead: the row is committed first, then the record counts as handled and the
 * partition moves on. While a key has a parked record, its later records are parked behind it,
 * so one key's records never overtake each other. A re-driver per consumer group re-runs due
 * parked records through the same handler and dead-letters them after `maxAttempts`.
 */
export async function runConsumer(options: ConsumerRunnerOptions): Promise<Subscription> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const parking = options.parking;
  const parkAboveMs = parking?.parkAboveMs ?? DEFAULT_PARK_ABOVE_MS;
  const attempt = (message: IncomingMessage) =>
    inProcessSpan(
      options.topic,
      message.headers,
      { 'messaging.consumer.group.name': options.groupId, 'messaging.kafka.message.key': message.key },
      () => options.handler(message),
    );
  const park = (message: IncomingMessage, state: ParkingState) =>
    parking?.store.park({ groupId: options.groupId, ...message }, state);
  // A stop ends in-place waits at once: a record waiting on another worker's lease (one held by
  // a killed process lasts its whole term) must not hold a SIGTERM past the shutdown deadline.
  const stopping = new AbortController();

  const subscription = await options.bus.subscribe({
    groupId: options.groupId,
    topic: options.topic,
    handler: async (message, heartbeat) => {
      const started = Date.now();
      if (parking && (await parking.store.hasParked(options.groupId, options.topic, message.key))) {
        await park(message, { attempts: 0, delayMs: 0, lastError: null });
        options.onOutcome?.('parked', Date.now() - started);
        return;
      }
      let waits = 0;
      let failures = 0;
      for (;;) {
        try {
          await attempt(message);
          options.onOutcome?.('processed', Date.now() - started);
          return;
        } catch (thrown) {
          const error = toAppError(thrown);
          const freeWait = error.retryable && error.waiting && waits < MAX_WAITS;
          if (freeWait) waits += 1;
          else failures += 1;
          if (freeWait || (error.retryable && failures < options.retry.maxAttempts)) {
            const delayMs = computeBackoffMs(options.retry, Math.max(1, failures), error.retryAfterSeconds);
            // A short wait for another worker (a debtor lease) stays in place; a long backoff or a
            // target's Retry-After parks the record so the partition's other keys move on.
            const parked =
              parking !== undefined &&
              (delayMs > parkAboveMs || (!freeWait && error.retryAfterSeconds !== undefined));
            if (parked) {
              await park(message, { attempts: failures, delayMs, lastError: describeError(error) });
            }
            options.onOutcome?.(parked ? 'parked' : 'retried', Date.now() - started);
            await options.onRetry?.({ message, error, attempts: failures + waits, delayMs, parked });
            if (parked) return;
            await sleepWithHeartbeat(sleep, delayMs, heartbeat, stopping.signal);
            if (stopping.signal.aborted) {
              // Parked, it is re-driven by whichever replica runs next; without parking the
              // throw leaves it uncommitted, so the next owner of the partition receives it again.
              if (!parking) throw error;
              await park(message, { attempts: failures, delayMs: 0, lastError: describeError(error) });
              options.onOutcome?.('parked', Date.now() - started);
              return;
            }
            continue;
          }
          const attempts = failures + waits;
          await deadLetter(options, message, error, attempts, started);
          return;
        }
      }
    },
  });
  if (!parking) {
    return {
      async stop() {
        stopping.abort();
        await subscription.stop();
      },
    };
  }

  const redriver = startRedriver({
    parking,
    groupId: options.groupId,
    topic: options.topic,
    onError: options.onRedriveError,
    redrive: async (record) => {
      const started = Date.now();
      const message: IncomingMessage = {
        topic: record.topic,
        partition: record.partition,
        offset: record.offset,
        key: record.key,
        value: record.value,
        headers: record.headers,
      };
      try {
        await attempt(message);
        await parking.store.remove(record.id);
        options.onOutcome?.('processed', Date.now() - started);
        return;
      } catch (thrown) {
        const error = toAppError(thrown);
        const attempts = error.retryable && error.waiting ? record.attempts : record.attempts + 1;
        if (error.retryable && attempts < options.retry.maxAttempts) {
          const delayMs = computeBackoffMs(options.retry, Math.max(1, attempts), error.retryAfterSeconds);
          await parking.store.reschedule(record.id, { attempts, delayMs, lastError: describeError(error) });
          options.onOutcome?.('parked', Date.now() - started);
          await options.onRetry?.({ message, error, attempts, delayMs, parked: true });
          return;
        }
        // Dead letter first: a crash in between re-drives the record again after its lease
        // (a duplicate dead letter) rather than losing it.
        await deadLetter(options, message, error, attempts, started);
        await parking.store.remove(record.id);
      }
    },
  });
  return {
    async stop() {
      stopping.abort();
      await Promise.all([subscription.stop(), redriver.stop()]);
    },
  };
}

async function deadLetter(
  options: ConsumerRunnerOptions,
  message: IncomingMessage,
  error: AppError,
  attempts: number,
  started: number,
): Promise<void> {
  await publishDeadLetter(options, message, error, attempts);
  options.onOutcome?.('dead_lettered', Date.now() - started);
  await options.onDeadLetter?.({ message, error, attempts });
}

function describeError(error: AppError): string {
  return `${error.code}: ${error.message}`;
}

/** Sleeps in steps with a heartbeat between them; returns early once `signal` aborts. */
async function sleepWithHeartbeat(
  sleep: (ms: number) => Promise<void>,
  totalMs: number,
  heartbeat: () => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  const aborted = new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  let left = totalMs;
  while (left > 0 && !signal.aborted) {
    const step = Math.min(left, 2000);
    await Promise.race([sleep(step), aborted]);
    left -= step;
    if (!signal.aborted) await heartbeat();
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
