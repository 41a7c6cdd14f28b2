import type { SessionServices } from '@koppel/connector-sdk';
import t from 'tap';
import { type AsperionSession, asperionConnector } from '../../src/index.js';
import { buildProductLine, makeCredentials, makeOrder, makeSettings } from '../fixtures/order-fixtures.js';

/** A session whose every I/O fails the test: prepareDocument must not make a call. */
function offlineSession(overrides: Parameters<typeof makeSettings>[0] = {}): AsperionSession {
  const forbidden = () => {
    throw new Error('prepareDocument made a call');
  };
  const services: SessionServices = {
    saveCredentials: forbidden,
    withCredentialsLock: forbidden,
    fetch: forbidden,
    now: forbidden,
    requestTimeoutMs: 1000,
  };
  return asperionConnector.openSession(
    {
      connectionId: 'conn-1',
      tenantId: 'tenant-1',
      settings: makeSettings(overrides),
      credentials: makeCredentials(),
    },
    services,
  );
}

t.test('a HUF order is refused as CURRENCY_NOT_SUPPORTED naming order.currency, not retryable', async (t) => {
  const session = offlineSession();
  t.throws(() => asperionConnector.prepareDocument(makeOrder({ currency: 'HUF' }), session), {
    code: 'CURRENCY_NOT_SUPPORTED',
    field: 'order.currency',
    retryable: false,
    httpStatus: 422,
    message: /euro only.*"HUF"/,
  });
});

t.test('the number and the whole body are prepared without a debtor and without a call', async (t) => {
  const prepared = asperionConnector.prepareDocument(makeOrder(), offlineSession());
  t.equal(prepared.number, 'WEB-10023');
  t.equal(prepared.body.invoiceNumber, 'WEB-10023');
  t.notOk('debtorCustomerNumber' in prepared.body, 'the debtor is added by createDocument');
  t.same(
    [prepared.body.amountExclVat, prepared.body.vatAmount, prepared.body.amountInclVat],
    [63.8, 11.2, 75],
  );
});

t.test('VAT code and ledger account follow the rate and the destination country', async (t) => {
  const session = offlineSession();
  const lines = (order: ReturnType<typeof makeOrder>) =>
    asperionConnector
      .prepareDocument(order, session)
      .body.lines._data.map((line) => [line.description, line.vatCode, line.ledgerAccountId]);
  t.same(
    lines(makeOrder()),
    [
      ['T-shirt x2', 'H', 8000],
      ['Kookboek x1', 'L', 8020],
      ['PostNL', 'H', 8010],
    ],
    'NL: 21 % → H on 8000, 9 % → L on 8020, shipping on its own account',
  );
  const shirt = [
    buildProductLine({ name: 'Shirt', sku: 'S', quantity: 1, unitPriceNet: 2000n, vatRateBp: 2100 }),
  ];
  t.same(
    lines(makeOrder({ lines: shirt, shippingCountry: 'BE' })),
    [['Shirt x1', 'OSS-BE', 8300]],
    'shipped to BE: the BE rules for 21 % win over the rate-only revenue rule',
  );
  const zero = [
    buildProductLine({ name: 'Export', sku: 'X', quantity: 1, unitPriceNet: 1000n, vatRateBp: 0 }),
  ];
  t.same(
    lines(makeOrder({ lines: zero, country: 'US' })),
    [['Export x1', 'N', 8030]],
    '0 %: the rate-only rule',
  );
});

t.test('a rate or country without a rule is refused naming the setting', async (t) => {
  const nine = [
    buildProductLine({ name: 'Boek', sku: 'B', quantity: 1, unitPriceNet: 1000n, vatRateBp: 900 }),
  ];
  t.throws(
    () => asperionConnector.prepareDocument(makeOrder({ lines: nine, country: 'DE' }), offlineSession()),
    {
      code: 'VALIDATION_FAILED',
      field: 'target.settings.vatCodes',
      retryable: false,
    },
  );
  const session = offlineSession({ revenueAccounts: [{ vatRateBp: 2100, ledgerAccountId: 8000 }] });
  t.throws(() => asperionConnector.prepareDocument(makeOrder(), session), {
    code: 'VALIDATION_FAILED',
    field: 'target.settings.revenueAccounts',
  });
});
