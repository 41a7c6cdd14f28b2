/**
 * The Asperion stock source against the real simulator over HTTP: `/v1/articles` page by page
 * with `currentStock` (and the simulator's `reservedStock`), stock set through the control API,
 * and failures classified for retry.
 */
import type { StockReading } from '@koppel/connector-sdk';
import { readEverything } from '@koppel/connector-sdk/testing';
import t from 'tap';
import { asperionStockSource as source } from '../../src/index.js';
import { readArticleStock } from '../../src/stock/stock-source.js';
import { startHarness } from '../fixtures/simulator-harness.js';

const none = { warehouses: [] };
const figures = (readings: readonly StockReading[]) =>
  readings.map((r) => [r.sku, r.ean ?? '', r.warehouseId, r.onHand, r.reserved]).sort();

t.test('readAll pages the active articles', async (t) => {
  const { session } = await startHarness(t);
  const first = await readArticleStock(session, undefined, 2);
  t.equal(first.next, '2');
  const second = await readArticleStock(session, first.next, 2);
  t.equal(second.next, undefined, 'four active articles in pages of two');
  t.same(figures([...first.readings, ...second.readings]), [
    ['BOOK-COOK-01', '9789012345672', '', 7, 1],
    ['SHIPPING', '', '', 0, 0],
    ['TSHIRT-BLK-M', '8712345000011', '', 42, 2],
    ['TSHIRT-WHT-L', '8712345000028', '', 0, 0],
  ]);
  const all = await readEverything(source, session, none);
  t.equal(all.readings.length, 4, 'the inactive MUG-OLD is left out, as Asperion lists by default');
});

t.test('stock set in Asperion (control API) shows in the next read', async (t) => {
  const { sim, session } = await startHarness(t);
  const set = await sim.app.inject({
    method: 'PUT',
    url: '/_control/articles/TSHIRT-WHT-L/stock',
    payload: { currentStock: 9.5, reservedStock: 3 },
  });
  t.equal(set.statusCode, 200);
  const { readings } = await readEverything(source, session, none);
  t.match(
    readings.find((r) => r.sku === 'TSHIRT-WHT-L'),
    { onHand: 9, reserved: 3 },
    '9.5 floored',
  );
});

t.test('failures: credentials not retried, 5xx retried; warehouses do not apply', async (t) => {
  const { sim, session } = await startHarness(t);
  const scoped = await source.readAll(session, { warehouses: ['1'] }, undefined);
  t.equal(scoped.readings.length, 4, 'one stock per article: a scope reads the same articles');
  await sim.app.ready();
  sim.kit.faults.configure({ failNext: { count: 2, status: 401, pathPrefix: '/v1/articles' } });
  await t.rejects(source.readAll(session, none, undefined), { code: 'TARGET_AUTH_FAILED', retryable: false });
  sim.kit.faults.configure({ failNext: { count: 1, status: 503, pathPrefix: '/v1/articles' } });
  await t.rejects(source.readAll(session, none, undefined), { code: 'TARGET_UNAVAILABLE', retryable: true });
  const wrong = await startHarness(t, { credentials: { clientSecret: 'not-the-secret' } });
  await t.rejects(source.readAll(wrong.session, none, undefined), {
    code: 'TARGET_AUTH_FAILED',
    retryable: false,
  });
});

t.test('a timeout is retried', async (t) => {
  const { sim, session } = await startHarness(t, { requestTimeoutMs: 300 });
  await source.readAll(session, none, undefined); // the token first, so only the read is held
  sim.kit.faults.configure({
    rules: [{ kind: 'succeed-then-timeout', method: 'GET', path: '/v1/articles', holdMs: 1_000, count: 5 }],
  });
  await t.rejects(source.readAll(session, none, undefined), { code: 'TARGET_UNAVAILABLE', retryable: true });
});
