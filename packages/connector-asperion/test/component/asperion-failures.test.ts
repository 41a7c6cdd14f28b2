import t from 'tap';
import { makeCustomer, makeOrder } from '../fixtures/order-fixtures.js';
import { startHarness } from '../fixtures/simulator-harness.js';

t.test('503 → TARGET_UNAVAILABLE, retryable; the next call succeeds', async (t) => {
  const { connector, session, sim } = await startHarness(t);
  await sim.app.ready();
  sim.kit.faults.configure({ failNext: { count: 1, status: 503, pathPrefix: '/v1/debtors' } });
  await t.rejects(connector.findDebtorByEmail(session, 'a@example.com'), {
    code: 'TARGET_UNAVAILABLE',
    retryable: true,
  });
  t.equal(await connector.findDebtorByEmail(session, 'a@example.com'), null);
});

t.test('429 → TARGET_RATE_LIMITED with retryAfterSeconds from Retry-After', async (t) => {
  const { connector, session, sim } = await startHarness(t);
  await sim.app.ready();
  sim.kit.faults.configure({
    failNext: { count: 1, status: 429, retryAfterSeconds: 17, pathPrefix: '/v1/salesinvoiceswithlines' },
  });
  const order = makeOrder();
  await t.rejects(connector.findDocument(session, connector.prepareDocument(order, session), order), {
    code: 'TARGET_RATE_LIMITED',
    retryable: true,
    retryAfterSeconds: 17,
  });
});

t.test('validation error → TARGET_REJECTED naming the field, not retryable', async (t) => {
  const { connector, session } = await startHarness(t, {
    settings: {
      vatCodes: [
        { vatRateBp: 2100, vatCode: 'ZZ' },
        { vatRateBp: 900, vatCode: 'L' },
      ],
    },
  });
  const order = makeOrder();
  const debtor = await connector.createDebtor(session, makeCustomer(order), order);
  const prepared = connector.prepareDocument(order, session);
  const error = await connector.createDocument(session, prepared, debtor).catch((e: unknown) => e);
  t.match(error, { code: 'TARGET_REJECTED', retryable: false, field: /vatCode/i });
  t.match(error, { details: { status: 400, errors: Object } });
  t.comment(error instanceof Error ? error.message : String(error));
});

t.test('an unknown debtor number is rejected naming debtorCustomerNumber', async (t) => {
  const { connector, session } = await startHarness(t);
  await t.rejects(
    connector.createDocument(session, connector.prepareDocument(makeOrder(), session), {
      targetId: '99999',
      name: '',
      email: '',
    }),
    {
      code: 'TARGET_REJECTED',
      field: /debtorCustomerNumber/i,
    },
  );
});

t.test('timeouts and dropped connections → TARGET_UNAVAILABLE, retryable', async (t) => {
  const { connector, session, sim } = await startHarness(t, { requestTimeoutMs: 200 });
  await connector.findDebtorByEmail(session, 'warm@example.com');
  await sim.app.ready();
  sim.kit.faults.configure({ latencyMs: 1000 });
  await t.rejects(connector.findDebtorByEmail(session, 'a@example.com'), {
    code: 'TARGET_UNAVAILABLE',
    retryable: true,
    message: /timed out after 200 ms/,
  });
  sim.kit.faults.configure({ latencyMs: 0, dropNext: { count: 1, pathPrefix: '/v1/' } });
  await t.rejects(connector.findDebtorByEmail(session, 'a@example.com'), {
    code: 'TARGET_UNAVAILABLE',
    retryable: true,
  });
});

t.test('revoked authorization → TARGET_AUTH_FAILED asking to reconnect', async (t) => {
  const { connector, session, sim } = await startHarness(t);
  await connector.findDebtorByEmail(session, 'a@example.com');
  sim.tokens.revokeRefreshTokens();
  sim.tokens.expireAccessTokens();
  await t.rejects(connector.findDebtorByEmail(session, 'a@example.com'), {
    code: 'TARGET_AUTH_FAILED',
    retryable: false,
    message: /invalid_grant.*Reconnect/,
  });
});

t.test('an administration the user cannot access → TARGET_AUTH_FAILED', async (t) => {
  const { connector, session } = await startHarness(t, { settings: { tenantId: 999 } });
  await t.rejects(connector.findDebtorByEmail(session, 'a@example.com'), {
    code: 'TARGET_AUTH_FAILED',
    retryable: false,
    message: /administration 999/,
  });
});
