/** SOAP Faults, HTTP failures and business results become classified AppErrors. */
import { type AppError, isAppError } from '@koppel/errors';
import t from 'tap';
import { z } from 'zod';
import { mplusConnector as connector } from '../../src/index.js';
import { makeCustomer, makeOrder } from '../fixtures/order-fixtures.js';
import { startHarness } from '../fixtures/simulator-harness.js';

async function failure(work: () => Promise<unknown>): Promise<AppError> {
  try {
    await work();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

t.test('a wrong secret is TARGET_AUTH_FAILED, not retried', async (t) => {
  const { session } = await startHarness(t, { secret: 'wrong' });
  const error = await failure(() => connector.findDebtorByEmail(session, 'a@example.nl'));
  t.equal(error.code, 'TARGET_AUTH_FAILED');
  t.equal(error.retryable, false);
  t.equal(error.field, 'target.credentials.secret');
});

t.test('Server Faults (5xx) and 429 are retryable; Client Faults are not', async (t) => {
  const { sim, session } = await startHarness(t);
  const rule = (status: number, extra: Record<string, unknown> = {}) =>
    sim.kit.faults.configure({
      rules: [{ kind: 'fail', method: 'POST', path: '/', status, count: 1, ...extra }],
    });
  rule(503);
  const unavailable = await failure(() => connector.findDebtorByEmail(session, 'a@example.nl'));
  t.equal(unavailable.code, 'TARGET_UNAVAILABLE');
  t.equal(unavailable.retryable, true);
  t.equal(unavailable.details?.faultcode, 'SOAP-ENV:Server', 'read from the SOAP Fault');
  rule(429, { retryAfterSeconds: 2 });
  const limited = await failure(() => connector.findDebtorByEmail(session, 'a@example.nl'));
  t.equal(limited.code, 'TARGET_RATE_LIMITED');
  t.equal(limited.retryAfterSeconds, 2);
  t.equal(limited.retryable, true);
  rule(400);
  const client = await failure(() => connector.findDebtorByEmail(session, 'a@example.nl'));
  t.equal(client.code, 'MPLUS_SOAP_FAULT');
  t.equal(client.retryable, false);
});

t.test('a SOAP Fault names the element at fault', async (t) => {
  const { session } = await startHarness(t);
  const error = await failure(() => session.client.call('findOrder', {}, z.unknown(), 'order look-up'));
  t.equal(error.code, 'MPLUS_SOAP_FAULT');
  t.match(error.message, /extOrderId/);
  t.equal(error.field, 'findOrder/extOrderId');
});

t.test('business results: an unknown employee is MPLUS_REJECTED with the errorMessage', async (t) => {
  const { session } = await startHarness(t, { settings: { employeeNumber: 4711 } });
  const order = makeOrder({ orderNumber: '6001' });
  const debtor = await connector.createDebtor(session, makeCustomer(order), order);
  const error = await failure(() =>
    connector.createDocument(session, connector.prepareDocument(order, session), debtor),
  );
  t.equal(error.code, 'MPLUS_REJECTED');
  t.equal(error.retryable, false);
  t.match(error.message, /CREATE-ORDER-RESULT-FAILED \(Employee 4711 does not exist\)/);
});

t.test('succeed, then time out: a retryable timeout, and the retry finds the order', async (t) => {
  const { sim, session } = await startHarness(t, { settings: { requestTimeoutMs: 300 } });
  const order = makeOrder({ orderNumber: '6002' });
  const prepared = connector.prepareDocument(order, session);
  const debtor = await connector.createDebtor(session, makeCustomer(order), order);
  sim.kit.faults.configure({
    rules: [{ kind: 'succeed-then-timeout', method: 'POST', path: '/', count: 1, holdMs: 2000 }],
  });
  const timeout = await failure(() => connector.createDocument(session, prepared, debtor));
  t.equal(timeout.code, 'TARGET_UNAVAILABLE');
  t.equal(timeout.retryable, true);
  t.match(timeout.message, /timed out after 300 ms/);
  const found = await connector.findDocument(session, prepared, order);
  t.ok(found, 'the order Mplus committed is found before any second create');
  t.equal(sim.store.state().orders.length, 1);
});
