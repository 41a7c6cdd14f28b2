/**
 * The stock reader on real Kafka and Postgres, with in-test books: a first full read sends every
 * article, later reads only the articles whose quantity changed, an operator's resync sends all
 * again, a change feed is read from its marker, two readers never read one connection at once, and
 * a stop ends a read under way instead of waiting for it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStockReadScheduleRepository } from '@koppel/db';
import { createMetricsRegistry } from '@koppel/telemetry';
import t from 'tap';
import { type StockReader, startStockReader } from '../src/index.js';
import { createTestBooks, eventually, openStockBed, silentLog } from './stock-support.js';

const bed = await openStockBed(t, 'stockread');
const schedules = createStockReadScheduleRepository(bed.database.db);
const readers: StockReader[] = [];
t.teardown(async () => {
  for (const reader of readers) await reader.stop();
});

function newReader(books: ReturnType<typeof createTestBooks>, instanceId: string): StockReader {
  const reader = startStockReader(books.connector, {
    db: bed.database.db,
    connections: bed.connections,
    bus: bed.bus,
    topicPrefix: bed.topicPrefix,
    journey: bed.journey,
    metrics: createMetricsRegistry(`stock-reader-${instanceId}`),
    log: silentLog,
    instanceId,
    // The loop stays out of the way; the tests tick themselves.
    tickMs: 3_600_000,
    scheduleSyncMs: 0,
  });
  if (!reader) throw new Error('the test books report stock');
  readers.push(reader);
  return reader;
}

const publishedFor = (connectionId: string) => bed.published.filter((u) => u.connectionId === connectionId);
const waitForPublished = (connectionId: string, count: number) =>
  eventually(`${count} updates of ${connectionId}`, () =>
    publishedFor(connectionId).length >= count ? publishedFor(connectionId) : undefined,
  );

t.test('only SKUs whose quantity changed are published; a resync publishes all', async (t) => {
  const books = createTestBooks();
  await bed.addConnection('all-reader', { enabled: true, warehouses: ['1', '2'] });
  for (const sku of ['A', 'B', 'C', 'D', 'E']) books.set(sku, 10, 2);
  books.set('A', 5, 0, '2');
  books.set('A', 100, 0, '9');
  const reader = newReader(books, 'all');
  await reader.tick();
  const first = await waitForPublished('all-reader', 5);
  t.equal(first.find((u) => u.sku === 'A')?.available, 13, 'warehouses 1 and 2 summed, reservations off');
  t.same(first.find((u) => u.sku === 'A')?.warehouseIds, ['1', '2']);
  t.ok(books.state.reads.all >= 3, 'paged through every article');

  books.set('C', 4, 1);
  books.set('D', 10, 2, '1'); // rewritten with the same figures: not a change
  // A plain (not full) read: the schedule due now, its full resync not.
  await bed.database.db
    .updateTable('stock_read_schedules')
    .set({ next_read_at: new Date(0), next_full_resync_at: new Date(Date.now() + 3_600_000) })
    .where('connection_id', '=', 'all-reader')
    .execute();
  await reader.tick();
  const second = await waitForPublished('all-reader', 6);
  t.same(
    second.slice(5).map((u) => [u.sku, u.available]),
    [['C', 3]],
    'only C changed',
  );
  await bed.database.db
    .updateTable('stock_read_schedules')
    .set({ next_read_at: new Date(0) })
    .where('connection_id', '=', 'all-reader')
    .execute();
  await reader.tick();
  await new Promise((resolve) => setTimeout(resolve, 500));
  t.equal(publishedFor('all-reader').length, 6, 'nothing changed: nothing published');

  await schedules.requestResync('all-reader');
  await reader.tick();
  const resync = await waitForPublished('all-reader', 11);
  t.same(
    resync
      .slice(6)
      .map((u) => u.sku)
      .sort(),
    ['A', 'B', 'C', 'D', 'E'],
    'the resync sent every article',
  );
  t.ok(
    resync.slice(6).every((u) => u.retryUnknown),
    "an operator's resync asks the sink to try unknown articles again",
  );
  t.equal((await schedules.find('all-reader'))?.resyncRequestedAt, null);
});

t.test('a change feed is read from its marker after the first full read', async (t) => {
  const books = createTestBooks({ changeFeed: true });
  await bed.addConnection('feed-reader', { enabled: true, calculation: 'on-hand' });
  books.set('X', 3, 1);
  books.set('Y', 6, 1);
  const reader = newReader(books, 'feed');
  await reader.tick();
  await waitForPublished('feed-reader', 2);
  t.equal(
    publishedFor('feed-reader').find((u) => u.sku === 'X')?.available,
    3,
    'on hand, reservations ignored',
  );
  books.set('Y', 2, 0);
  await bed.database.db
    .updateTable('stock_read_schedules')
    .set({ next_read_at: new Date(0) })
    .where('connection_id', '=', 'feed-reader')
    .execute();
  const allBefore = books.state.reads.all;
  await reader.tick();
  const updates = await waitForPublished('feed-reader', 3);
  t.same([updates[2]?.sku, updates[2]?.available], ['Y', 2]);
  t.equal(books.state.reads.changes, 1, 'read through the change feed');
  t.equal(books.state.reads.all, allBefore, 'not everything again');
});

t.test('two readers never read one connection at once', async (t) => {
  const books = createTestBooks();
  await bed.addConnection('leased-reader', { enabled: true });
  books.set('L', 1);
  let inRead = 0;
  let overlap = false;
  books.state.duringRead = async () => {
    inRead += 1;
    if (inRead > 1) overlap = true;
    await new Promise((resolve) => setTimeout(resolve, 200));
    inRead -= 1;
  };
  const a = newReader(books, 'lease-a');
  const b = newReader(books, 'lease-b');
  await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
  t.notOk(overlap, 'one read at a time');
  t.equal(books.state.reads.all, 1, 'the connection was read once');
});

t.test('a connection with stock off is not read', async (t) => {
  const books = createTestBooks();
  await bed.addConnection('off-reader', { enabled: false });
  await bed.addConnection('unmanaged-reader', { enabled: true, managesStock: false });
  books.set('Q', 1);
  const reader = newReader(books, 'off');
  await reader.tick();
  t.equal(books.state.reads.all, 0);
  t.equal(await schedules.find('off-reader'), undefined);
});

t.test('a stop ends a read under way at its next request: lease freed, read again later', async (t) => {
  // Books that answer one call only after a minute, like a POS behind a slow link.
  const slow = createServer(() => {});
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    slow.closeAllConnections();
    slow.close();
  });
  const { port } = slow.address() as AddressInfo;
  const books = createTestBooks();
  await bed.addConnection('stopped-reader', { enabled: true });
  books.set('S', 3);
  let settled: 'resolved' | 'rejected' | undefined;
  books.state.duringRead = async (session) => {
    const services = session as { fetch: (url: string) => Promise<Response> };
    await services.fetch(`http://127.0.0.1:${port}/stock`).then(
      () => {
        settled = 'resolved';
      },
      (error: unknown) => {
        settled = 'rejected';
        throw error;
      },
    );
  };
  const reader = newReader(books, 'stopped');
  const tick = reader.tick();
  await eventually('the read to call the books', () =>
    slow.listening && books.state.reads.all > 0 ? true : undefined,
  );
  await reader.stop();
  await tick;
  t.equal(settled, 'rejected', 'the call under way was ended, not waited out');
  const schedule = await schedules.find('stopped-reader');
  t.equal(schedule?.leaseOwner, null, 'the lease is freed');
  t.equal(schedule?.consecutiveFailures, 0, 'a stop is not a failure');
  t.equal(publishedFor('stopped-reader').length, 0, 'nothing published by the cut read');

  books.state.duringRead = async () => {};
  await newReader(books, 'after-stop').tick();
  t.same(
    (await waitForPublished('stopped-reader', 1)).map((u) => [u.sku, u.available]),
    [['S', 3]],
    'the next start reads it',
  );
});
