import { LineKind, PaymentStatus } from '@koppel/contracts';
import { isAppError } from '@koppel/errors';
import t from 'tap';
import { decodeMijnwebwinkelOrder, linesFromGross, splitAddressLine, splitName } from '../../src/index.js';

const context = { connectionId: 'c1', tenantId: 't1', eventType: 'order', receivedAt: new Date() };
const address = {
  name: 'Jan van der Berg',
  company: '',
  phone: '0612345678',
  street: 'Dorpsstraat',
  number: '12-3',
  zipcode: '1234 ab',
  city: 'Utrecht',
  country: 'Nederland',
  country_code: 'NL',
};
/** The spec's composed example (README): 2 × Mok wit 29.00, costs, a book at 9 %, a discount at two rates: 73.19. */
function order(overrides: Record<string, unknown> = {}) {
  return {
    number: 1042,
    uuid: '6f1c8e0a-2d3b-4c55-9a77-0b1c2d3e4f50',
    date: '2025-03-01',
    time: '14:05:09',
    status: 1,
    status_changed_date: '2025-07-01',
    status_changed_time: '10:00:00',
    currency: 'EUR',
    locale: 'nl_NL',
    payment_status: 'captured',
    payment: { gateway_name: 'mollie', method_name: 'ideal' },
    comments: { customer: 'Graag na 17u', internal: '' },
    debtor: {
      id: null,
      email: 'jan@example.nl',
      address: {
        invoice: { ...address, taxnumber: '' },
        delivery: { ...address, street: 'Kerkweg 5 bis', number: '' },
      },
    },
    price: { tax: [{ rate: '21.00', amount: '11.80' }], total: '73.19' },
    orderlines: [
      {
        id: 'l1',
        type: 'article',
        quantity: 2,
        description: 'Mok wit',
        articles: [{ id: 5512, sku: 'MOK-W', description: 'Mok wit', options: [{ description: 'Maat: L' }] }],
        price: { rate: '21.00', amount: '47.933884', amount_including_tax: '58.00' },
      },
      {
        id: 'l2',
        type: 'custom',
        quantity: 1,
        description: 'Verzendkosten',
        price: { rate: '21.00', amount: '8.264463', amount_including_tax: '10.00' },
      },
      {
        id: 'l3',
        type: 'custom',
        quantity: 1,
        description: 'Betaalkosten',
        price: { rate: '21.00', amount: '0.24', amount_including_tax: '0.29' },
      },
      {
        id: 'l4',
        type: 'custom',
        quantity: 1,
        description: 'Boek',
        price: { rate: '9.00', amount: '9.17', amount_including_tax: '10.00' },
      },
      {
        id: 'l5',
        type: 'discount',
        quantity: 1,
        description: 'Korting',
        price: [
          { rate: '21.00', amount: '-3.636364', amount_including_tax: '-4.40' },
          { rate: '9.00', amount: '-0.642202', amount_including_tax: '-0.70' },
        ],
      },
    ],
    ...overrides,
  };
}
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

t.test('a person order: lines, variants, costs, discount per rate, totals to the cent', async (t) => {
  const decoded = decodeMijnwebwinkelOrder(encode(order()), context);
  t.equal(decoded.externalId, '1042');
  t.equal(decoded.customer?.companyName, '', 'a person');
  t.match(decoded.customer, { firstName: 'Jan', lastName: 'van der Berg', email: 'jan@example.nl' });
  t.equal(decoded.paymentStatus, PaymentStatus.PAID);
  t.equal(decoded.sourceStatusCode, '1');
  t.same(
    decoded.lines.map((l) => [l.kind, l.name, l.sku, l.quantity, l.vatRateBp, l.totalGross]),
    [
      [LineKind.PRODUCT, 'Mok wit (Maat: L)', 'MOK-W', 2, 2100, 5800n],
      [LineKind.SHIPPING, 'Verzendkosten', '', 1, 2100, 1000n],
      [LineKind.PAYMENT_FEE, 'Betaalkosten', '', 1, 2100, 29n],
      [LineKind.PRODUCT, 'Boek', '', 1, 900, 1000n],
      [LineKind.DISCOUNT, 'Korting (21 %)', '', 1, 2100, -440n],
      [LineKind.DISCOUNT, 'Korting (9 %)', '', 1, 900, -70n],
    ],
  );
  t.equal(decoded.totals?.gross, 7319n, 'gross is price.total');
  t.equal(decoded.totals?.gross, (decoded.totals?.net ?? 0n) + (decoded.totals?.vat ?? 0n));
  t.equal(decoded.createdAt?.seconds, BigInt(Date.parse('2025-03-01T13:05:09Z') / 1000), 'winter time');
  t.equal(decoded.updatedAt?.seconds, BigInt(Date.parse('2025-07-01T08:00:00Z') / 1000), 'summer time');
  t.match(decoded.billingAddress, {
    street: 'Dorpsstraat',
    houseNumber: '12',
    houseNumberAddition: '3',
    postcode: '1234 AB',
  });
  t.match(decoded.shippingAddress, { street: 'Kerkweg', houseNumber: '5', houseNumberAddition: 'bis' });
});

t.test('a company order carries the company and its VAT number', async (t) => {
  const invoice = { ...address, company: 'Jansen B.V.', taxnumber: 'nl 8123.45.678 B01' };
  const decoded = decodeMijnwebwinkelOrder(
    encode(order({ debtor: { id: 'u1', email: 'inkoop@jansen.nl', address: { invoice } } })),
    context,
  );
  t.match(decoded.customer, {
    companyName: 'Jansen B.V.',
    vatNumber: 'NL8123.45.678B01',
    sourceCustomerId: 'u1',
  });
  t.match(
    decoded.shippingAddress,
    { companyName: 'Jansen B.V.', street: 'Dorpsstraat' },
    'invoice address when no delivery',
  );
});

t.test('a total that does not add up is refused naming price.total', async (t) => {
  try {
    decodeMijnwebwinkelOrder(encode(order({ price: { total: '73.21' } })), context);
    t.fail('expected DECODE_FAILED');
  } catch (error) {
    t.ok(isAppError(error) && error.code === 'DECODE_FAILED' && error.field === 'price.total');
  }
});

t.test('number as a string and price.tax as an object are read', async (t) => {
  const decoded = decodeMijnwebwinkelOrder(encode(order({ number: '1043' })), context);
  t.equal(decoded.orderNumber, '1043');
});

t.test('many units keep the gross exactly: an exact unit gross, else a rounding line', async (t) => {
  const labels = { name: 'Sok', sku: 'S', sourceLineId: 'x' };
  const two = linesFromGross(labels, LineKind.PRODUCT, 2, 5800n, 2100, 'EUR');
  t.equal(two.length, 1);
  t.equal(two[0]?.totalGross, 5800n);
  // 10 × 29.00: the unit gross is the line's exact price, net 290.00 / 1.21 rounded once.
  const ten = linesFromGross(labels, LineKind.PRODUCT, 10, 29000n, 2100, 'EUR');
  t.same(
    ten.map((l) => [l.totalNet, l.vatAmount, l.totalGross, l.unitPriceGrossExact]),
    [[23967n, 5033n, 29000n, '29.0000']],
  );
  // 100.06 over 3 units has no 4-decimal unit gross: the rounding line keeps it to the cent.
  const three = linesFromGross(labels, LineKind.PRODUCT, 3, 10006n, 2100, 'EUR');
  t.equal(three.length, 2, 'a rounding line');
  t.equal(three[1]?.name, 'Sok (rounding)');
  t.equal((three[0]?.totalGross ?? 0n) + (three[1]?.totalGross ?? 0n), 10006n, 'to the cent');
  t.equal(three[0]?.totalNet, (three[0]?.unitPriceNet ?? 0n) * 3n);
});

t.test('addresses and names split', async (t) => {
  t.same(splitAddressLine('Dorpsstraat', '12a'), { street: 'Dorpsstraat', houseNumber: '12', addition: 'a' });
  t.same(splitAddressLine('Plein 1940', '5'), { street: 'Plein 1940', houseNumber: '5', addition: '' });
  t.same(splitAddressLine('Laan 7 / 2', '12 / A'), {
    street: 'Laan 7 / 2',
    houseNumber: '12',
    addition: 'A',
  });
  t.same(splitAddressLine('Hoofdweg 1 hs', ''), { street: 'Hoofdweg', houseNumber: '1', addition: 'hs' });
  t.same(splitAddressLine('Postbus', ''), { street: 'Postbus', houseNumber: '', addition: '' });
  t.same(splitName('Jansen'), { firstName: '', lastName: 'Jansen' });
});
