/**
 * Never oversell: a sale in the shop and a stock push racing never leave the shop with more than
 * the source's available quantity, on real Kafka and Postgres with the reader, the in-flight order
 * record (orders.mapped) and the sink composed. The in-test shop checks every push it receives
 * against the truth at that moment: the books' available less the units sold in the shop and not
 * yet booked. Each round books the sale at a different point of the race.
 */
import { randomUUID } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import {
  CanonicalOrderSchema,
  LineKind,
  MappedOrderEventSchema,
  OrderLineSchema,
  OrderStatus,
  orderKey,
  topicName,
  topics,
} from '@koppel/contracts';
import { createStockAppliedRepository } from '@koppel/db';
import { publishTraced } from '@koppel/kafka';
import { createMetricsRegistry } from '@koppel/telemetry';
import t from 'tap';
import { startHoldRecorder, startStockReader, startStockSink } from '../src/index.js';
import { createTestBooks, createTestShop, eventually, openStockBed, silentLog } from './stock-support.js';

const bed = await openStockBed(t, 'stockrace');
const connectionId = 'race';
await bed.addConnection(connectionId, { enabled: true });
const books = createTestBooks();
const shop = createTestShop({ maxBatchSize: 50 });
const applied = createStockAppliedRepository(bed.database.db);
const metrics = createMetricsRegistry('stock-race');
const parts = {
  bus: bed.bus,
  topicPrefix: bed.topicPrefix,
  journey: bed.journey,
  metrics,
  log: silentLog,
  db: bed.database.db,
};

/** Units sold in the shop whose order is not booked in the books yet, per SKU (the truth). */
const unbooked = new Map<string, number>();
const booksAvailable = (sku: string) =>
  (books.state.articles.get(sku) ?? []).reduce((sum, w) => sum + w.onHand - w.reserved, 0);
const trueAvailable = (sku: string) => booksAvailable(sku) - (unbooked.get(sku) ?? 0);
const violations: string[] = [];
shop.state.onPush = (push) => {
  if (push.quantity > trueAvailable(push.sku)) {
    violations.push(`${push.sku}: shop set to ${push.quantity}, only ${trueAvailable(push.sku)} available`);
  }
};

const reader = startStockReader(books.connector, {
  ...parts,
  connections: bed.connections,
  instanceId: 'race-reader',
  tickMs: 3_600_000,
  scheduleSyncMs: 0,
});
const holds = await startHoldRecorder(books.connector, parts);
const sink = await startStockSink(shop.connector, {
  ...parts,
  connections: bed.connections,
  pusher: { tickMs: 100 },
});
if (!reader || !holds || !sink) throw new Error('the stock roles did not start');
t.teardown(async () => {
  await reader.stop();
  await holds.stop();
  await sink.stop();
});

/** Reads now and waits until the shop holds what was published for `sku`. */
async function readAndSettle(sku: string): Promise<void> {
  const since = new Date();
  await bed.database.db
    .updateTable('stock_read_schedules')
    .set({ next_read_at: new Date(0) })
    .execute();
  await reader?.tick();
  const observed = await bed.database.db
    .selectFrom('stock_observations')
    .select(['quantity', 'observed_at'])
    .where('connection_id', '=', connectionId)
    .where('sku', '=', sku)
    .executeTakeFirst();
  if (!observed || new Date(observed.observed_at) < since) return; // nothing changed: nothing sent
  await eventually(`${sku} pushed`, async () => {
    const rows = await applied.report(connectionId, { limit: 100 });
    const row = rows.find((r) => r.sku === sku);
    return row && row.status === 'updated' && row.sourceTime >= since ? true : undefined;
  });
}

/** A shopper buys `units`: the shop takes them off its own stock; Koppel receives the order if `received`. */
async function sell(sku: string, units: number, received: boolean): Promise<string> {
  const orderId = `order-${sku}`;
  shop.state.stock.set(sku, (shop.state.stock.get(sku) ?? 0) - units);
  unbooked.set(sku, (unbooked.get(sku) ?? 0) + units);
  if (!received) return orderId;
  const order = create(CanonicalOrderSchema, {
    connectionId,
    externalId: orderId,
    status: OrderStatus.PROCESSING,
    lines: [create(OrderLineSchema, { kind: LineKind.PRODUCT, sku, quantity: units })],
  });
  const event = create(MappedOrderEventSchema, { eventId: randomUUID(), order });
  await publishTraced(bed.bus, topicName(topics.ordersMapped, bed.topicPrefix), [
    { key: orderKey(connectionId, orderId), value: toBinary(MappedOrderEventSchema, event) },
  ]);
  await eventually('the order held', () =>
    bed.database.db
      .selectFrom('stock_order_holds')
      .select('units')
      .where('connection_id', '=', connectionId)
      .where('external_order_id', '=', orderId)
      .executeTakeFirst(),
  );
  return orderId;
}

/** The books book the order: their stock goes down, and Koppel's delivery ledger says delivered. */
async function book(sku: string, orderId: string, units: number): Promise<void> {
  const [figures] = books.state.articles.get(sku) ?? [];
  books.set(sku, (figures?.onHand ?? 0) - units);
  unbooked.set(sku, (unbooked.get(sku) ?? 0) - units);
  await bed.book(connectionId, orderId);
}

type Mode =
  | 'before the reading'
  | 'during the reading, after the figures'
  | 'during the reading, before the figures'
  | 'after the push';
const modes: Mode[] = [
  'before the reading',
  'during the reading, after the figures',
  'during the reading, before the figures',
  'after the push',
];

for (const [index, mode] of modes.entries()) {
  t.test(`sale booked ${mode}: the shop never shows more than is available`, async (t) => {
    const sku = `TEA${index}`;
    books.set(sku, 10);
    await readAndSettle(sku);
    t.equal(shop.state.stock.get(sku), 10, 'in step before the sale');
    const orderId = await sell(sku, 3, true);
    if (mode === 'before the reading') await book(sku, orderId, 3);
    // Once, on the first page: the books are paged and every page calls the hook.
    let booked = false;
    const bookOnce = async () => {
      if (booked) return;
      booked = true;
      await book(sku, orderId, 3);
    };
    if (mode === 'during the reading, after the figures') books.state.duringRead = bookOnce;
    if (mode === 'during the reading, before the figures') books.state.beforeRead = bookOnce;
    await readAndSettle(sku);
    books.state.duringRead = async () => {};
    books.state.beforeRead = async () => {};
    if (mode === 'after the push') await book(sku, orderId, 3);
    await readAndSettle(sku);
    t.equal(shop.state.stock.get(sku), 7, 'in step after the booking');
    t.same(violations, [], 'no push above what was available');
  });
}

t.test('control: a sale Koppel has not received yet is the one window the rule cannot see', async (t) => {
  // The checker can fail: an order still on its way to Koppel (a polled shop between polls)
  // holds nothing, and a push in that window overwrites the shop's own decrement.
  const sku = 'TEACTL';
  books.set(sku, 10);
  await readAndSettle(sku);
  await sell(sku, 3, false);
  books.set(sku, 10, 0, '2'); // a second warehouse: the quantity changes, so a push goes out
  await readAndSettle(sku);
  t.equal(shop.state.stock.get(sku), 20);
  t.match(violations, [/TEACTL: shop set to 20, only 17 available/], 'the checker saw it');
  violations.length = 0;
});
