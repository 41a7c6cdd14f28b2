/**
 * prepareDocument is pure and books the shop's totals to the cent: company and person orders,
 * mixed rates, quantities 1/10/50 of gross-priced lines, shipping, payment fee and coupon, for
 * sales orders and journal pages; a difference qty × price cannot reach is an explicit line.
 */
import { create } from '@bufbuild/protobuf';
import {
  type CanonicalOrder,
  LineKind,
  type OrderLine,
  OrderLineSchema,
  VatRounding,
} from '@koppel/contracts';
import { isAppError } from '@koppel/errors';
import { computeVat, netFromGross } from '@koppel/order-model';
import t, { type Test } from 'tap';
import {
  type AccountviewSession,
  accountviewConnector,
  en16931Violations,
  toDocumentBody,
} from '../../src/index.js';
import {
  buildDiscountLine,
  buildPaymentFeeLine,
  buildProductLine,
  buildShippingLine,
  makeOrder,
  makeSettings,
} from '../fixtures/order-fixtures.js';

const sessionWith = (overrides: Parameters<typeof makeSettings>[0] = {}) =>
  ({ settings: makeSettings(overrides) }) as unknown as AccountviewSession;

/** A line as Shoprenter sends it: a gross unit price, the net derived with 4 decimals' precision. */
function grossLine(sku: string, quantity: number, unitGross: bigint, vatRateBp: number): OrderLine {
  const totalGross = unitGross * BigInt(quantity);
  const totalNet = netFromGross(totalGross, vatRateBp);
  return create(OrderLineSchema, {
    kind: LineKind.PRODUCT,
    sku,
    name: sku,
    quantity,
    unitPriceNet: netFromGross(unitGross, vatRateBp),
    unitPriceGross: unitGross,
    vatRateBp,
    totalNet,
    vatAmount: totalGross - totalNet,
    totalGross,
  });
}

function assertBooksShopTotals(t: Test, order: CanonicalOrder, documentType: 'sales-order' | 'journal-page') {
  const prepared = accountviewConnector.prepareDocument(order, sessionWith({ documentType }));
  const draft = prepared.body;
  t.equal(draft.net, order.totals?.net, `${documentType}: net equals the shop's`);
  t.equal(draft.vat, order.totals?.vat, `${documentType}: VAT equals the shop's`);
  t.equal(draft.gross, order.totals?.gross, `${documentType}: gross equals the shop's`);
  t.same(en16931Violations(draft), [], `${documentType}: EN 16931 arithmetic holds`);
  return draft;
}

const fullOrder = (extra: Partial<Parameters<typeof makeOrder>[0]> = {}) =>
  makeOrder({
    lines: [
      grossLine('TS-RED-M', 1, 5000n, 2100),
      grossLine('BOOK-1', 10, 5000n, 900),
      grossLine('TS-RED-M', 50, 1999n, 2100),
      buildShippingLine({ name: 'PostNL', unitPriceNet: 413n, vatRateBp: 2100 }),
      buildPaymentFeeLine({ name: 'iDEAL', unitPriceNet: 29n, vatRateBp: 2100 }),
      buildDiscountLine({ name: 'Coupon SPRING', totalGross: 500n, vatRateBp: 2100 }),
    ],
    ...extra,
  });

for (const documentType of ['sales-order', 'journal-page'] as const) {
  t.test(
    `${documentType}: mixed rates, 1/10/50 gross-priced, shipping, fee, coupon → the shop's totals`,
    async (t) => {
      for (const rounding of [VatRounding.PER_LINE, VatRounding.PER_RATE]) {
        for (const companyName of ['', 'Jansen BV']) {
          const draft = assertBooksShopTotals(t, fullOrder({ rounding, companyName }), documentType);
          t.notOk(
            draft.lines.some((l) => l.kind === 'rounding'),
            'no rounding line needed',
          );
        }
      }
    },
  );
}

t.test('sales order: unit prices keep four decimals; qty × price gives the line total', async (t) => {
  const draft = accountviewConnector.prepareDocument(fullOrder(), sessionWith()).body;
  const book = draft.lines[1];
  // 10 × 50.00 gross at 9 % = 458.72 net → 45.872 per unit (45.87 would give 458.70).
  t.equal(book?.unitPrice4, 458720n, 'more than two decimals');
  t.equal(book?.net, 45872n);
  const body = toDocumentBody(draft, '10001');
  const rows = body.TableData.DetailData?.[0]?.Rows ?? [];
  t.same(rows[1]?.Values.slice(2), ['BOOK-1', 'BOOK-1', '10', '45.8720', '1'], 'as decimal text on the wire');
  t.same(
    rows.slice(3).map((r) => r.Values[2]),
    ['SHIP', 'FEE', 'DISC'],
    'shipping, payment fee and coupon on their articles',
  );
});

t.test('sales order: a difference qty × price cannot reach becomes an explicit rounding line', async (t) => {
  const odd = create(OrderLineSchema, {
    kind: LineKind.PRODUCT,
    sku: 'BOOK-1',
    name: 'Kookboek',
    quantity: 300,
    unitPriceNet: 333n,
    vatRateBp: 900,
    totalNet: 100000n,
    vatAmount: computeVat(100000n, 900),
    totalGross: 100000n + computeVat(100000n, 900),
  });
  const order = makeOrder({ lines: [odd] });
  const draft = assertBooksShopTotals(t, order, 'sales-order');
  const rounding = draft.lines.find((l) => l.kind === 'rounding');
  t.equal(draft.lines[0]?.net, 99999n, '300 × 3.3333 = 999.99');
  t.equal(rounding?.net, 1n, 'the missing cent is a line of its own');
  t.equal(rounding?.articleCode, 'ROUND');
  t.throws(
    () => accountviewConnector.prepareDocument(order, sessionWith({ roundingArticleCode: undefined })),
    { code: 'ARTICLE_CODE_NOT_SET', field: 'target.settings.roundingArticleCode' },
    'without a rounding article the order is refused, not rounded silently',
  );
  t.same(
    accountviewConnector
      .prepareDocument(order, sessionWith({ documentType: 'journal-page' }))
      .body.lines.map((l) => l.net),
    [100000n],
    'a journal page books the line total as it is',
  );
});

t.test('an unmapped VAT rate is refused before any call, naming the field', async (t) => {
  const order = makeOrder({
    lines: [
      buildProductLine({ name: 'Bike', sku: 'BIKE', quantity: 1, unitPriceNet: 10000n, vatRateBp: 500 }),
    ],
  });
  try {
    accountviewConnector.prepareDocument(order, sessionWith());
    t.fail('expected a refusal');
  } catch (error) {
    t.ok(isAppError(error) && !error.retryable, 'a non-retryable AppError');
    t.match(error, { code: 'VAT_CODE_NOT_MAPPED', field: 'target.settings.vatCodes' });
    t.match(String((error as Error).message), /5 %/, 'naming the rate');
  }
});

t.test('EN 16931: a document whose lines do not add up is named by the rule', async (t) => {
  const draft = accountviewConnector.prepareDocument(makeOrder(), sessionWith()).body;
  const broken = { ...draft, net: draft.net + 1n, gross: draft.gross + 1n };
  t.same(
    en16931Violations(broken).map((v) => v.rule),
    ['BR-CO-10'],
    'sum of line nets ≠ document net',
  );
  const badVat = { ...draft, vat: draft.vat + 1n };
  t.same(
    en16931Violations(badVat).map((v) => v.rule),
    ['BR-CO-14', 'BR-CO-15'],
  );
});

t.test('currency, deterministic number, payment terms', async (t) => {
  t.throws(() => accountviewConnector.prepareDocument(makeOrder({ currency: 'HUF' }), sessionWith()), {
    code: 'CURRENCY_NOT_SUPPORTED',
    field: 'order.currency',
  });
  const draft = accountviewConnector.prepareDocument(makeOrder({ orderNumber: '777' }), sessionWith()).body;
  t.equal(draft.number, 'WEB-777');
  t.equal(draft.paymentTermsCode, '14D', 'the payment method maps to payment terms');
  t.equal(draft.date, '2025-03-01T11:15:00', 'local Amsterdam time');
  const other = accountviewConnector.prepareDocument(
    makeOrder({ paymentMethodCode: 'COD' }),
    sessionWith({ defaultPaymentTermsCode: 'DIRECT' }),
  ).body;
  t.equal(other.paymentTermsCode, 'DIRECT', 'an unmapped method gets the default terms');
});
