import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { CanonicalOrderSchema, VatRounding } from '@koppel/contracts';
import t from 'tap';
import { buildProductLine, cleanOrderText, cleanText, computeTotals } from '../src/index.js';

t.test('control characters go, tab and line breaks stay, half surrogate pairs become U+FFFD', async (t) => {
  t.equal(cleanText('An\u0000na\u0007 de\u001f Vries\u007f'), 'Anna de Vries');
  t.equal(cleanText('Kerkstraat 1\r\nachterom\tB'), 'Kerkstraat 1\r\nachterom\tB');
  t.equal(cleanText('x\ud800y\udc00z 😀'), 'x\uFFFDy\uFFFDz 😀', 'a whole pair is a character and stays');
});

t.test(
  'every text field of an order is cleaned, in nested messages and lists; numbers untouched',
  async (t) => {
    const lines = [
      buildProductLine({
        name: 'Mok\u0000',
        sku: 'MUG-1',
        quantity: 2,
        unitPriceNet: 1000n,
        vatRateBp: 2100,
      }),
    ];
    const order = create(CanonicalOrderSchema, {
      externalId: '1001',
      currency: 'EUR',
      createdAt: timestampFromDate(new Date('2025-03-01T10:00:00Z')),
      customer: { email: 'anna@example.nl', firstName: 'An\u0000na', lastName: 'de \ud800Vries' },
      billingAddress: { street: 'Kerk\u0001straat', city: 'Utrecht', countryCode: 'NL' },
      lines,
      totals: computeTotals(lines, VatRounding.PER_LINE),
      vatRounding: VatRounding.PER_LINE,
    });
    const cleaned = cleanOrderText(order);
    t.equal(cleaned, order, 'cleaned in place');
    t.match(cleaned, {
      customer: { firstName: 'Anna', lastName: 'de \uFFFDVries' },
      billingAddress: { street: 'Kerkstraat', city: 'Utrecht' },
      lines: [{ name: 'Mok', sku: 'MUG-1', totalNet: 2000n }],
      createdAt: { seconds: 1740823200n },
    });
    t.equal(cleaned.$typeName, 'koppel.orders.v1.CanonicalOrder', 'the message type is kept');
  },
);
