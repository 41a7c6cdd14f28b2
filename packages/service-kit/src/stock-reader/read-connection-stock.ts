/**
 * One read of one connection's stock, by the reader that holds its lease: the readings (the change
 * feed, or every page), one figure per article, the units of shop orders in flight taken off,
 * only the articles whose quantity changed (all of them in a full resync) published on
 * `stock.updated`, and what was sent remembered for the next read.
 */
import { randomUUID } from 'node:crypto';
import type { StockReading, StockScope, StockSourceCapability } from '@koppel/connector-sdk';
import { topicName, topics } from '@koppel/contracts';
import type {
  StockHoldRepository,
  StockObservationRepository,
  StockReadClaim,
  StockReadScheduleRepository,
} from '@koppel/db';
import { type MessageBus, publishTraced } from '@koppel/kafka';
import {
  computeStockFigures,
  encodeStockUpdate,
  quantityToPush,
  type StockSettings,
  selectChanged,
  toStockUpdate,
} from '@koppel/stock-sync';

/** Records per publish call (each is one all-replica acknowledged batch). */
const PUBLISH_CHUNK = 500;
/** A runaway pager (a connector whose `next` never ends) stops here. */
const MAX_PAGES = 100_000;

export type ReadStockDeps = {
  bus: MessageBus;
  topicPrefix: string;
  schedules: StockReadScheduleRepository;
  observations: StockObservationRepository;
  holds: StockHoldRepository;
};

export type ReadStockInput = {
  source: StockSourceCapability<unknown>;
  session: unknown;
  claim: StockReadClaim;
  connection: { id: string; sourceSystem: string; targetSystem: string };
  settings: StockSettings;
  /** True once the lease may be another reader's: nothing is published after that. */
  leaseLost: () => boolean;
};

export type ReadStockResult = {
  kind: 'changes' | 'all' | 'full';
  read: number;
  published: number;
  marker: string | null;
  more: boolean;
  leaseLost: boolean;
};

export async function readConnectionStock(
  deps: ReadStockDeps,
  input: ReadStockInput,
): Promise<ReadStockResult> {
  const { source, session, claim, settings } = input;
  const scope: StockScope = { warehouses: settings.warehouses };
  const changes = source.readChanges;
  // The cut-off of orders in flight: taken before the first call, so a booking the readings may
  // already show but that happened after this moment still counts as in flight (the safe side).
  const readStartedAt = await deps.schedules.now();
  let marker = claim.changeMarker;
  let more = false;
  let readings: StockReading[];
  let kind: ReadStockResult['kind'];
  if (changes && !claim.full && marker !== null) {
    const answer = await changes.read(session, scope, marker);
    readings = answer.readings;
    marker = answer.next;
    more = answer.more;
    kind = 'changes';
  } else {
    // A change feed's marker is taken before the full read, so nothing changed during it is missed.
    if (changes && marker === null) marker = await changes.initialMarker(session, scope);
    readings = await readAllPages(source, session, scope, input.leaseLost);
    kind = claim.full ? 'full' : 'all';
  }
  if (input.leaseLost()) return { kind, read: readings.length, published: 0, marker, more, leaseLost: true };

  const figures = computeStockFigures(readings, settings);
  const inFlight = await deps.holds.unitsInFlight(
    input.connection.id,
    readStartedAt,
    settings.inFlightHoldMinutes,
  );
  const toSend = figures.map((figure) => ({
    ...figure,
    quantity: quantityToPush(figure.available, inFlight.get(figure.sku) ?? 0),
  }));
  // A full resync sends everything; a change read compares only the articles it read.
  const last = claim.full
    ? new Map<string, number>()
    : await deps.observations.lastQuantities(
        input.connection.id,
        kind === 'changes' ? toSend.map((figure) => figure.sku) : undefined,
      );
  const changed = selectChanged(toSend, last, claim.full);
  if (input.leaseLost()) return { kind, read: readings.length, published: 0, marker, more, leaseLost: true };

  const topic = topicName(topics.stockUpdated, deps.topicPrefix);
  const facts = {
    connectionId: input.connection.id,
    sourceSystem: input.connection.sourceSystem,
    targetSystem: input.connection.targetSystem,
    calculation: settings.calculation,
    readStartedAt,
    retryUnknown: claim.full && claim.resyncRequestedAt !== null,
  };
  for (let start = 0; start < changed.length; start += PUBLISH_CHUNK) {
    const chunk = changed.slice(start, start + PUBLISH_CHUNK);
    await publishTraced(
      deps.bus,
      topic,
      chunk.map((figure) => encodeStockUpdate(toStockUpdate(figure, { ...facts, eventId: randomUUID() }))),
    );
  }
  await deps.observations.record(input.connection.id, changed);
  return { kind, read: readings.length, published: changed.length, marker, more, leaseLost: false };
}

async function readAllPages(
  source: StockSourceCapability<unknown>,
  session: unknown,
  scope: StockScope,
  leaseLost: () => boolean,
): Promise<StockReading[]> {
  const readings: StockReading[] = [];
  let page: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    const answer = await source.readAll(session, scope, page);
    for (const reading of answer.readings) readings.push(reading);
    page = answer.next;
    if (page === undefined || leaseLost()) return readings;
  }
  throw new Error(`stock read stopped after ${MAX_PAGES} pages`);
}
