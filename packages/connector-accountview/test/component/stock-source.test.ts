/**
 * The AccountView stock source against the real simulator over HTTP: `AK1` articles in
 * `REC_ID` keyset pages, on hand (`QTY_TECH`) and reservations (`QTY_TECH − QTY_AVAIL`) of an
 * open sales order, `CNG_DATE` as the source time, and failures classified for retry.
 */
import type { TargetDebtor } from '@koppel/connector-sdk';
import { readEverything } from '@koppel/connector-sdk/testing';
import { type AppError, isAppError } from '@koppel/errors';
import t from 'tap';
import { accountviewConnector as av, accountviewStockSource as source } from '../../src/index.js';
import { readArticleStock } from '../../src/stock/stock-source.js';
import { ARTICLES, makeCustomer, makeOrder } from '../fixtures/order-fixtures.js';
import { openTestSession, type SimulatedAccountview, startSimulator } from '../fixtures/simulator-harness.js';

const none = { warehouses: [] };

async function setStock(
  sim: SimulatedAccountview,
  rows: { artCode: string; warehouse?: string; quantity: number }[],
) {
  const res = await sim.sim.app.inject({
    method: 'PUT',
    url: '/_control/companies/default/stock',
    payload: { rows },
  });
  if (res.statusCode !== 200) throw new Error(`setting stock failed: ${res.body}`);
}

async function failure(work: () => Promise<unknown>): Promise<AppError> {
  try {
    await work();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

async function started(t: { teardown: (fn: () => unknown) => void }) {
  const sim = await startSimulator();
  t.teardown(() => sim.close());
  return sim;
}

t.test('readAll pages the articles by REC_ID', async (t) => {
  const sim = await started(t);
  const session = openTestSession(sim);
  const skus: string[] = [];
  let page: string | undefined;
  let pages = 0;
  do {
    const answer = await readArticleStock(session, page, 3);
    skus.push(...answer.readings.map((r) => r.sku));
    page = answer.next;
    pages += 1;
  } while (page !== undefined && pages < 10);
  t.equal(pages, 3, '7 articles in pages of 3');
  t.same([...skus].sort(), [...ARTICLES].sort(), 'every article once');
  const all = await readEverything(source, session, none);
  t.equal(all.pages, 1, 'the default page holds them all');
});

t.test('on hand over warehouses, reservations of an open sales order, CNG_DATE as source time', async (t) => {
  const sim = await started(t);
  // The simulator stamps its datetimes in UTC wall-clock time (its README "Datetimes").
  const session = openTestSession(sim, { timeZone: 'UTC' });
  await setStock(sim, [
    { artCode: 'TS-RED-M', quantity: 10 },
    { artCode: 'TS-RED-M', warehouse: 'WS', quantity: 5.5 },
  ]);
  const before = (await readEverything(source, session, none)).readings.find((r) => r.sku === 'TS-RED-M');
  t.match(before, { warehouseId: '', onHand: 15, reserved: 0 }, '15.5 over two warehouses, floored');
  t.ok(
    before && Math.abs(before.sourceTime.getTime() - Date.now()) < 60_000,
    'CNG_DATE read in Europe/Amsterdam',
  );

  const order = makeOrder({ orderNumber: 'STOCK-1' });
  const customer = makeCustomer(order);
  const prepared = av.prepareDocument(order, session);
  const debtor: TargetDebtor = await av.createDebtor(session, customer, order);
  await av.createDocument(session, prepared, debtor);
  const after = (await readEverything(source, session, none)).readings.find((r) => r.sku === 'TS-RED-M');
  t.match(after, { onHand: 15, reserved: 2 }, 'the sales order reserves 2');
  t.ok(after && before && after.sourceTime >= before.sourceTime, 'and the article changed no earlier');
});

t.test('failures: credentials not retried, 5xx retried; warehouses do not apply', async (t) => {
  const sim = await started(t);
  const session = openTestSession(sim);
  const scoped = await source.readAll(session, { warehouses: ['HM'] }, undefined);
  const unscoped = await source.readAll(session, none, undefined);
  t.same(
    scoped.readings.map((r) => [r.sku, r.warehouseId, r.onHand]),
    unscoped.readings.map((r) => [r.sku, r.warehouseId, r.onHand]),
    'AK1 has no warehouses: a scope reads the same totals',
  );
  const rule = (status: number) =>
    sim.sim.kit.faults.configure({
      rules: [{ kind: 'fail', method: 'GET', path: '/api/v3/accountviewdata', status, count: 2 }],
    });
  rule(401);
  const auth = await failure(() => source.readAll(session, none, undefined));
  t.same([auth.code, auth.retryable], ['TARGET_AUTH_FAILED', false], 'a 401 after a fresh token');
  rule(503);
  const down = await failure(() => source.readAll(session, none, undefined));
  t.same([down.code, down.retryable], ['TARGET_UNAVAILABLE', true]);
});

t.test('a timeout is retried', async (t) => {
  const sim = await started(t);
  const session = openTestSession(sim, {}, sim.store, { requestTimeoutMs: 300 });
  await source.readAll(session, none, undefined); // the token first, so only the read is held
  sim.sim.kit.faults.configure({
    rules: [
      {
        kind: 'succeed-then-timeout',
        method: 'GET',
        path: '/api/v3/accountviewdata',
        holdMs: 1_000,
        count: 5,
      },
    ],
  });
  const slow = await failure(() => source.readAll(session, none, undefined));
  t.same([slow.code, slow.retryable], ['TARGET_UNAVAILABLE', true]);
});
