import { createJourneyRepository } from '@koppel/db';
import t from 'tap';
import { AUTH, createConnection, setupAdmin } from './helpers.js';

const { app, database } = await setupAdmin(t);
const journey = createJourneyRepository(database.db);
const connection = await createConnection(app, 'tenant-journey');
const orderUrl = (orderId: string, connectionId = connection.id) =>
  `/admin/v1/connections/${connectionId}/orders/${encodeURIComponent(orderId)}`;

t.test('an order without a journey is 404 naming the order id', async (t) => {
  const res = await app.inject({ url: orderUrl('never-seen'), headers: AUTH });
  t.equal(res.statusCode, 404);
  t.match(res.json(), { code: 'NOT_FOUND', field: 'params.externalOrderId' });
});

t.test('an unknown connection is 404 naming the connection id', async (t) => {
  const res = await app.inject({ url: orderUrl('1001', 'no-such-connection'), headers: AUTH });
  t.equal(res.statusCode, 404);
  t.match(res.json(), { code: 'NOT_FOUND', field: 'params.id' });
});

t.test('a delivered order shows every stage in order and status delivered', async (t) => {
  await journey.record(connection.id, 'SR-1001', 'received', { eventId: 'evt-1' });
  await journey.record(connection.id, 'SR-1001', 'duplicate_ignored', { eventId: 'evt-1' });
  await journey.record(connection.id, 'SR-1001', 'mapped', { lines: 2 });
  await journey.record(connection.id, 'SR-1001', 'debtor_created', { debtorId: 'D-9' });
  await journey.record(connection.id, 'SR-1001', 'delivered', { documentNumber: 'INV-7' });
  await journey.record(connection.id, 'SR-1002', 'received', {});
  const res = await app.inject({ url: orderUrl('SR-1001'), headers: AUTH });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.match(body, { connectionId: connection.id, externalOrderId: 'SR-1001', status: 'delivered' });
  t.same(
    body.stages.map((s: { stage: string }) => s.stage),
    ['received', 'duplicate_ignored', 'mapped', 'debtor_created', 'delivered'],
  );
  t.same(body.stages[4].detail, { documentNumber: 'INV-7' });
  const times = body.stages.map((s: { at: string }) => Date.parse(s.at));
  t.ok(
    times.every((at: number, i: number) => !Number.isNaN(at) && (i === 0 || at >= times[i - 1])),
    'ISO timestamps, oldest first',
  );
});

t.test('the status is the last meaningful stage', async (t) => {
  const cases: [string, string[], string][] = [
    ['just-received', ['received'], 'received'],
    ['dup-only', ['received', 'duplicate_ignored'], 'received'],
    ['skipped', ['received', 'skipped'], 'skipped'],
    ['on-its-way', ['received', 'mapped', 'customer_resolved', 'routed'], 'mapped'],
    ['failed', ['received', 'mapped', 'retrying', 'failed'], 'failed'],
    ['redelivered', ['received', 'mapped', 'failed', 'retrying', 'already_in_target'], 'delivered'],
    ['dead', ['received', 'dead_lettered'], 'dead_lettered'],
  ];
  for (const [orderId, stages, status] of cases) {
    for (const stage of stages) {
      await journey.record(connection.id, orderId, stage as Parameters<typeof journey.record>[2]);
    }
    const res = await app.inject({ url: orderUrl(orderId), headers: AUTH });
    t.equal(res.json().status, status, `${stages.join(' → ')} is ${status}`);
  }
});

t.test('order ids with URL-special characters are found', async (t) => {
  await journey.record(connection.id, 'A/B 12', 'received', {});
  const res = await app.inject({ url: orderUrl('A/B 12'), headers: AUTH });
  t.equal(res.statusCode, 200);
  t.equal(res.json().externalOrderId, 'A/B 12');
});
