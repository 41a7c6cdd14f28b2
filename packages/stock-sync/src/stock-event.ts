/**
 * The `stock.updated` record: key `<connection id>:<sku>` so one article's updates stay in one
 * partition, value a `koppel.stock.v1.StockUpdatedEvent`. Encoding and decoding are pure.
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { StockUpdatedEventSchema } from '@koppel/contracts';
import type { StockFigure } from './compute-quantities.js';
import { stockError } from './stock-errors.js';
import type { StockSettings } from './stock-settings.js';

/** One article's update as the sink applies it. */
export type StockUpdate = {
  eventId: string;
  connectionId: string;
  sourceSystem: string;
  targetSystem: string;
  sku: string;
  ean: string;
  /** The source's available figure (orders in flight not yet taken off). */
  available: number;
  onHand: number;
  reserved: number;
  calculation: StockSettings['calculation'];
  warehouseIds: string[];
  sourceTime: Date;
  /** Database-clock start of the reading: the in-flight cut-off. */
  readStartedAt: Date;
  retryUnknown: boolean;
};

export function stockKey(connectionId: string, sku: string): string {
  return `${connectionId}:${sku}`;
}

export function toStockUpdate(
  figure: StockFigure,
  facts: Pick<
    StockUpdate,
    'eventId' | 'connectionId' | 'sourceSystem' | 'targetSystem' | 'readStartedAt' | 'retryUnknown'
  > & {
    calculation: StockSettings['calculation'];
  },
): StockUpdate {
  return {
    ...facts,
    sku: figure.sku,
    ean: figure.ean,
    available: figure.available,
    onHand: figure.onHand,
    reserved: figure.reserved,
    warehouseIds: figure.warehouseIds,
    sourceTime: figure.sourceTime,
  };
}

export function encodeStockUpdate(update: StockUpdate): { key: string; value: Uint8Array } {
  const event = create(StockUpdatedEventSchema, {
    eventId: update.eventId,
    connectionId: update.connectionId,
    sku: update.sku,
    ean: update.ean,
    available: BigInt(update.available),
    warehouseIds: update.warehouseIds,
    sourceTime: timestampFromDate(update.sourceTime),
    onHand: BigInt(update.onHand),
    reserved: BigInt(update.reserved),
    calculation: update.calculation,
    readStartedAt: timestampFromDate(update.readStartedAt),
    sourceSystem: update.sourceSystem,
    targetSystem: update.targetSystem,
    retryUnknown: update.retryUnknown,
  });
  return { key: stockKey(update.connectionId, update.sku), value: toBinary(StockUpdatedEventSchema, event) };
}

/** Decodes a record; a record that is not a complete StockUpdatedEvent is a permanent error. */
export function decodeStockUpdate(value: Uint8Array): StockUpdate {
  let event: ReturnType<typeof fromBinary<typeof StockUpdatedEventSchema>>;
  try {
    event = fromBinary(StockUpdatedEventSchema, value);
  } catch (cause) {
    throw stockError('STOCK_EVENT_INVALID', 'stock.updated record is not a StockUpdatedEvent', {
      field: 'value',
      cause,
    });
  }
  const missing = !event.connectionId
    ? 'connection_id'
    : !event.sku
      ? 'sku'
      : !event.sourceTime
        ? 'source_time'
        : undefined;
  if (missing !== undefined || !event.sourceTime) {
    throw stockError('STOCK_EVENT_INVALID', `stock.updated record lacks ${missing ?? 'source_time'}`, {
      field: `value.${missing ?? 'source_time'}`,
    });
  }
  const sourceTime = timestampDate(event.sourceTime);
  return {
    eventId: event.eventId,
    connectionId: event.connectionId,
    sourceSystem: event.sourceSystem,
    targetSystem: event.targetSystem,
    sku: event.sku,
    ean: event.ean,
    available: Number(event.available),
    onHand: Number(event.onHand),
    reserved: Number(event.reserved),
    calculation: event.calculation === 'on-hand' ? 'on-hand' : 'available',
    warehouseIds: [...event.warehouseIds],
    sourceTime,
    // An event without a reading start (an older producer) cuts off at its source time.
    readStartedAt: event.readStartedAt ? timestampDate(event.readStartedAt) : sourceTime,
    retryUnknown: event.retryUnknown,
  };
}
