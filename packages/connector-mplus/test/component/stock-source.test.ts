/**
 * The Mplus stock source against the real simulator over HTTP: getProducts-paged full reads per
 * branch, SKUs through the article table and PLUs, reservations of an order, the getStockHistory
 * change feed and its marker, and failures classified for retry.
 */
import type { StockReading } from '@koppel/connector-sdk';
import { readEverything } from '@koppel/connector-sdk/testing';
import { type AppError, isAppError } from '@koppel/errors';
import type { MplusSimulator } from '@koppel/sim-mplus';
import t, { type Test } from 'tap';
import { mplusConnector as connector, type MplusSettingsInput } from '../../src/index.js';
import { readAllStock } from '../../src/stock/read-all-stock.js';
import { readStockChanges } from '../../src/stock/stock-changes.js';
import { mplusStockSource as source } from '../../src/stock/stock-source.js';
import { makeCustomer, makeOrder } from '../fixtures/order-fixtures.js';
import { startHarness } from '../fixtures/simulator-harness.js';

const both = { warehouses: ['1', '2'] };
const now = () => new Date();

async function setStock(
  sim: MplusSimulator,
  rows: { branchNumber: number; articleNumber: number; quantity: number }[],
) {
  const res = await sim.app.inject({ method: 'PUT', url: '/_control/stock', payload: { rows } });
  if (res.statusCode !== 200) throw new Error(`setting stock failed: ${res.body}`);
}

async function seeded(t: Test, settings: Partial<MplusSettingsInput> = {}) {
  const harness = await startHarness(t, { settings: { lookupSkuAsPlu: true, ...settings } });
  await setStock(harness.sim, [
    { branchNumber: 1, articleNumber: 100234, quantity: 12 },
    { branchNumber: 2, articleNumber: 100234, quantity: 5 },
    { branchNumber: 1, articleNumber: 100236, quantity: 3 },
  ]);
  return harness;
}

const figures = (readings: readonly StockReading[], sku: string) =>
  readings
    .filter((r) => r.sku === sku)
    .map((r) => [r.warehouseId, r.onHand, r.reserved])
    .sort();

async function failure(work: () => Promise<unknown>): Promise<AppError> {
  try {
    await work();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

t.test('readAll pages the catalogue and reads every branch of the scope', async (t) => {
  const { session } = await seeded(t);
  const first = await readAllStock(session, both, undefined, now, 1);
  t.ok(first.next, 'one product per page: there is a next page');
  const second = await readAllStock(session, both, first.next, now, 1);
  const third = await readAllStock(session, both, second.next, now, 1);
  t.same(
    [third.readings, third.next],
    [[], undefined],
    'a full page may be the last: an empty one ends the read',
  );
  t.same(figures(first.readings, '100234'), [
    ['1', 12, 0],
    ['2', 5, 0],
  ]);
  t.same(
    figures(first.readings, 'BOOK-1'),
    [
      ['1', 0, 0],
      ['2', 0, 0],
    ],
    "the article table's SKU",
  );
  t.same(
    figures(first.readings, 'MUG-01'),
    [
      ['1', 3, 0],
      ['2', 0, 0],
    ],
    'the PLU as SKU',
  );
  t.notOk(
    first.readings.some((r) => r.sku === '100235'),
    'a mapped article is known by its SKU only',
  );
  const costs = second.readings.filter((r) => ['997', '998', '999'].includes(r.sku));
  t.equal(costs.length, 6, 'the cost articles of the second product, in both branches');
  t.ok(
    second.readings.every((r) => /^9\d\d$/.test(r.sku)),
    'only the second product is on the second page',
  );
  const all = await readEverything(source, session, both);
  t.equal(all.pages, 1, 'the default page holds the whole small catalogue');
  t.equal(all.readings.length, first.readings.length + second.readings.length);
});

t.test('one chosen branch, and every branch when the scope is empty', async (t) => {
  const { session } = await seeded(t);
  const branch2 = await readEverything(source, session, { warehouses: ['2'] });
  t.same(figures(branch2.readings, '100234'), [['2', 5, 0]]);
  const every = await readEverything(source, session, { warehouses: [] });
  t.same(figures(every.readings, '100234'), [
    ['1', 12, 0],
    ['2', 5, 0],
  ]);
  const reading = every.readings.find((r) => r.sku === '100234' && r.warehouseId === '1');
  t.ok(reading && Math.abs(reading.sourceTime.getTime() - Date.now()) < 60_000, "Mplus's change time");
});

t.test('an order booked in Mplus reserves stock: on hand stays, free goes down', async (t) => {
  const { session } = await seeded(t);
  const marker = await source.readChanges?.initialMarker(session, both);
  const order = makeOrder({ orderNumber: 'STOCK-1' });
  const prepared = connector.prepareDocument(order, session);
  const debtor = await connector.createDebtor(session, makeCustomer(order), order);
  await connector.createDocument(session, prepared, debtor);
  const all = await readEverything(source, session, both);
  t.same(
    figures(all.readings, '100234'),
    [
      ['1', 12, 2],
      ['2', 5, 0],
    ],
    'two T-shirts reserved in the entry branch',
  );
  const changes = await source.readChanges?.read(session, both, marker ?? '0');
  t.same(
    figures(changes?.readings ?? [], '100234'),
    [
      ['1', 12, 2],
      ['2', 5, 0],
    ],
    'the reservation is a stock change with its own stockId',
  );
});

t.test('readChanges: the marker moves past each change, in limited steps', async (t) => {
  const { sim, session } = await seeded(t);
  const changes = source.readChanges;
  if (!changes) throw new Error('Mplus has a change feed');
  const marker = await changes.initialMarker(session, both);
  t.equal(marker, '3', 'the highest stockId of the three seeded stock rows');
  t.same(await changes.read(session, both, marker), { readings: [], next: marker, more: false }, 'caught up');
  await setStock(sim, [
    { branchNumber: 2, articleNumber: 100234, quantity: 8 },
    { branchNumber: 1, articleNumber: 100236, quantity: 1 },
  ]);
  const step1 = await readStockChanges(session, both, marker, now, 1);
  t.same(step1.next, '4', 'one history row per call: stops after the first');
  t.equal(step1.more, true);
  t.same(
    figures(step1.readings, '100234'),
    [
      ['1', 12, 0],
      ['2', 8, 0],
    ],
    'the changed article in every branch of the scope',
  );
  const step2 = await readStockChanges(session, both, step1.next, now, 1);
  t.same([step2.next, step2.more], ['5', true]);
  t.same(figures(step2.readings, 'MUG-01'), [
    ['1', 1, 0],
    ['2', 0, 0],
  ]);
  const step3 = await readStockChanges(session, both, step2.next, now, 1);
  t.same([step3.readings, step3.next, step3.more], [[], '5', false], 'caught up');
  const branch2Only = await changes.read(session, { warehouses: ['2'] }, marker);
  t.same(
    branch2Only.readings.map((r) => [r.sku, r.warehouseId]),
    [['100234', '2']],
    'scope narrows the feed',
  );
});

t.test('failures: credentials not retried, 5xx and timeouts retried, bad scope refused', async (t) => {
  const wrong = await startHarness(t, { secret: 'wrong' });
  const auth = await failure(() => source.readAll(wrong.session, both, undefined));
  t.same([auth.code, auth.retryable], ['TARGET_AUTH_FAILED', false]);

  const { sim, session } = await seeded(t, { requestTimeoutMs: 300 });
  sim.kit.faults.configure({ rules: [{ kind: 'fail', method: 'POST', path: '/', status: 503, count: 1 }] });
  const down = await failure(() => source.readAll(session, both, undefined));
  t.same([down.code, down.retryable], ['TARGET_UNAVAILABLE', true]);
  sim.kit.faults.configure({
    rules: [{ kind: 'fail', method: 'POST', path: '/', status: 429, retryAfterSeconds: 3, count: 1 }],
  });
  const limited = await failure(() => source.readChanges?.read(session, both, '0') ?? Promise.resolve());
  t.same([limited.code, limited.retryable, limited.retryAfterSeconds], ['TARGET_RATE_LIMITED', true, 3]);
  sim.kit.faults.configure({ latencyMs: 1_000 });
  const slow = await failure(() => source.readAll(session, both, undefined));
  t.same([slow.code, slow.retryable], ['TARGET_UNAVAILABLE', true], 'a timeout');
  sim.kit.faults.configure({ latencyMs: 0 });
  const unknown = await failure(() => source.readAll(session, { warehouses: ['77'] }, undefined));
  t.same([unknown.code, unknown.retryable], ['MPLUS_SOAP_FAULT', false], 'a branch Mplus does not have');
  const named = await failure(() => source.readAll(session, { warehouses: ['Utrecht'] }, undefined));
  t.same([named.code, named.field], ['VALIDATION_FAILED', 'stock.warehouses']);
});
