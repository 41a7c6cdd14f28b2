import { equals } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { CanonicalOrderSchema, LineKind, OrderStatus, PaymentStatus, VatRounding } from '@koppel/contracts';
import { shoprenterConnector } from '../src/index.js';
import t from 'tap';
import { contextFor, decodeFixture, splitFixture } from './fixture-files.js';

function only<T>(items: T[]): T {
  const [item, ...rest] = items;
  if (item === undefined || rest.length > 0) throw new Error(`expected one item, got ${items.length}`);
  return item;
}

t.test('the documented sample decodes exactly', async (t) => {
  const order = only(decodeFixture('documented-sample.json'));
  t.match(order, {
    connectionId: 'conn-1',
    tenantId: 'tenant-1',
    sourceSystem: 'shoprenter',
    externalId: '205',
    orderNumber: '205',
    status: OrderStatus.PENDING,
    sourceStatusCode: '1',
    sourceStatusText: 'Pending',
    paymentStatus: PaymentStatus.UNPAID,
    currency: 'HUF',
    languageCode: 'hu',
    vatRounding: VatRounding.PER_LINE,
    paymentMethodName: 'Cash on delivery',
    shippingMethodName: 'Home delivery',
  });
  t.equal(timestampDate(order.createdAt!).toISOString(), '2025-03-01T09:15:00.000Z', 'CET is UTC+1');
  t.match(order.customer, {
    email: 'anna@example.hu',
    companyName: 'Kovacs Kft',
    vatNumber: '12345678-2-06',
  });
  t.match(order.billingAddress, { street: 'Fo utca', houseNumber: '1', countryCode: 'HU', postcode: '6720' });
  t.same(
    order.lines.map((line) => [
      line.kind,
      line.quantity,
      line.unitPriceNet,
      line.vatRateBp,
      line.totalNet,
      line.vatAmount,
      line.totalGross,
    ]),
    [
      [LineKind.PRODUCT, 2, 450000n, 2700, 900000n, 243000n, 1143000n],
      [LineKind.SHIPPING, 1, 100000n, 2700, 100000n, 27000n, 127000n],
    ],
    'no payment fee line for a zero fee, no coupon line for null',
  );
  t.match(order.totals, { net: 1000000n, vat: 270000n, gross: 1270000n });
});

t.test('XML and JSON of the same order decode to equal canonical orders', async (t) => {
  for (const name of ['documented-sample', 'company-order-confirm']) {
    const fromJson = only(decodeFixture(`${name}.json`));
    const fromXml = only(decodeFixture(`${name}.xml`));
    t.ok(equals(CanonicalOrderSchema, fromJson, fromXml), name);
  }
});

t.test('a company order: 4-decimal prices, two rates, fees and a coupon split over the rates', async (t) => {
  const order = only(decodeFixture('company-order-confirm.json'));
  t.match(order.customer, {
    companyName: 'Nagy és Társa Kft.',
    vatNumber: '24681357-2-41',
    sourceCustomerId: '88',
  });
  t.match(order.shippingAddress, {
    street: 'Váci út',
    houseNumber: '12',
    houseNumberAddition: 'B',
    extraLine: '3. emelet',
  });
  t.match(order, { paymentMethodCode: 'COD', shippingMethodCode: 'WSESHIP', languageCode: 'hu' });
  t.equal(timestampDate(order.createdAt!).toISOString(), '2025-03-30T07:05:00.000Z', 'CEST from 2025-03-30');
  t.same(
    order.lines.map((line) => [
      line.kind,
      line.name,
      line.vatRateBp,
      line.totalNet,
      line.vatAmount,
      line.totalGross,
    ]),
    [
      [LineKind.PRODUCT, 'Kávéfőző Pro', 2700, 7874016n, 2125984n, 10000000n],
      // 3 × 4761.9048 Ft rounded once: 14285.71 net, 15000.00 gross (was 3 × 4761.90 = 14999.99).
      [LineKind.PRODUCT, 'Szakácskönyv', 500, 1428571n, 71429n, 1500000n],
      [LineKind.SHIPPING, 'GLS futárszolgálat', 2700, 157480n, 42520n, 200000n],
      [LineKind.PAYMENT_FEE, 'Utánvét', 2700, 39370n, 10630n, 50000n],
      [LineKind.DISCOUNT, 'Coupon TAVASZ10 (5 %)', 500, -62111n, -3106n, -65217n],
      [LineKind.DISCOUNT, 'Coupon TAVASZ10 (27 %)', 2700, -342349n, -92434n, -434783n],
    ],
  );
  // The shop's totalGross is 112500 Ft exactly; net/VAT split differs from the shop's by 1 fillér.
  t.match(order.totals, { net: 9094977n, vat: 2155023n, gross: 11250000n });
  t.same(
    [order.lines[1]?.unitPriceNet, order.lines[1]?.unitPriceNetExact, order.lines[1]?.unitPriceGrossExact],
    [476190n, '4761.9048', '5000.0000'],
    'the exact unit price is kept next to the rounded display price',
  );
  t.equal(order.lines[0]?.unitPriceNetExact, '78740.1575');
  t.equal(order.lines[1]?.ean, '', 'empty gtin');
  t.equal(order.lines[0]?.ean, '5999999000017');
});

t.test('a person order in EUR to the Netherlands', async (t) => {
  const order = only(decodeFixture('person-order-eur.json'));
  t.match(order, {
    status: OrderStatus.PROCESSING,
    paymentStatus: PaymentStatus.PAID,
    currency: 'EUR',
    comment: '',
  });
  t.match(order.customer, { email: 'Jan.deVries@Example.NL', companyName: '', vatNumber: '' });
  t.match(order.shippingAddress, {
    street: 'Kerkstraat',
    houseNumber: '12',
    houseNumberAddition: 'a',
    countryCode: 'NL',
  });
  t.match(order.billingAddress, {
    houseNumberAddition: 'bis',
    countryCode: 'NL',
    countryName: 'Netherlands',
  });
  t.equal(timestampDate(order.updatedAt!).toISOString(), '2025-07-15T12:30:00.000Z', 'CEST is UTC+2');
  t.match(order.totals, { net: 3442n, vat: 558n, gross: 4000n });
});

t.test('a status change to Teljesítve in the autumn overlap hour', async (t) => {
  const order = only(decodeFixture('status-change-completed.json'));
  t.match(order, { status: OrderStatus.COMPLETED, paymentStatus: PaymentStatus.PAID, sourceStatusCode: '5' });
  t.equal(
    timestampDate(order.updatedAt!).toISOString(),
    '2025-10-26T00:30:00.000Z',
    'first occurrence (CEST)',
  );
});

t.test('multi-order: statuses and a zero shipping fee', async (t) => {
  const [first, second] = decodeFixture('multi-order.json');
  t.match(first, { externalId: '301', status: OrderStatus.PROCESSING, paymentStatus: PaymentStatus.UNPAID });
  t.equal(first?.lines.length, 1, 'free pickup gives no shipping line');
  t.match(first?.billingAddress, { street: 'Kossuth Lajos utca', houseNumber: '5', countryCode: 'HU' });
  t.match(second, { externalId: '302', status: OrderStatus.CANCELLED });
});

t.test('decode refuses payloads that are not an order', async (t) => {
  const context = contextFor(only(splitFixture('documented-sample.json')));
  const decode = (text: string) => shoprenterConnector.decodeOrder(new TextEncoder().encode(text), context);
  t.throws(() => decode('{'), { code: 'DECODE_FAILED', field: 'payload' });
  t.throws(() => decode('{"innerId":"x"}'), { code: 'DECODE_FAILED', field: 'innerId' });
  t.throws(() => decode('{"innerId":"1","email":[1]}'), { code: 'DECODE_FAILED', field: 'email' });
});

t.test('defensive parsing: numbers, {} and null in scalar places, a single product object', async (t) => {
  const [event] = splitFixture('documented-sample.json');
  const order = JSON.parse(new TextDecoder().decode(event?.payload));
  const raw = {
    ...order,
    total: 10000,
    fax: {},
    comment: null,
    orderProducts: { orderProduct: { ...order.orderProducts.orderProduct[0], quantity: 2, taxRate: 27 } },
  };
  const decoded = shoprenterConnector.decodeOrder(
    new TextEncoder().encode(JSON.stringify(raw)),
    contextFor(event!),
  );
  const reference = only(decodeFixture('documented-sample.json'));
  t.ok(equals(CanonicalOrderSchema, decoded, reference));
});
