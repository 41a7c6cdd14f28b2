/**
 * `deliveries.<system>` → one order booked in the target, through the generic delivery steps
 * (prepare, ledger, look-up, debtor once per customer, products, document), then announced on
 * `orders.booked` so the source can write the document number back to the shop.
 */
import { randomUUID } from 'node:crypto';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { AnyTargetConnector } from '@koppel/connector-sdk';
import {
  type CanonicalOrder,
  DeliveryRequestSchema,
  OrderBookedEventSchema,
  orderKey,
  topicName,
  topics,
} from '@koppel/contracts';
import { CONNECTION_PAUSED_CODE } from '@koppel/db';
import { AppError, appError } from '@koppel/errors';
import { type IncomingMessage, type MessageBus, publishTraced } from '@koppel/kafka';
import { type DeliveryOutcome, type DeliveryStores, deliverOrder } from '@koppel/target-delivery';
import type { ServiceMetrics } from '@koppel/telemetry';

export type DeliveryRequestHandlerDeps = {
  connector: AnyTargetConnector;
  /** The cached session of a connection (`createSessionCache(...).sessionFor`). */
  sessionFor(connectionId: string): Promise<unknown>;
  stores: DeliveryStores;
  metrics: ServiceMetrics;
  /** Where `orders.booked` goes. */
  bus: MessageBus;
  topicPrefix: string;
  /** Clock of `booked_at` (tests pin it). */
  now?: () => Date;
  /** When the connection was paused, null when it is not (`createConnectionPauseRepository`). */
  pausedSince?: (connectionId: string) => Promise<Date | null>;
  /** Observes a new booking's intake-to-booked latency (`createBookingLatencyRecorder`). */
  recordBooked?: (order: CanonicalOrder) => Promise<void>;
};

/**
 * How long a paused connection's parked delivery waits before it looks again (seconds); a
 * resume makes it due at once, so this is only the backstop should that wake-up be missed.
 */
const PAUSE_RECHECK_SECONDS = 900;

/** Parks the record (retryable, `waiting`: costs no attempt, never dead-letters) while paused. */
function connectionPaused(connectionId: string, since: Date): AppError {
  return new AppError(
    CONNECTION_PAUSED_CODE,
    `connection ${connectionId} is paused since ${since.toISOString()}; the order waits until it is resumed`,
    { httpStatus: 409, retryable: true, waiting: true, retryAfterSeconds: PAUSE_RECHECK_SECONDS },
  );
}

export function createDeliveryRequestHandler(deps: DeliveryRequestHandlerDeps) {
  const system = deps.connector.system;
  const bookedTopic = topicName(topics.ordersBooked, deps.topicPrefix);
  return async (message: IncomingMessage): Promise<void> => {
    const request = decode(message.value, system);
    const order = request.resolved?.order;
    const customer = request.resolved?.customer;
    if (!order || !customer) {
      throw appError('DECODE_FAILED', 'delivery request lacks the order or its customer', {
        field: 'resolved',
      });
    }
    const pausedSince = await deps.pausedSince?.(order.connectionId);
    if (pausedSince) throw connectionPaused(order.connectionId, pausedSince);
    const session = await deps.sessionFor(order.connectionId);
    const outcome = await deliverOrder(deps.connector, session, deps.stores, order, customer);
    deps.metrics.ordersTotal.inc({
      stage: 'delivery',
      result: outcome.kind,
      system,
      connection: order.connectionId,
    });
    // A measurement, never a reason to retry a booked order.
    if (outcome.kind === 'delivered') await deps.recordBooked?.(order).catch(() => {});
    await announceBooked(deps, bookedTopic, order, outcome);
  };
}

/**
 * Publishes `orders.booked` for the document this delivery created or found in the target, then
 * records in the ledger that it did (`markAnnounced`). A failed publish rejects (retried), and the
 * retry's outcome is `already_delivered`: its booking is announced then, from the number the
 * ledger kept, so the write-back to the shop is not lost. A booking already announced is not
 * announced again: later requests of the order (each status change in the shop makes one) must
 * not write back over what the merchant changed since. A crash between the publish and the mark
 * announces once more, and the source's write-back writes the same fields again.
 */
async function announceBooked(
  deps: DeliveryRequestHandlerDeps,
  topic: string,
  order: CanonicalOrder,
  outcome: DeliveryOutcome,
): Promise<void> {
  if (outcome.document === null || (outcome.kind === 'already_delivered' && outcome.announced)) return;
  const event = create(OrderBookedEventSchema, {
    eventId: randomUUID(),
    connectionId: order.connectionId,
    externalOrderId: order.externalId,
    sourceSystem: order.sourceSystem,
    targetSystem: deps.connector.system,
    documentNumber: outcome.document.number,
    documentId: outcome.document.targetId,
    bookedAt: timestampFromDate((deps.now ?? (() => new Date()))()),
  });
  await publishTraced(deps.bus, topic, [
    {
      key: orderKey(order.connectionId, order.externalId),
      value: toBinary(OrderBookedEventSchema, event),
    },
  ]);
  await deps.stores.ledger.markAnnounced(order.connectionId, order.externalId);
}

function decode(value: Uint8Array, system: string) {
  try {
    return fromBinary(DeliveryRequestSchema, value);
  } catch (cause) {
    throw appError('DECODE_FAILED', `deliveries.${system} record is not a DeliveryRequest`, {
      field: 'value',
      cause,
    });
  }
}
