import t from 'tap';
import { LineKind } from '@koppel/contracts';
import { decodeTillOrder } from '../../src/source/decode-till-order.js';
import { ignoredReasonOf } from '../../src/source/poll-till-orders.js';
import { scaleHalfAwayFromZero } from '../../src/source/map-till-lines.js';

const context = { connectionId: 'c', tenantId: 't', eventType: 'till_order', receivedAt: new Date(0) };
const relation = {
  relationNumber: '1001',
  name: 'Anna de Vries',
  email: 'anna@example.nl',
  address: 'Kerkstraat 12',
  zipcode: '1234 AB',
  city: 'Utrecht',
  country: 'NL',
};

type Line = { articleNumber: string; text?: string; data: Record<string, string> };
function payload(lines: Line[], totalInclAmount: string, extra: Record<string, unknown> = {}) {
  const order = {
    orderId: 'A1B2',
    syncMarker: '7',
    orderNumber: { year: '2025', number: '1001' },
    relationNumber: '1001',
    entryTimestamp: { sec: '9', min: '5', hour: '14', day: '1', mon: '3', year: '2025' },
    vatMethod: 'VAT-METHOD-INCLUSIVE',
    totalInclAmount,
    lineList: { line: lines },
    ...extra,
  };
  return new TextEncoder().encode(JSON.stringify({ order, relation, currency: 'EUR' }));
}

t.test('cents incl. VAT become exact minor units; the gross is the till total', async (t) => {
  for (const quantity of [1, 10, 50]) {
    const order = decodeTillOrder(
      payload(
        [
          {
            articleNumber: '100236',
            text: 'Mok',
            data: { quantity: String(quantity), price: '999', vatPercentage: '21' },
          },
          {
            articleNumber: '100237',
            text: 'Thee',
            data: { quantity: '1', price: '540', vatPercentage: '9' },
          },
        ],
        String(999 * quantity + 540),
      ),
      context,
    );
    t.equal(order.totals?.gross, BigInt(999 * quantity + 540), `gross for ${quantity} units`);
    t.equal(order.totals?.gross, (order.totals?.net ?? 0n) + (order.totals?.vat ?? 0n));
    t.equal(order.lines[0]?.sku, '100236', 'the article number is the SKU');
    t.equal(
      order.lines.reduce((sum, l) => sum + l.totalGross, 0n),
      BigInt(999 * quantity + 540),
    );
  }
});

t.test('the relation is the customer; the order number is the till number', async (t) => {
  const order = decodeTillOrder(
    payload(
      [{ articleNumber: '100236', data: { quantity: '1', price: '1000', vatPercentage: '21' } }],
      '1000',
    ),
    context,
  );
  t.equal(order.customer?.email, 'anna@example.nl');
  t.equal(order.customer?.lastName, 'de Vries');
  t.equal(order.orderNumber, '2025-1001');
  t.equal(order.externalId, 'A1B2');
  t.equal(order.billingAddress?.houseNumber, '12');
  t.equal(order.lines[0]?.totalNet, 826n, 'net = 1000 / 1.21 half-up');
});

t.test('decimal quantities and discounts are priced as the till does, half away from zero', async (t) => {
  t.equal(scaleHalfAwayFromZero(999n, 125n, 100n), 1249n, '9.99 × 1.25 = 12.4875 → 12.49');
  t.equal(scaleHalfAwayFromZero(-5n, 1n, 2n), -3n, '-2.5 → -3');
  const order = decodeTillOrder(
    payload(
      [
        {
          articleNumber: '100237',
          text: 'Kaas',
          data: {
            quantity: '125',
            decimalPlaces: '2',
            price: '999',
            vatPercentage: '9',
            discountPercentage: '10',
          },
        },
      ],
      '1124',
    ),
    context,
  );
  t.equal(order.lines[0]?.quantity, 1);
  t.match(order.lines[0]?.name, /1\.25/);
  t.equal(order.totals?.gross, 1124n, '12.49 − 10 % (1.25) = 11.24');
});

t.test('a cent of till rounding is an explicit line; more is refused', async (t) => {
  const order = decodeTillOrder(
    payload(
      [{ articleNumber: '100236', data: { quantity: '1', price: '1000', vatPercentage: '21' } }],
      '1001',
    ),
    context,
  );
  const rounding = order.lines.at(-1);
  t.equal(rounding?.name, 'Rounding (till)');
  t.equal(rounding?.kind, LineKind.PRODUCT);
  t.equal(rounding?.totalGross, 1n);
  t.throws(
    () =>
      decodeTillOrder(
        payload(
          [{ articleNumber: '100236', data: { quantity: '1', price: '1000', vatPercentage: '21' } }],
          '2000',
        ),
        context,
      ),
    { code: 'DECODE_FAILED', field: 'order.totalInclAmount' },
  );
  t.throws(
    () =>
      decodeTillOrder(
        payload([{ articleNumber: '100236', data: { quantity: '1', price: '1000' } }], '1000'),
        context,
      ),
    { code: 'DECODE_FAILED', field: 'order.lineList.line[0].data.vatPercentage' },
  );
});

t.test('exclusive and shifted VAT methods', async (t) => {
  const excl = decodeTillOrder(
    payload(
      [{ articleNumber: '100236', data: { quantity: '2', price: '826', vatPercentage: '21' } }],
      '1999',
      { vatMethod: 'VAT-METHOD-EXCLUSIVE' },
    ),
    context,
  );
  t.equal(excl.lines[0]?.totalNet, 1652n);
  t.equal(excl.totals?.gross, 1999n, '1652 + 347 VAT');
  const shifted = decodeTillOrder(
    payload(
      [{ articleNumber: '100236', data: { quantity: '2', price: '826', vatPercentage: '21' } }],
      '1652',
      { vatMethod: 'VAT-METHOD-SHIFTED' },
    ),
    context,
  );
  t.equal(shifted.lines[0]?.vatRateBp, 0);
  t.equal(shifted.totals?.vat, 0n);
});

t.test("Koppel's own orders, history and walk-in sales are ignored", async (t) => {
  const settings = { ignoredExtOrderIdPrefixes: ['WEB-'] };
  const base = {
    orderId: 'X',
    syncMarker: '1',
    totalInclAmount: '0',
    lineList: [],
    entryTimestamp: { sec: '0', min: '0', hour: '12', day: '1', mon: '3', year: '2025' },
  };
  t.match(ignoredReasonOf({ ...base, extOrderId: 'WEB-1042' }, relation, settings, undefined), /WEB-/);
  t.match(ignoredReasonOf(base, relation, settings, '2025-03-02T00:00:00Z'), /before/);
  t.match(ignoredReasonOf(base, { relationNumber: '1' }, settings, undefined), /e-mail/);
  t.equal(ignoredReasonOf(base, relation, settings, '2025-03-01T00:00:00Z'), undefined);
  t.equal(
    ignoredReasonOf(base, relation, settings, '2025-03-01T12:00:00.400Z'),
    undefined,
    'an order in the same (whole) second as since is not lost: Mplus gives whole seconds',
  );
  t.match(ignoredReasonOf(base, relation, settings, '2025-03-01T12:00:01.000Z'), /before/);
});

t.test("the till's exact unit price is kept; the line totals are rounded once", async (t) => {
  const decode = (data: Record<string, string>, total: string, vatMethod = 'VAT-METHOD-INCLUSIVE') =>
    decodeTillOrder(payload([{ articleNumber: '100236', text: 'Mok', data }], total, { vatMethod }), context);
  const plain = decode({ quantity: '3', price: '333', vatPercentage: '21' }, '999');
  t.equal(plain.lines.length, 1, 'one line, no rounding line');
  t.match(plain.lines[0], {
    quantity: 3,
    unitPriceGrossExact: '3.3300',
    totalGross: 999n,
    totalNet: 826n, // 9.99 / 1.21 rounded once, not 3 × round(3.33 / 1.21) = 825
    vatAmount: 173n,
  });
  const discounted = decode(
    { quantity: '3', price: '1000', vatPercentage: '21', discountAmount: '1' },
    '2999',
  );
  t.match(discounted.lines, [{ quantity: 3, unitPriceGrossExact: '9.9967', totalGross: 2999n }]);
  const many = decode({ quantity: '150', price: '1000', vatPercentage: '9', discountAmount: '2' }, '149998');
  t.match(
    many.lines.map((l) => [l.quantity, l.unitPriceGrossExact, l.totalGross]),
    [
      [150, '9.9999', 149999n],
      [1, '', -1n],
    ],
    'where 4 decimals cannot carry the cent back, an explicit rounding line',
  );
  t.equal(many.totals?.gross, 149998n);
  const exclusive = decode(
    { quantity: '3', priceExcl: '333', vatPercentage: '21' },
    '1209',
    'VAT-METHOD-EXCLUSIVE',
  );
  t.match(exclusive.lines, [{ quantity: 3, unitPriceNetExact: '3.3300', totalNet: 999n, vatAmount: 210n }]);
});
