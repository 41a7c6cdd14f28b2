import { VatRounding } from '@koppel/contracts';
import { isAppError } from '@koppel/errors';
import {
  buildDiscountLine,
  buildPaymentFeeLine,
  buildProductLine,
  buildShippingLine,
} from '@koppel/order-model';
import t from 'tap';
import { type MplusOrderDraft, mapOrder, toCents } from '../../src/index.js';
import { makeOrder, makeSettings } from '../fixtures/order-fixtures.js';

const sent = (draft: MplusOrderDraft) =>
  draft.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity - l.discount, 0n);

function codeOf(work: () => unknown): {
  code?: string;
  message?: string;
  field?: string;
  details?: Record<string, unknown>;
} {
  try {
    work();
  } catch (error) {
    if (isAppError(error))
      return { code: error.code, message: error.message, field: error.field, details: error.details };
    throw error;
  }
  return {};
}

t.test('a non-numeric SKU without a mapping is refused before any write, naming the SKU', async (t) => {
  const order = makeOrder({
    lines: [
      buildProductLine({ name: 'Mug', sku: 'MUG-RED', quantity: 1, unitPriceNet: 1000n, vatRateBp: 2100 }),
    ],
  });
  const error = codeOf(() => mapOrder(order, makeSettings()));
  t.equal(error.code, 'MPLUS_ARTICLE_NOT_MAPPED');
  t.match(error.message, /"MUG-RED"/, 'the message names the SKU');
  t.equal(error.field, 'order.lines[0].sku');
  t.same(error.details, { sku: 'MUG-RED' });
});

t.test('SKUs: digits pass as they are, the table maps others, PLU look-up is deferred', async (t) => {
  const order = makeOrder({
    lines: [
      buildProductLine({ name: 'T-shirt', sku: '100234', quantity: 1, unitPriceNet: 1000n, vatRateBp: 2100 }),
      buildProductLine({ name: 'Book', sku: 'BOOK-1', quantity: 1, unitPriceNet: 1000n, vatRateBp: 900 }),
      buildProductLine({ name: 'Mug', sku: 'MUG-01', quantity: 1, unitPriceNet: 1000n, vatRateBp: 2100 }),
    ],
  });
  const draft = mapOrder(order, makeSettings({ lookupSkuAsPlu: true }));
  t.same(
    draft.lines.map((l) => l.article),
    [{ articleNumber: '100234' }, { articleNumber: '100235' }, { plu: 'MUG-01' }],
  );
  t.equal(
    codeOf(() => mapOrder(order, makeSettings())).code,
    'MPLUS_ARTICLE_NOT_MAPPED',
    'no PLU look-up: refused',
  );
});

t.test('tax code and revenue account (turnover group) per destination country', async (t) => {
  const nl = mapOrder(makeOrder(), makeSettings());
  t.same(
    nl.lines.map((l) => [l.vatCode, l.turnoverGroup]),
    [
      [2, 800],
      [1, 800],
      [2, 800],
    ],
    'NL: rate-only rules and the default turnover group',
  );
  const de = mapOrder(
    makeOrder({
      country: 'DE',
      lines: [
        buildProductLine({
          name: 'T-shirt',
          sku: '100234',
          quantity: 2,
          unitPriceNet: 2066n,
          vatRateBp: 1900,
        }),
        buildShippingLine({ name: 'DHL', unitPriceNet: 413n, vatRateBp: 1900 }),
      ],
    }),
    makeSettings(),
  );
  t.same(
    de.lines.map((l) => [l.vatCode, l.turnoverGroup]),
    [
      [4, 810],
      [4, 810],
    ],
    'DE (OSS): the German 19 % code and the German turnover group',
  );
  const fr = makeOrder({
    country: 'FR',
    lines: [
      buildProductLine({ name: 'T', sku: '100234', quantity: 1, unitPriceNet: 1000n, vatRateBp: 2000 }),
    ],
  });
  const error = codeOf(() => mapOrder(fr, makeSettings()));
  t.equal(error.code, 'MPLUS_TAX_CODE_NOT_CONFIGURED');
  t.match(error.message, /20 % \(FR\)/);
  t.equal(error.field, 'target.settings.taxCodes');
  const noGroup = codeOf(() =>
    mapOrder(makeOrder(), makeSettings({ revenueAccounts: [{ countryCode: 'DE', turnoverGroup: 810 }] })),
  );
  t.equal(noGroup.code, 'MPLUS_REVENUE_ACCOUNT_NOT_CONFIGURED');
});

t.test('cents incl. VAT: totals to the cent for quantities 1, 10 and 50 and mixed rates', async (t) => {
  for (const quantity of [1, 10, 50]) {
    for (const rounding of [VatRounding.PER_LINE, VatRounding.PER_RATE]) {
      const order = makeOrder({
        rounding,
        lines: [
          buildProductLine({ name: 'A', sku: '100234', quantity, unitPriceNet: 826n, vatRateBp: 2100 }),
          buildProductLine({ name: 'B', sku: '100235', quantity, unitPriceNet: 1835n, vatRateBp: 900 }),
          buildProductLine({ name: 'C', sku: '100237', quantity, unitPriceNet: 333n, vatRateBp: 900 }),
          buildShippingLine({ name: 'PostNL', unitPriceNet: 413n, vatRateBp: 2100 }),
          buildPaymentFeeLine({ name: 'iDEAL', unitPriceNet: 29n, vatRateBp: 2100 }),
          buildDiscountLine({ name: 'Coupon', totalGross: -500n, vatRateBp: 2100 }),
        ],
      });
      const draft = mapOrder(order, makeSettings({ paymentFeeArticleNumber: 999 }));
      const shop = order.totals;
      const label = `quantity ${quantity}, ${rounding === VatRounding.PER_LINE ? 'per line' : 'per rate'}`;
      t.equal(sent(draft), shop?.gross, `${label}: Mplus line amounts add up to the shop's gross`);
      t.same(
        draft.totals,
        { net: shop?.net, vat: shop?.vat, gross: shop?.gross },
        `${label}: net, VAT, gross`,
      );
      for (const line of draft.lines)
        t.ok(line.discount >= 0n && line.discount < line.quantity, 'rest < quantity');
      const rounding_ = draft.lines.filter((l) => l.rounding);
      if (rounding === VatRounding.PER_LINE) t.equal(rounding_.length, 0, `${label}: no rounding line`);
      else
        t.ok(
          rounding_.every((l) => l.net === 0n && l.quantity === 1n),
          `${label}: rounding lines carry VAT only`,
        );
    }
  }
});

t.test("the shop's per-rate rounding difference is an explicit rounding line", async (t) => {
  // 37.50 + 12.50 at 21 %: per line 7.88 + 2.63 = 10.51 VAT, per rate 50.00 x 21 % = 10.50.
  const order = makeOrder({
    rounding: VatRounding.PER_RATE,
    lines: [
      buildProductLine({ name: 'A', sku: '100234', quantity: 1, unitPriceNet: 3750n, vatRateBp: 2100 }),
      buildProductLine({ name: 'B', sku: '100234', quantity: 1, unitPriceNet: 1250n, vatRateBp: 2100 }),
    ],
  });
  const draft = mapOrder(order, makeSettings());
  const rounding = draft.lines.find((l) => l.rounding);
  t.same(rounding?.article, { articleNumber: '998' });
  t.equal(rounding?.unitPrice, -1n, 'minus one cent');
  t.equal(sent(draft), 6050n, 'the shop gross 50.00 + 10.50');
  const missing = codeOf(() => mapOrder(order, makeSettings({ roundingArticleNumber: undefined })));
  t.equal(missing.code, 'MPLUS_LINE_ARTICLE_NOT_CONFIGURED');
});

t.test('an order whose totals do not add up breaks an EN 16931 rule and names it', async (t) => {
  const order = makeOrder();
  if (order.totals) order.totals.gross += 1n;
  const error = codeOf(() => mapOrder(order, makeSettings()));
  t.equal(error.code, 'EN16931_RULE_BROKEN');
  t.equal(error.details?.rule, 'KOPPEL-SHOP-TOTALS');
  const lineVat = makeOrder();
  const first = lineVat.lines[0];
  if (first) {
    first.vatAmount += 3n;
    first.totalGross += 3n;
  }
  const vatError = codeOf(() => mapOrder(lineVat, makeSettings()));
  t.equal(vatError.details?.rule, 'BR-S-09', 'VAT of a rate far from base x rate');
});

t.test('VAT method: inclusive, exclusive, and shifted for EU B2B reverse charge', async (t) => {
  t.equal(mapOrder(makeOrder(), makeSettings()).vatMethod, 'VAT-METHOD-INCLUSIVE');
  const exclusive = mapOrder(makeOrder(), makeSettings({ vatMethod: 'exclusive' }));
  t.equal(exclusive.vatMethod, 'VAT-METHOD-EXCLUSIVE');
  t.equal(sent(exclusive), makeOrder().totals?.net, 'excl.: the line amounts add up to the net');
  const b2b = makeOrder({
    country: 'BE',
    companyName: 'Acme BV',
    vatNumber: 'BE0123456789',
    lines: [buildProductLine({ name: 'T', sku: '100234', quantity: 10, unitPriceNet: 826n, vatRateBp: 0 })],
  });
  t.equal(
    mapOrder(b2b, makeSettings({ textArticleNumber: '995' })).vatMethod,
    'VAT-METHOD-SHIFTED',
    'reverse charge',
  );
  const noText = codeOf(() => mapOrder(b2b, makeSettings()));
  t.equal(noText.code, 'VALIDATION_FAILED', 'reverse charge without a text article for the legal text');
  t.equal(noText.field, 'target.settings.textArticleNumber', 'names the setting to add');
  const forced = codeOf(() => mapOrder(makeOrder(), makeSettings({ vatMethod: 'shifted' })));
  t.equal(forced.code, 'VALIDATION_FAILED', 'shifted refused for an order with VAT');
});

t.test('reverse charge is decided by the shared EU VAT-number rule (@koppel/order-model)', async (t) => {
  const zero = () => [
    buildProductLine({ name: 'T', sku: '100234', quantity: 10, unitPriceNet: 826n, vatRateBp: 0 }),
  ];
  const settings = makeSettings({ textArticleNumber: '995', reverseChargeTaxCode: 9 });
  const textOf = (draft: MplusOrderDraft) =>
    draft.lines.find((l) => 'articleNumber' in l.article && l.article.articleNumber === '995')?.text;
  const greek = mapOrder(
    makeOrder({ country: 'GR', companyName: 'Acme AE', vatNumber: 'el 123.456-789', lines: zero() }),
    settings,
  );
  t.equal(greek.vatMethod, 'VAT-METHOD-SHIFTED', "Greece's EL prefix");
  t.equal(textOf(greek), 'BTW verlegd / VAT reverse-charged EL123456789', 'the number as VIES writes it');
  const cases = [
    ['a person with a VAT number', { vatNumber: 'BE0123456789' }],
    ["another state's VAT number", { companyName: 'Acme BV', vatNumber: 'DE123456789' }],
    ['a malformed VAT number', { companyName: 'Acme BV', vatNumber: 'BE1' }],
    ['the home country', { country: 'NL', companyName: 'Acme BV', vatNumber: 'NL001234567B01' }],
  ] as const;
  for (const [label, overrides] of cases) {
    const draft = mapOrder(makeOrder({ country: 'BE', lines: zero(), ...overrides }), settings);
    t.equal(draft.vatMethod, 'VAT-METHOD-INCLUSIVE', `${label}: no reverse charge`);
    t.equal(textOf(draft), undefined, `${label}: no legal text`);
  }
});

t.test('currency, line articles and cents at the edge', async (t) => {
  t.equal(
    codeOf(() => mapOrder(makeOrder({ currency: 'HUF' }), makeSettings())).code,
    'CURRENCY_NOT_SUPPORTED',
  );
  const fee = makeOrder({
    lines: [
      buildProductLine({ name: 'A', sku: '100234', quantity: 1, unitPriceNet: 1000n, vatRateBp: 2100 }),
      buildPaymentFeeLine({ name: 'Fee', unitPriceNet: 100n, vatRateBp: 2100 }),
    ],
  });
  const error = codeOf(() => mapOrder(fee, makeSettings()));
  t.equal(error.code, 'MPLUS_LINE_ARTICLE_NOT_CONFIGURED');
  t.equal(error.field, 'target.settings.paymentFeeArticleNumber');
  t.equal(toCents(12345n, 'EUR'), 12345n);
  t.equal(toCents(123n, 'JPY'), 12300n);
  t.equal(toCents(12345n, 'KWD'), 1235n, 'half-up from three digits');
  t.equal(toCents(-12345n, 'KWD'), -1235n, 'half away from zero');
});
