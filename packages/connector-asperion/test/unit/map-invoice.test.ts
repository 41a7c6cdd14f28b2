import { VatRounding } from '@koppel/contracts';
import { AppError } from '@koppel/errors';
import t from 'tap';
import { mapInvoice, toBookDate, toSalesInvoiceBody } from '../../src/index.js';
import {
  buildDiscountLine,
  buildProductLine,
  buildShippingLine,
  makeOrder,
  makeSettings,
} from '../fixtures/order-fixtures.js';

t.test('maps an NL order to invoice lines with exact decimal amounts', async (t) => {
  const draft = mapInvoice(makeOrder(), makeSettings());
  const body = toSalesInvoiceBody(draft);
  t.same(JSON.parse(JSON.stringify(body)), {
    invoiceNumber: 'WEB-10023',
    date: '2025-03-01T00:00:00',
    bookyear: 2025,
    bookperiod: 3,
    journalId: 'VK',
    description: 'Webshop order #10023',
    paymentConditionId: 1,
    status: 1,
    amountExclVat: 63.8,
    amountInclVat: 75,
    vatAmount: 11.2,
    lines: {
      _data: [
        { description: 'T-shirt x2', amount: 41.32, ledgerAccountId: 8000, vatCode: 'H', vatAmount: 8.68 },
        { description: 'Kookboek x1', amount: 18.35, ledgerAccountId: 8020, vatCode: 'L', vatAmount: 1.65 },
        { description: 'PostNL', amount: 4.13, ledgerAccountId: 8010, vatCode: 'H', vatAmount: 0.87 },
      ],
    },
  });
  t.match(JSON.stringify(body), /"amount":41.32,/, 'numbers serialise as the exact decimal text');
});

t.test('large and negative amounts stay exact', async (t) => {
  const lines = [
    buildProductLine({
      name: 'Server',
      sku: 'SRV',
      quantity: 3,
      unitPriceNet: 3_333_333_33n,
      vatRateBp: 2100,
    }),
    buildDiscountLine({ name: '', totalGross: 1210n, vatRateBp: 2100 }),
  ];
  const body = toSalesInvoiceBody(mapInvoice(makeOrder({ lines }), makeSettings()));
  t.equal(JSON.stringify(body.lines._data[0]?.amount), '9999999.99');
  t.equal(body.lines._data[0]?.vatAmount, 2_100_000);
  t.same(body.lines._data[1], {
    description: 'Korting',
    amount: -10,
    ledgerAccountId: 8000,
    vatCode: 'H',
    vatAmount: -2.1,
  });
  t.equal(body.amountExclVat, 9_999_989.99);
});

t.test('VAT code and revenue account follow rate and destination country', async (t) => {
  const order = makeOrder({ country: 'NL', shippingCountry: 'BE' });
  const settings = makeSettings({
    vatCodes: [
      { vatRateBp: 2100, countryCode: 'NL', vatCode: 'H' },
      { vatRateBp: 2100, countryCode: 'BE', vatCode: 'OSS-BE' },
      { vatRateBp: 900, vatCode: 'L' },
    ],
  });
  const draft = mapInvoice(order, settings);
  t.same(
    draft.lines.map((line) => [line.vatCode, line.ledgerAccountId]),
    [
      ['OSS-BE', 8300],
      ['L', 8020],
      ['OSS-BE', 8010],
    ],
    'goods shipped to BE: BE rules win, the 9 % line falls back to the rate-only rule',
  );
  const home = mapInvoice(makeOrder(), settings);
  t.same(
    home.lines.map((line) => line.vatCode),
    ['H', 'L', 'H'],
  );
});

t.test('a rate without a VAT code rule fails naming the setting', async (t) => {
  const lines = [
    buildProductLine({ name: 'Boek', sku: 'B', quantity: 1, unitPriceNet: 1000n, vatRateBp: 900 }),
  ];
  const order = makeOrder({ lines, country: 'DE' });
  t.throws(() => mapInvoice(order, makeSettings()), {
    code: 'VALIDATION_FAILED',
    field: 'target.settings.vatCodes',
    retryable: false,
  });
});

t.test('book date is read in the administration time zone', async (t) => {
  t.same(toBookDate(new Date('2024-12-31T23:30:00Z'), 'Europe/Amsterdam'), {
    date: '2025-01-01T00:00:00',
    bookyear: 2025,
    bookperiod: 1,
  });
  t.same(toBookDate(new Date('2024-12-31T22:59:59Z'), 'Europe/Amsterdam').bookyear, 2024);
  t.same(
    toBookDate(new Date('2025-06-30T22:30:00Z'), 'Europe/Amsterdam').bookperiod,
    7,
    'summer time +02:00',
  );
  t.same(toBookDate(new Date('2025-06-30T22:30:00Z'), 'UTC').bookperiod, 6);
  const draft = mapInvoice(makeOrder({ createdAt: new Date('2024-12-31T23:30:00Z') }), makeSettings());
  t.same([draft.date, draft.bookyear, draft.bookperiod], ['2025-01-01T00:00:00', 2025, 1]);
});

t.test('per-rate rounding moves the rounding difference to the largest line of the rate', async (t) => {
  // 37.50 + 12.50 at 21 %: per line 7.88 + 2.63 = 10.51, per rate 10.50 (README.md).
  const lines = [
    buildProductLine({ name: 'A', sku: 'A', quantity: 1, unitPriceNet: 3750n, vatRateBp: 2100 }),
    buildProductLine({ name: 'B', sku: 'B', quantity: 1, unitPriceNet: 1250n, vatRateBp: 2100 }),
  ];
  const perRate = mapInvoice(makeOrder({ lines, rounding: VatRounding.PER_RATE }), makeSettings());
  t.same(
    perRate.lines.map((l) => l.vatAmount),
    [787n, 263n],
  );
  t.equal(perRate.vatAmount, 1050n);
  const perLine = mapInvoice(makeOrder({ lines, rounding: VatRounding.PER_LINE }), makeSettings());
  t.equal(perLine.vatAmount, 1051n);
});

t.test('totals that do not match the lines are refused', async (t) => {
  const order = makeOrder();
  if (order.totals) order.totals.vat += 1n;
  const error = t.throws(() => mapInvoice(order, makeSettings()));
  t.ok(error instanceof AppError);
  t.match(error, { code: 'VALIDATION_FAILED', field: 'order.totals' });
});

t.test('non-euro orders, zero lines, prefix and final status', async (t) => {
  t.throws(() => mapInvoice(makeOrder({ currency: 'HUF' }), makeSettings()), {
    code: 'CURRENCY_NOT_SUPPORTED',
    field: 'order.currency',
    retryable: false,
  });
  const lines = [
    buildProductLine({ name: 'Sok', sku: 'S', quantity: 1, unitPriceNet: 500n, vatRateBp: 2100 }),
    buildShippingLine({ name: 'Gratis verzending', unitPriceNet: 0n, vatRateBp: 2100 }),
  ];
  const draft = mapInvoice(
    makeOrder({ lines, orderNumber: 'A-7' }),
    makeSettings({ invoiceNumberPrefix: 'SHOP', sendInvoiceAs: 'final', journalId: 'VK2' }),
  );
  t.equal(draft.lines.length, 1, 'free shipping is left out');
  t.equal(draft.invoiceNumber, 'SHOPA-7');
  t.equal(draft.status, 3);
  t.equal(draft.journalId, 'VK2');
});
