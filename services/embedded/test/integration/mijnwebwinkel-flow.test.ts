import { mijnwebwinkelConnector } from '@koppel/connector-mijnwebwinkel';
import t from 'tap';
import { eventually } from '../support/eventually.js';
import { type MijnwebwinkelFixture, startMijnwebwinkelFixture } from '../support/mijnwebwinkel-fixture.js';

/**
 * Mijnwebwinkel end to end on real Kafka and Postgres: orders placed in the shop simulator are
 * pulled by the poller and booked once in the Asperion simulator (permissive: it would take a
 * duplicate); a cursor reset re-imports without doubling; an outage (503, then 429 with
 * Retry-After) delays but loses nothing; an order paid after it was pending is booked once paid.
 * The connection books only paid orders (status filter on the payment status).
 */
let fx: MijnwebwinkelFixture;
t.before(async () => {
  fx = await startMijnwebwinkelFixture({ rules: { statusFilter: { allowedPaymentStatuses: ['PAID'] } } });
  // The schedule's first cursor is "orders placed from now on": wait for it before placing any.
  await eventually('the poll schedule', () => fx.schedules.find(fx.connectionId));
});
t.teardown(async () => fx?.close());

const paid = { payment_status: 'captured' };
const booked = (number: number) =>
  eventually(
    `invoice WEB-${number}`,
    async () => ((await fx.invoiceCount(`WEB-${number}`)) > 0 ? true : undefined),
    30_000,
  );

t.test('orders placed in the shop are booked once', async (t) => {
  const numbers = [await fx.placeOrder(paid), await fx.placeOrder(paid)];
  for (const number of numbers) {
    await booked(number);
    t.equal(await fx.invoiceCount(`WEB-${number}`), 1, `order ${number} booked once`);
  }
  const schedule = await fx.schedules.find(fx.connectionId);
  t.match(
    mijnwebwinkelConnector.poller?.describeCursor(schedule?.cursor ?? ''),
    `next order number to import: ${(numbers[1] ?? 0) + 1}`,
  );
});

t.test('a cursor reset re-imports without doubling', async (t) => {
  const number = await fx.placeOrder(paid);
  await booked(number);
  await fx.schedules.reset(
    fx.connectionId,
    mijnwebwinkelConnector.poller?.cursorFor({ orderNumber: String(number) }) ?? '',
  );
  const after = await fx.placeOrder(paid);
  await booked(after);
  await eventually('the re-read of the reset order', async () =>
    (await fx.journey(String(number))).find((s) => s.stage === 'duplicate_ignored'),
  );
  t.equal(await fx.invoiceCount(`WEB-${number}`), 1, 're-read, not doubled');
  t.equal(await fx.invoiceCount(`WEB-${after}`), 1);
});

t.test('an order paid after it was pending is booked once it is paid', async (t) => {
  const number = await fx.placeOrder({ payment_status: 'pending' });
  await eventually('the pending order received', async () =>
    (await fx.journey(String(number))).find((s) => s.stage === 'received'),
  );
  t.equal(await fx.invoiceCount(`WEB-${number}`), 0, 'not booked while pending');
  await fx.changeOrder(number, { status: 2, payment_status: 'captured' });
  await booked(number);
  t.equal(await fx.invoiceCount(`WEB-${number}`), 1, 'booked once, when paid');
});

t.test('a shop outage (503, then 429 with Retry-After) delays but loses nothing', async (t) => {
  const shopFaults = await fx.shop.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: {
      failSequence: [
        { status: 503, pathPrefix: '/v1/orders' },
        { status: 503, pathPrefix: '/v1/orders' },
        { status: 429, retryAfterSeconds: 2, pathPrefix: '/v1/orders' },
      ],
    },
  });
  t.equal(shopFaults.statusCode < 300, true, 'faults armed');
  const number = await fx.placeOrder(paid);
  await booked(number);
  t.equal(await fx.invoiceCount(`WEB-${number}`), 1, 'booked once after the outage');
  const failures = (await fx.journey('_poller')).filter((s) => s.stage === 'failed');
  t.ok(
    failures.some((s) => s.detail.code === 'SOURCE_UNAVAILABLE'),
    'the 503 was seen',
  );
  t.ok(
    failures.some((s) => s.detail.code === 'SOURCE_RATE_LIMITED' && Number(s.detail.retryInSeconds) >= 2),
    'the 429 waited its Retry-After',
  );
});
