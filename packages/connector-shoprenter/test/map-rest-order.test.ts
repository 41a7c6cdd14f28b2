import type { SourceEvent } from '@koppel/connector-sdk';
import { LineKind } from '@koppel/contracts';
import t from 'tap';
import {
  type RestOrderBundle,
  restOrderToEvent,
  restOrderToPayload,
  shoprenterConnector,
} from '../src/index.js';
import { currencyFromValueText } from '../src/map-rest-order.js';
import { restOrderProductSchema, restOrderSchema, restOrderTotalSchema } from '../src/rest-schemas.js';
import { contextFor } from './fixture-files.js';

/** A REST order as `GET /orders?full=1` answers it (JSON: every scalar a string, empties `{}`/null). */
function restOrder(overrides: Record<string, unknown> = {}) {
  return restOrderSchema.parse({
    id: 'b3JkZXItb3JkZXJfaWQ9MTE1',
    innerId: '115',
    firstname: 'Anna',
    lastname: 'de Vries',
    phone: '+31201234567',
    fax: {},
    email: 'anna@example.nl',
    shippingFirstname: 'Anna',
    shippingLastname: 'de Vries',
    shippingCompany: null,
    shippingAddress1: 'Kerkstraat 12a',
    shippingAddress2: '',
    shippingCity: 'Utrecht',
    shippingPostcode: '3511 AB',
    shippingCountryName: 'Netherlands',
    shippingZoneName: '',
    shippingMethodName: 'PostNL',
    shippingMethodTaxRate: '21.0000',
    shippingMethodExtension: 'WSESHIP',
    paymentFirstname: 'Anna',
    paymentLastname: 'de Vries',
    paymentCompany: '',
    paymentAddress1: 'Kerkstraat 12a',
    paymentAddress2: '',
    paymentCity: 'Utrecht',
    paymentPostcode: '3511 AB',
    paymentCountryName: 'Netherlands',
    paymentZoneName: '',
    paymentMethodName: 'iDEAL',
    paymentMethodCode: 'BANK_TRANSFER',
    paymentMethodTaxRate: '21.0000',
    taxNumber: '',
    comment: 'Leave at the door',
    dateCreated: '2025-03-01T10:15:00',
    dateUpdated: '2025-03-01T10:15:00',
    orderStatus: { href: 'http://shop.test/api/orderStatuses/b3JkZXJTdGF0dXMtb3JkZXJfc3RhdHVzX2lkPTE=' },
    customer: null,
    ...overrides,
  });
}

const line = (fields: Record<string, unknown>) =>
  restOrderProductSchema.parse({ stock1: '0', stock2: '0', stock3: '0', stock4: '0', gtin: {}, ...fields });

const total = (type: string, value: string, valueText: string) =>
  restOrderTotalSchema.parse({ type, value, valueText });

/** A person's order in EUR: two rates, a quantity spread over two warehouses, a shipping fee. */
function personBundle(overrides: Partial<RestOrderBundle> = {}): RestOrderBundle {
  return {
    order: restOrder(),
    lines: [
      line({
        innerId: '301',
        name: 'Mug',
        sku: 'MUG-01',
        modelNumber: 'M1',
        price: '12.4000',
        grossPrice: '15.0040',
        taxRate: '21.0000',
        stock1: '2',
      }),
      line({
        innerId: '302',
        name: 'Tea',
        sku: 'TEA-01',
        gtin: '8712345678906',
        price: '4.9500',
        grossPrice: '5.3955',
        taxRate: '9.0000',
        stock1: '1',
        stock3: '2',
      }),
    ],
    totals: [
      total('SUB_TOTAL', '39.6500', '39,65 Eur'),
      total('SHIPPING', '4.1300', '4,13 Eur'),
      total('TAX', '6.0800', '6,08 Eur'),
      total('TAX', '1.3400', '1,34 Eur'),
      total('TOTAL', '51.2000', '51,20 Eur'),
    ],
    status: { id: '1', text: 'Pending' },
    ...overrides,
  };
}

function decode(event: SourceEvent) {
  return shoprenterConnector.decodeOrder(event.payload, contextFor(event));
}

t.test('a person order converts to a payload that decodes to the right lines and totals', async (t) => {
  const event = restOrderToEvent(personBundle(), 'demo');
  t.match(event, { eventType: 'order_confirm', eventKey: 'order:115:status:1', externalOrderId: '115' });
  const order = decode(event);
  t.match(order, {
    externalId: '115',
    orderNumber: '115',
    currency: 'EUR',
    sourceStatusCode: '1',
    sourceStatusText: 'Pending',
    comment: 'Leave at the door',
    paymentMethodCode: 'BANK_TRANSFER',
    shippingMethodCode: 'WSESHIP',
    shippingMethodName: 'PostNL',
  });
  t.same(
    order.lines.map((l) => [l.kind, l.sku, l.quantity, l.unitPriceNet, l.vatRateBp, l.totalNet, l.vatAmount]),
    [
      [LineKind.PRODUCT, 'MUG-01', 2, 1240n, 2100, 2480n, 521n],
      [LineKind.PRODUCT, 'TEA-01', 3, 495n, 900, 1485n, 134n],
      [LineKind.SHIPPING, '', 1, 413n, 2100, 413n, 87n],
    ],
    'quantity = stock1..stock4; shipping fee at the method rate; no zero payment fee',
  );
  t.equal(order.lines[1]?.ean, '8712345678906');
  t.equal(order.lines[0]?.sourceLineId, '301');
  t.match(order.totals, { net: 4378n, vat: 742n, gross: 5120n });
  t.match(order.customer, {
    email: 'anna@example.nl',
    firstName: 'Anna',
    lastName: 'de Vries',
    companyName: '',
    vatNumber: '',
  });
  t.match(order.billingAddress, {
    street: 'Kerkstraat',
    houseNumber: '12',
    countryCode: 'NL',
    city: 'Utrecht',
  });
  t.equal(order.createdAt?.seconds, BigInt(Date.parse('2025-03-01T09:15:00Z') / 1000), 'shop time is CET');
});

t.test('a company order in HUF with a payment fee', async (t) => {
  const bundle = personBundle({
    order: restOrder({
      innerId: '116',
      paymentCompany: 'Kovacs Kft',
      taxNumber: '12345678-2-06',
      paymentCountryName: 'Hungary',
      shippingCountryName: 'Hungary',
      paymentMethodName: 'Cash on delivery',
      paymentMethodCode: 'COD',
      paymentMethodTaxRate: '27.0000',
      shippingMethodTaxRate: '27.0000',
      dateUpdated: '2025-03-02T08:00:00',
    }),
    lines: [
      line({
        innerId: '1',
        name: 'Mug',
        sku: 'MUG-01',
        price: '4500',
        grossPrice: '5715',
        taxRate: '27',
        stock1: '2',
      }),
    ],
    totals: [
      total('SUB_TOTAL', '9000', '9.000 Huf'),
      total('SHIPPING', '1000', '1.000 Huf'),
      total('PAYMENT', '200', '200 Huf'),
      total('TAX', '2754', '2.754 Huf'),
      total('TOTAL', '12954', '12.954 Huf'),
    ],
    status: { id: '3', text: 'Shipped' },
  });
  const event = restOrderToEvent(bundle, 'demo');
  t.match(
    event,
    { eventType: 'order_status_change', eventKey: 'order:116:status:3' },
    'updated after creation',
  );
  const order = decode(event);
  t.equal(order.currency, 'HUF', 'the currency comes from the TOTAL row');
  t.match(order.customer, { companyName: 'Kovacs Kft', vatNumber: '12345678-2-06' });
  t.match(order.billingAddress, { countryCode: 'HU', companyName: 'Kovacs Kft' });
  t.same(
    order.lines.map((l) => [l.kind, l.totalNet, l.vatRateBp, l.totalGross]),
    [
      [LineKind.PRODUCT, 900000n, 2700, 1143000n],
      [LineKind.SHIPPING, 100000n, 2700, 127000n],
      [LineKind.PAYMENT_FEE, 20000n, 2700, 25400n],
    ],
  );
  t.match(order.totals, { net: 1020000n, vat: 275400n, gross: 1295400n });
});

t.test('the payload is webhook-shaped: fields the webhook decoder reads', async (t) => {
  const payload = restOrderToPayload(personBundle(), 'demo');
  t.match(payload, {
    storeName: 'demo',
    innerId: '115',
    innerResourceId: 'orders/b3JkZXItb3JkZXJfaWQ9MTE1',
    currency: 'EUR',
    total: '43.78',
    totalGross: '51.2',
    taxPrice: '7.42',
    shippingNetPrice: '4.13',
    shippingGrossPrice: '4.9973',
    paymentNetPrice: '',
    paymentGrossPrice: '',
    shippingMethodCode: 'WSESHIP',
    orderHistory: { status: '1', statusText: 'Pending', comment: '', dateAdded: '2025-03-01 10:15:00' },
  });
  t.same(
    (payload.orderProducts as { orderProduct: { quantity: string; currency: string }[] }).orderProduct.map(
      (l) => [l.quantity, l.currency],
    ),
    [
      ['2', 'EUR'],
      ['3', 'EUR'],
    ],
  );
  t.same(
    restOrderToEvent(personBundle(), 'demo').payload,
    restOrderToEvent(personBundle(), 'demo').payload,
    'deterministic bytes',
  );
});

t.test('a TOTAL row whose text names no currency fails decoding on the currency', async (t) => {
  const bundle = personBundle({ totals: [total('TOTAL', '51.2000', '€ 51,20')] });
  t.throws(() => decode(restOrderToEvent(bundle, 'demo')), { code: 'DECODE_FAILED', field: 'currency' });
});

t.test('an order whose totals do not match its lines is refused, not booked wrong', async (t) => {
  const bundle = personBundle();
  const wrongTotal = personBundle({
    totals: bundle.totals.map((row) => (row.type === 'TOTAL' ? { ...row, value: '60.0000' } : row)),
  });
  t.throws(() => decode(restOrderToEvent(wrongTotal, 'demo')), { code: 'DECODE_FAILED', field: 'total' });
});

t.test('currencyFromValueText', async (t) => {
  t.equal(currencyFromValueText('2.400 Huf'), 'HUF');
  t.equal(currencyFromValueText(' 51,20 Eur '), 'EUR');
  t.equal(currencyFromValueText('51,20'), '');
  t.equal(currencyFromValueText(''), '');
});
