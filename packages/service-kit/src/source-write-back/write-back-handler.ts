/**
 * One `orders.booked` record → the source connector's write-back for that order (the invoice
 * number into the shop's order, a status), when the record is this source's and the
 * connection's settings ask for it. The connector decides what its settings ask and answers
 * with the fields it wrote; the journey gets `written_back` with them.
 */
import { fromBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { AnySourceConnector, BookedOrder } from '@koppel/connector-sdk';
import { OrderBookedEventSchema } from '@koppel/contracts';
import type { JourneyRepository } from '@koppel/db';
import { appError, isAppError } from '@koppel/errors';
import type { IncomingMessage } from '@koppel/kafka';

export type WriteBackHandlerDeps = {
  connector: AnySourceConnector;
  /** The cached source session of a connection (`createSessionCache(..., 'source').sessionFor`). */
  sessionFor(connectionId: string): Promise<unknown>;
  journey: JourneyRepository;
  log: { info(obj: object, msg: string): void };
};

export function createWriteBackHandler(deps: WriteBackHandlerDeps) {
  const { connector } = deps;
  const writeBack = connector.writeBack;
  if (!writeBack) throw new Error(`connector ${connector.system} does not write back`);
  return async (message: IncomingMessage): Promise<void> => {
    const event = decode(message.value);
    if (event.sourceSystem !== connector.system) return;
    const session = await sessionOf(deps, event.connectionId);
    if (session === undefined) return;
    const booked: BookedOrder = {
      externalOrderId: event.externalOrderId,
      targetSystem: event.targetSystem,
      documentNumber: event.documentNumber,
      documentId: event.documentId,
      bookedAt: event.bookedAt ? timestampDate(event.bookedAt) : new Date(0),
    };
    const { written } = await writeBack.call(connector, session, booked);
    if (written.length === 0) return;
    await deps.journey.record(event.connectionId, event.externalOrderId, 'written_back', {
      sourceSystem: connector.system,
      targetSystem: event.targetSystem,
      documentNumber: event.documentNumber,
      fields: [...written],
    });
  };
}

/** A connection deleted since the booking has nobody to write back to: skipped, not dead-lettered. */
async function sessionOf(deps: WriteBackHandlerDeps, connectionId: string): Promise<unknown> {
  try {
    return await deps.sessionFor(connectionId);
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND' && error.field === 'connectionId') {
      deps.log.info({ connectionId }, 'write-back skipped: the connection no longer exists');
      return undefined;
    }
    throw error;
  }
}

function decode(value: Uint8Array) {
  try {
    return fromBinary(OrderBookedEventSchema, value);
  } catch (cause) {
    throw appError('DECODE_FAILED', 'orders.booked record is not an OrderBookedEvent', {
      field: 'value',
      cause,
    });
  }
}
