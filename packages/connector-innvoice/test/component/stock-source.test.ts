/**
 * The InnVoice stock source against the real simulator over HTTP: per-warehouse stock of
 * `GET /{company}/product`, one chosen warehouse or several (summed by the pipeline), stock that
 * a final invoice takes out, and failures classified for retry.
 */
import type { StockReading } from '@koppel/connector-sdk';
import { readEverything } from '@koppel/connector-sdk/testing';
import { type AppError, isAppError } from '@koppel/errors';
import t from 'tap';
import { innvoiceConnector as connector, innvoiceStockSource as source } from '../../src/index.js';
import { makeCustomer, makeOrder, shirt } from '../fixtures/order-fixtures.js';
import { startHarness } from '../fixtures/simulator-harness.js';

const onHand = (readings: readonly StockReading[], sku: string) =>
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

t.test('every warehouse, one chosen warehouse, or the chosen ones', async (t) => {
  const { session } = await startHarness(t);
  const every = await readEverything(source, session, { warehouses: [] });
  t.equal(every.pages, 1, 'the product list has no paging: one page');
  t.same(onHand(every.readings, 'TSHIRT-BLK-M'), [
    ['1', 25, 0],
    ['2', 3, 0],
  ]);
  t.same(
    onHand(every.readings, 'BOOK-HU-01'),
    [
      ['1', 12, 0],
      ['2', 0, 0],
    ],
    'a warehouse without a line for the product counts 0',
  );
  const shirtReading = every.readings.find((r) => r.sku === 'TSHIRT-BLK-M');
  t.ok(shirtReading?.ean, 'with its EAN');
  const shop = await readEverything(source, session, { warehouses: ['2'] });
  t.same(shop.readings.map((r) => [r.sku, r.warehouseId, r.onHand]).sort(), [
    ['BOOK-HU-01', '2', 0],
    ['MUG-001', '2', 0],
    ['TSHIRT-BLK-M', '2', 3],
  ]);
  const both = await readEverything(source, session, { warehouses: ['1', '2'] });
  const sum = both.readings.filter((r) => r.sku === 'TSHIRT-BLK-M').reduce((s, r) => s + r.onHand, 0);
  t.equal(sum, 28, 'the sum of the chosen warehouses');
});

t.test('stock set in the simulator and taken out by a final invoice', async (t) => {
  const { sim, session } = await startHarness(t, { settings: { stockWarehouseId: 2 } });
  const set = await sim.app.inject({
    method: 'PUT',
    url: '/_control/companies/koppeldemo/products/TSHIRT-BLK-M/stock',
    payload: { warehouseId: 2, quantity: 7.5 },
  });
  t.equal(set.statusCode, 200);
  const before = await readEverything(source, session, { warehouses: ['2'] });
  t.same(onHand(before.readings, 'TSHIRT-BLK-M'), [['2', 7, 0]], '7.5 is floored to 7');
  const order = makeOrder({ orderNumber: 'STOCK-1', lines: [shirt(2)] });
  const prepared = connector.prepareDocument(order, session);
  const debtor = await connector.createDebtor(session, makeCustomer(order), order);
  await connector.createDocument(session, prepared, debtor);
  const after = await readEverything(source, session, { warehouses: ['2'] });
  t.same(onHand(after.readings, 'TSHIRT-BLK-M'), [['2', 5, 0]], 'the invoice took 2 out of warehouse 2');
});

t.test('failures: credentials not retried, 5xx retried, unknown warehouse refused', async (t) => {
  const wrong = await startHarness(t, { password: 'wrong' });
  const auth = await failure(() => source.readAll(wrong.session, { warehouses: [] }, undefined));
  t.same([auth.code, auth.retryable], ['TARGET_AUTH_FAILED', false]);
  const { sim, session } = await startHarness(t);
  await sim.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: { rules: [{ kind: 'fail', method: 'GET', pathPrefix: '/koppeldemo/product', status: 503 }] },
  });
  const down = await failure(() => source.readAll(session, { warehouses: [] }, undefined));
  t.same([down.code, down.retryable], ['TARGET_UNAVAILABLE', true]);
  const unknown = await failure(() => source.readAll(session, { warehouses: ['9'] }, undefined));
  t.same([unknown.code, unknown.field, unknown.retryable], ['VALIDATION_FAILED', 'stock.warehouses', false]);
});

t.test('a timeout is retried', async (t) => {
  const { sim, session } = await startHarness(t, { requestTimeoutMs: 300 });
  await sim.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: {
      rules: [{ kind: 'succeed-then-timeout', method: 'GET', path: '/koppeldemo/product', holdMs: 1_000 }],
    },
  });
  const slow = await failure(() => source.readAll(session, { warehouses: [] }, undefined));
  t.same([slow.code, slow.retryable], ['TARGET_UNAVAILABLE', true]);
});
