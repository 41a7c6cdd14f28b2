import t from 'tap';
import { AUTH, createConnection, setupAdmin } from './helpers.js';

const { app } = await setupAdmin(t);
const polled = await createConnection(app, 'tenant-cursor', {
  sourceSettings: { shopName: 'demo', polling: { enabled: true, intervalSeconds: 120 } },
});
const url = (id: string) => `/admin/v1/connections/${id}/cursor`;
const put = (id: string, payload: object) =>
  app.inject({ method: 'PUT', url: url(id), headers: AUTH, payload });

t.test("GET shows the cursor in the source's words and the schedule", async (t) => {
  const res = await app.inject({ url: url(polled.id), headers: AUTH });
  t.equal(res.statusCode, 200);
  t.match(res.json(), {
    cursor: /^since:/,
    description: /^orders changed since /,
    nextPollAt: String,
    lastPolledAt: null,
    consecutiveFailures: 0,
    lastError: null,
    intervalSeconds: 120,
  });
});

t.test('PUT resets the cursor to an order number or a moment', async (t) => {
  const byNumber = await put(polled.id, { orderNumber: '1042' });
  t.equal(byNumber.statusCode, 200);
  t.match(byNumber.json(), { cursor: 'order:1042', description: 'next order number to import: 1042' });
  const numeric = await put(polled.id, { orderNumber: 1043 });
  t.match(numeric.json(), { cursor: 'order:1043' }, 'a number is taken as the order number');

  const since = await put(polled.id, { since: '2025-03-01T10:15:00+01:00' });
  t.equal(since.statusCode, 200);
  t.match(since.json(), { cursor: 'since:2025-03-01T09:15:00.000Z' });
  const again = await app.inject({ url: url(polled.id), headers: AUTH });
  t.match(again.json(), { cursor: 'since:2025-03-01T09:15:00.000Z' }, 'stored');
});

t.test('a reset the source refuses is 422 naming the field; a bad body is 400', async (t) => {
  const refused = await put(polled.id, { orderNumber: 'SR-12' });
  t.equal(refused.statusCode, 422);
  t.match(refused.json(), { code: 'CURSOR_RESET_REFUSED', field: 'body.orderNumber', detail: /digits/ });
  const bad = await put(polled.id, { since: 'yesterday' });
  t.equal(bad.statusCode, 400);
  const both = await put(polled.id, { orderNumber: '1', since: '2025-03-01T10:15:00Z' });
  t.equal(both.statusCode, 400, 'one or the other');
  const empty = await put(polled.id, {});
  t.equal(empty.statusCode, 400);
  t.equal(empty.json().field, 'body.orderNumber', 'an empty body names a field, not just "body"');
});

t.test('a reset to a future moment is refused: no order would be polled until then', async (t) => {
  const before = await app.inject({ url: url(polled.id), headers: AUTH });
  for (const since of ['9999-12-31T23:59:59Z', new Date(Date.now() + 3_600_000).toISOString()]) {
    const res = await put(polled.id, { since });
    t.equal(res.statusCode, 422, since);
    t.match(res.json(), { code: 'CURSOR_RESET_REFUSED', field: 'body.since', detail: /future/ });
  }
  const after = await app.inject({ url: url(polled.id), headers: AUTH });
  t.equal(after.json().cursor, before.json().cursor, 'the cursor is unchanged');
});

t.test('poll-now makes the connection due at once', async (t) => {
  const res = await app.inject({
    method: 'POST',
    url: `/admin/v1/connections/${polled.id}/poll-now`,
    headers: AUTH,
  });
  t.equal(res.statusCode, 200);
  t.ok(Date.parse(res.json().nextPollAt) <= Date.now() + 1000, 'due now');
});

t.test('a connection that is not polled, or does not exist, is 404', async (t) => {
  const notPolled = await createConnection(app, 'tenant-cursor-off');
  const hook = await createConnection(app, 'tenant-cursor-hook', {
    sourceSystem: 'hookshop',
    sourceSettings: {},
  });
  for (const id of [notPolled.id, hook.id]) {
    const get = await app.inject({ url: url(id), headers: AUTH });
    t.equal(get.statusCode, 404);
    t.match(get.json(), { code: 'NOT_FOUND', field: 'params.id', detail: /not polled/ });
    t.equal((await put(id, { orderNumber: '1' })).statusCode, 404);
    const now = await app.inject({
      method: 'POST',
      url: `/admin/v1/connections/${id}/poll-now`,
      headers: AUTH,
    });
    t.equal(now.statusCode, 404);
  }
  const missing = await app.inject({ url: url('nope'), headers: AUTH });
  t.match(missing.json(), { status: 404, detail: /no connection nope/ });
});
