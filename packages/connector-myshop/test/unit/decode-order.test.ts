/**
 * The export XML of a simulator order decoded to the cent: products priced incl. VAT at two
 * rates, shipping and payment costs, a coupon split over the rates, a company customer with its
 * VAT number, the house number addition split off, times in Dutch time.
 */
import { createCountingServices } from '@koppel/connector-sdk/testing';
import { LineKind, OrderStatus, PaymentStatus } from '@koppel/contracts';
import { isAppError } from '@koppel/errors';
import t from 'tap';
import { cursorFor, decodeMyshopOrder, myshopConnector, myshopSettingsSchema } from '../../src/index.js';
import { companyOrder, connectionTo, PRIVATE_KEY, placeOrder, startSim } from '../sim-connection.js';

const context = { connectionId: 'c1', tenantId: 't1', eventType: 'order_changed', receivedAt: new Date() };

async function pulledPayloads(input = companyOrder(1)) {
  const running = await startSim();
  try {
    await placeOrder(running.sim, { ...input, placed_at: '2025-03-01T13:05:09Z' });
    const settings = myshopSettingsSchema.parse(connectionTo(running.baseUrl).settings);
    const session = myshopConnector.openSession?.(
      { connectionId: 'c1', tenantId: 't1', settings, credentials: { privateKey: PRIVATE_KEY } },
      createCountingServices(),
    );
    const poller = myshopConnector.poller;
    if (!session || !poller) throw new Error('myShop polls');
    const result = await poller.poll(session, cursorFor({ since: new Date('2025-03-01T00:00:00Z') }));
    return result.events.map((e) => e.payload);
  } finally {
    await running.close();
  }
}

t.test('a company order with two rates, costs and a coupon, to the cent', async (t) => {
  const [payload] = await pulledPayloads();
  if (!payload) throw new Error('no order pulled');
  const order = decodeMyshopOrder(payload, context);
  t.equal(order.externalId, '12345_00001');
  t.equal(order.orderNumber, '1');
  t.equal(order.currency, 'EUR');
  t.equal(order.paymentStatus, PaymentStatus.PAID);
  t.equal(order.status, OrderStatus.PENDING);
  t.equal(
    order.createdAt?.seconds,
    BigInt(Date.parse('2025-03-01T13:05:09Z') / 1000),
    'placed at, Dutch time → UTC',
  );
  const lines = order.lines.map((l) => [
    l.kind,
    l.name,
    l.sku,
    l.ean,
    l.quantity,
    l.unitPriceNet,
    l.vatRateBp,
    l.totalNet,
    l.vatAmount,
    l.totalGross,
  ]);
  t.same(lines, [
    // 3 × 12.99 incl. = 38.97 exactly (gross-priced line, exact unit gross 12.99): net 38.97 / 1.21
    // rounded once = 32.21, VAT 6.76; unit net 10.74 is display only (was 38.99: the rounding error).
    [LineKind.PRODUCT, 'Mok wit', 'MOK-W', '8712345678906', 3, 1074n, 2100, 3221n, 676n, 3897n],
    // 2 × 4.95 incl.: unit net 4.54, gross kept exactly (9.90), VAT 0.82.
    [LineKind.PRODUCT, 'Thee rooibos', 'THEE-1', '8712345678913', 2, 454n, 900, 908n, 82n, 990n],
    [LineKind.SHIPPING, 'Verzendkosten', '', '', 1, 574n, 2100, 574n, 121n, 695n],
    [LineKind.PAYMENT_FEE, 'Betaalkosten', '', '', 1, 24n, 2100, 24n, 5n, 29n],
    // 5.00 off, split by product gross: 9 % gets 5.00 × 9.90 / 48.89 = 1.01, 21 % the rest.
    [LineKind.DISCOUNT, 'Korting WELKOM (9 %)', 'WELKOM', '', 1, -93n, 900, -93n, -8n, -101n],
    [LineKind.DISCOUNT, 'Korting WELKOM (21 %)', 'WELKOM', '', 1, -330n, 2100, -330n, -69n, -399n],
  ]);
  t.same(
    [order.totals?.net, order.totals?.vat, order.totals?.gross],
    [4304n, 807n, 5111n],
    'the shop total 51.11',
  );
  t.equal(order.customer?.companyName, 'De Vries B.V.', 'a company customer');
  t.equal(order.customer?.vatNumber, 'NL123456789B01');
  t.equal(order.customer?.firstName, 'Anna');
  t.equal(order.customer?.lastName, 'de Vries');
  t.equal(order.customer?.email, 'anna+1@example.nl');
  const billing = order.billingAddress;
  t.same(
    [
      billing?.street,
      billing?.houseNumber,
      billing?.houseNumberAddition,
      billing?.postcode,
      billing?.city,
      billing?.countryCode,
    ],
    ['Kerkstraat', '12', 'a', '3511 AB', 'Utrecht', 'NL'],
  );
  t.equal(order.shippingAddress?.street, 'Kerkstraat', 'delivery falls back to the invoice address');
});

t.test('a person order keeps every gross when VAT allows it', async (t) => {
  const input = companyOrder(2);
  const [payload] = await pulledPayloads({
    ...input,
    customer: { name: 'Jan Jansen', email: 'jan@example.nl', phone: '', company: '', vat_number: '' },
    invoice_address: { ...input.invoice_address, company: '', name: 'Jan Jansen' },
    lines: [{ sku: 'MOK-W', quantity: 1, unit_price: '12.99', vat_rate: '21.00' }],
    discounts: [],
    payment_costs: undefined,
  });
  if (!payload) throw new Error('no order pulled');
  const order = decodeMyshopOrder(payload, context);
  t.equal(order.customer?.companyName, '', 'a person');
  t.same(
    [order.totals?.net, order.totals?.vat, order.totals?.gross],
    [1074n + 574n, 225n + 121n, 1299n + 695n],
  );
});

t.test('a broken amount is a DECODE_FAILED naming the export field', async (t) => {
  const [payload] = await pulledPayloads();
  if (!payload) throw new Error('no order pulled');
  const tree = JSON.parse(new TextDecoder().decode(payload));
  tree.orderlines.orderline[1].price_incl = '4,95';
  try {
    decodeMyshopOrder(new TextEncoder().encode(JSON.stringify(tree)), context);
    t.fail('expected DECODE_FAILED');
  } catch (error) {
    t.ok(isAppError(error) && error.code === 'DECODE_FAILED');
    t.equal(isAppError(error) ? error.field : undefined, 'orderlines.orderline[1].price_incl');
  }
});
