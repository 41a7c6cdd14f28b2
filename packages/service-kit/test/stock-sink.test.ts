/**
 * The stock sink on real Kafka and Postgres, with an in-test shop API: updates of one SKU that
 * arrive out of order end with the newer one, also with two sink replicas in one group; a shop
 * outage delays but loses no update; an unknown article is recorded and not retried; pushes go in
 * batches of the sink's `maxBatchSize`.
 */
import { randomUUID } from 'node:crypto';
import { topicName, topics } from '@koppel/contracts';
import { createStockAppliedRepository } from '@koppel/db';
import { publishTraced } from '@koppel/kafka';
import { encodeStockUpdate, type StockUpdate } from '@koppel/stock-sync';
import { createMetricsRegistry } from '@koppel/telemetry';
import t from 'tap';
import { STOCK_JOURNEY_ORDER_ID, type StockSink, startStockSink } from '../src/index.js';
import { BOOKS, createTestShop, eventually, openStockBed, SHOP, silentLog } from './stock-support.js';

const bed = await openStockBed(t, 'stocksink');
const shop = createTestShop({ maxBatchSize: 3, known: (sku) => !sku.startsWith('GHOST') });
await bed.addConnection('c1', { enabled: true });
const applied = createStockAppliedRepository(bed.database.db);
const metrics = [createMetricsRegistry('stock-sink-a'), createMetricsRegistry('stock-sink-b')];

const sinks: StockSink[] = [];
for (const [index, registry] of metrics.entries()) {
  const sink = await startStockSink(shop.connector, {
    db: bed.database.db,
    connections: bed.connections,
    bus: bed.bus,
    topicPrefix: bed.topicPrefix,
    journey: bed.journey,
    metrics: registry,
    log: silentLog,
    instanceId: `replica-${index}`,
    pusher: { tickMs: 100, backoff: { baseSeconds: 0.3, maxSeconds: 1 } },
  });
  if (sink) sinks.push(sink);
}
t.teardown(async () => {
  for (const sink of sinks) await sink.stop();
});

function stockUpdate(sku: string, available: number, sourceTime: Date): StockUpdate {
  return {
    eventId: randomUUID(),
    connectionId: 'c1',
    sourceSystem: SHOP,
    targetSystem: BOOKS,
    sku,
    ean: '',
    available,
    onHand: available,
    reserved: 0,
    calculation: 'available',
    warehouseIds: ['1'],
    sourceTime,
    readStartedAt: sourceTime,
    retryUnknown: false,
  };
}
const publish = (...updates: StockUpdate[]) =>
  publishTraced(bed.bus, topicName(topics.stockUpdated, bed.topicPrefix), updates.map(encodeStockUpdate));
const base = Date.UTC(2026, 11, 1, 10, 0, 0);
const secondsIn = (s: number) => new Date(base + s * 1000);

async function counted(outcome: string): Promise<number> {
  let total = 0;
  for (const registry of metrics) {
    const metric = await registry.registry.getSingleMetric('koppel_stock_updates_applied_total')?.get();
    for (const value of metric?.values ?? []) if (value.labels.outcome === outcome) total += value.value;
  }
  return total;
}

t.test(
  'two conflicting updates arriving out of order end with the newer one, across two replicas',
  async (t) => {
    const staleBefore = await counted('stale');
    // The newer figure is on the topic first; the older ones come late, as after a reader's retry.
    await publish(stockUpdate('TEA', 4, secondsIn(30)));
    await publish(stockUpdate('TEA', 9, secondsIn(10)), stockUpdate('TEA', 7, secondsIn(20)));
    await eventually('the late updates refused', async () =>
      (await counted('stale')) >= staleBefore + 2 ? true : undefined,
    );
    await eventually('the shop at the newest figure', () =>
      shop.state.stock.get('TEA') === 4 ? true : undefined,
    );
    const row = await eventually('TEA marked pushed', async () => {
      const [found] = await applied.report('c1', { limit: 1, afterSku: 'TE' });
      return found?.status === 'updated' ? found : undefined;
    });
    t.equal(row?.sku, 'TEA');
    t.equal(row?.available, 4);
    t.equal(row?.status, 'updated');
    t.equal(shop.state.stock.get('TEA'), 4, 'the shop ends with the newer one');
    t.notOk(
      shop.state.calls.flat().some((push) => push.sku === 'TEA' && push.quantity !== 4),
      'the older figures never reached the shop',
    );
  },
);

t.test('the same SKU applied by both replicas at once still ends with the newest', async (t) => {
  // Both replicas' handlers apply updates of one SKU concurrently (as in a rebalance), in shuffled order.
  const updates = Array.from({ length: 20 }, (_, i) => stockUpdate('MUG', i, secondsIn(100 + i)));
  const shuffled = [...updates].sort(() => Math.random() - 0.5);
  const repos = [createStockAppliedRepository(bed.database.db), applied];
  await Promise.all(
    shuffled.map((u, i) =>
      repos[i % 2]?.apply({ ...u, connectionId: 'c1', retryUnknown: false }).then(() => {
        for (const sink of sinks) sink.pusher.wake();
      }),
    ),
  );
  await eventually('the shop at the newest MUG figure', () =>
    shop.state.stock.get('MUG') === 19 ? true : undefined,
  );
  const [row] = await applied.report('c1', { limit: 1, afterSku: 'MU' });
  t.equal(row?.available, 19);
  await eventually('MUG settled', async () =>
    (await applied.report('c1', { limit: 1, afterSku: 'MU' }))[0]?.status === 'updated' ? true : undefined,
  );
  t.equal(shop.state.stock.get('MUG'), 19);
});

t.test('a shop outage delays but loses no update', async (t) => {
  shop.state.down = true;
  await publish(stockUpdate('CUP', 5, secondsIn(200)));
  await eventually('a failed push recorded', async () => {
    const [row] = await applied.report('c1', { limit: 1, afterSku: 'CU' });
    return row?.sku === 'CUP' && row.attempts >= 1 ? row : undefined;
  });
  await publish(stockUpdate('CUP', 3, secondsIn(201)), stockUpdate('BOWL', 8, secondsIn(201)));
  await eventually('both applied while the shop is down', async () => {
    const rows = await applied.report('c1', { limit: 10, status: 'pending' });
    return rows.some((r) => r.sku === 'BOWL') && rows.some((r) => r.sku === 'CUP' && r.available === 3)
      ? true
      : undefined;
  });
  t.notOk(shop.state.stock.has('CUP'), 'nothing reached the shop');
  await eventually('the outage in the activity log', async () => {
    const entries = await bed.journey.list('c1', STOCK_JOURNEY_ORDER_ID);
    return entries.some((e) => e.stage === 'failed' && e.detail.kind === 'stock_push_failed')
      ? true
      : undefined;
  });
  shop.state.down = false;
  await eventually('the shop back in step', () =>
    shop.state.stock.get('CUP') === 3 && shop.state.stock.get('BOWL') === 8 ? true : undefined,
  );
  t.pass('both updates arrived after the outage, CUP at its newer figure');
});

t.test('an unknown article is recorded with its time and not retried', async (t) => {
  await publish(stockUpdate('GHOST-1', 2, secondsIn(300)));
  const row = await eventually('GHOST-1 marked unknown', async () => {
    const [found] = await applied.report('c1', { limit: 1, status: 'unknown-article' });
    return found?.sku === 'GHOST-1' ? found : undefined;
  });
  t.ok(row.unknownAt, 'when the shop said it does not know it');
  await eventually('the unknown article in the activity log', async () => {
    const entries = await bed.journey.list('c1', STOCK_JOURNEY_ORDER_ID);
    return entries.some((e) => e.stage === 'ignored' && e.detail.kind === 'stock_unknown_article')
      ? true
      : undefined;
  });
  const attempts = () => shop.state.calls.flat().filter((push) => push.sku === 'GHOST-1').length;
  t.equal(attempts(), 1);
  const staleOrApplied = (await counted('applied')) + (await counted('stale'));
  await publish(stockUpdate('GHOST-1', 2, secondsIn(301)));
  await eventually('the repeat consumed', async () =>
    (await counted('applied')) + (await counted('stale')) > staleOrApplied ? true : undefined,
  );
  for (const sink of sinks) await sink.pusher.round();
  t.equal(attempts(), 1, 'the same figure again is not pushed to the shop again');
});

t.test('pushes go in batches of the sink maxBatchSize', async (t) => {
  const skus = Array.from({ length: 10 }, (_, i) => `BATCH-${i}`);
  await publish(...skus.map((sku, i) => stockUpdate(sku, i + 1, secondsIn(400))));
  await eventually('every batch article in the shop', () =>
    skus.every((sku) => shop.state.stock.has(sku)) ? true : undefined,
  );
  t.ok(
    shop.state.calls.every((call) => call.length <= 3),
    'no call above 3 articles',
  );
  t.ok(
    shop.state.calls.some((call) => call.length > 1),
    'articles were batched',
  );
});

t.test(
  'stored stock settings that no longer parse hold the articles back, without a busy loop',
  async (t) => {
    await bed.addConnection('broken', { enabled: true });
    await bed.database.db
      .updateTable('connections')
      .set({ sync_settings: JSON.stringify({ stock: { enabled: 'yes' } }) })
      .where('id', '=', 'broken')
      .execute();
    await applied.apply({
      ...stockUpdate('KETTLE', 1, secondsIn(500)),
      connectionId: 'broken',
      retryUnknown: false,
    });
    for (const sink of sinks) await sink.pusher.round();
    const [row] = await applied.report('broken', { limit: 1 });
    t.equal(row?.status, 'pending', 'kept, not dropped');
    t.match(row?.lastError, /stock settings are invalid/);
    t.notOk(shop.state.stock.has('KETTLE'));
  },
);
