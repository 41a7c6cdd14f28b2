import { randomBytes } from 'node:crypto';
import { IngestChannel } from '@koppel/contracts';
import type { MessageBus } from '@koppel/kafka';
import type { LightMyRequestResponse } from 'fastify';
import t, { type Test } from 'tap';
import { Webhook } from 'standardwebhooks';
import {
  BODY_LIMIT_BYTES,
  startIngestHarness,
  shoprenterOrder,
  TOPIC_PREFIX,
  webhookBody,
} from '../support/ingest-harness.js';

const harness = await startIngestHarness(t);
const app = await harness.buildApp();
const json = { 'content-type': 'application/json' };

/** Asserts an RFC 9457 answer with this status and code (and field, when the error names one). */
function assertProblem(
  t: Test,
  response: LightMyRequestResponse,
  status: number,
  code: string,
  field?: string,
) {
  t.equal(response.statusCode, status, `${code}: status ${status}`);
  t.match(response.headers['content-type'], /^application\/problem\+json/, `${code}: problem+json`);
  const problem = response.json();
  t.match(problem, { status, code, title: code, detail: String }, `${code}: names the code and says why`);
  if (field !== undefined) t.equal(problem.field, field, `${code}: names the field ${field}`);
}

t.test('a webhook with several orders becomes one orders.raw record per order', async (t) => {
  const connection = await harness.createConnection();
  const before = (await harness.rawRecords()).length;
  const response = await app.inject({
    method: 'POST',
    url: connection.url,
    headers: json,
    payload: webhookBody(shoprenterOrder('1001'), shoprenterOrder('1002'), shoprenterOrder('1003')),
  });
  t.equal(response.statusCode, 202);
  t.same(response.json(), { accepted: 3, duplicates: 0, ignored: 0 });

  const records = (await harness.rawRecords()).slice(before);
  t.same(
    records.map((r) => r.key),
    [`${connection.id}:1001`, `${connection.id}:1002`, `${connection.id}:1003`],
    'keyed by connection and order, in webhook order',
  );
  const first = records[0]?.event;
  t.match(first, {
    connectionId: connection.id,
    tenantId: 'tenant-ingest',
    sourceSystem: 'shoprenter',
    eventType: 'order_confirm',
    eventKey: 'order:1001:status:1',
    externalOrderId: '1001',
    contentType: 'application/json',
    channel: IngestChannel.WEBHOOK,
  });
  t.ok(first?.eventId, 'every event has an id');
  t.equal(new Set(records.map((r) => r.event.eventId)).size, 3, 'and the ids differ');
  t.match(JSON.parse(new TextDecoder().decode(first?.payload)), { innerId: '1001' }, 'one order per payload');

  t.equal(await harness.inbox.count(connection.id), 3, 'each event has its inbox row');
  const journey = await harness.journey.list(connection.id, '1002');
  t.same(
    journey.map((e) => e.stage),
    ['received'],
  );
  t.match(journey[0]?.detail, { eventId: records[1]?.event.eventId, sourcePayload: { innerId: '1002' } });
});

t.test('a repeated webhook is acknowledged as duplicate and produces nothing again', async (t) => {
  const connection = await harness.createConnection();
  const body = webhookBody(shoprenterOrder('2001'), shoprenterOrder('2002'));
  const send = (payload: string) =>
    app.inject({ method: 'POST', url: connection.url, headers: json, payload });

  t.same((await send(body)).json(), { accepted: 2, duplicates: 0, ignored: 0 });
  const afterFirst = (await harness.rawRecords()).length;

  const repeat = await send(body);
  t.equal(repeat.statusCode, 202, 'the source is told it arrived, so it stops retrying');
  t.same(repeat.json(), { accepted: 0, duplicates: 2, ignored: 0 });
  t.equal((await harness.rawRecords()).length, afterFirst, 'no second message on orders.raw');
  t.same(
    (await harness.journey.list(connection.id, '2001')).map((e) => e.stage),
    ['received', 'duplicate_ignored'],
  );

  const changed = await send(
    webhookBody(shoprenterOrder('2001'), shoprenterOrder('2002', '2', '2025-03-02 09:00:00')),
  );
  t.same(
    changed.json(),
    { accepted: 1, duplicates: 1, ignored: 0 },
    'a status change of the same order is a new event',
  );
  const records = await harness.rawRecords();
  t.equal(records.length, afterFirst + 1);
  t.equal(records.at(-1)?.event.eventKey, 'order:2002:status:2');
});

t.test('a failed publish answers 503 and keeps the event, so the retry republishes it once', async (t) => {
  let busDown = true;
  const flaky: MessageBus = {
    ...harness.bus,
    publish: (topic, messages) =>
      busDown ? Promise.reject(new Error('broker unreachable')) : harness.bus.publish(topic, messages),
  };
  const flakyApp = await harness.buildApp({ bus: flaky });
  const connection = await harness.createConnection();
  const body = webhookBody(shoprenterOrder('3001'));
  const send = () => flakyApp.inject({ method: 'POST', url: connection.url, headers: json, payload: body });

  const failed = await send();
  assertProblem(t, failed, 503, 'BUS_UNAVAILABLE');
  t.equal(failed.headers['retry-after'], '5', 'tells the source when to retry');
  t.equal(await harness.inbox.count(connection.id), 1, 'the inbox row and its event id are kept');
  t.notOk(await harness.inbox.isPublished(connection.id, 'order:3001:status:1'), 'as not yet published');

  busDown = false;
  const retried = await send();
  t.same(
    retried.json(),
    { accepted: 1, duplicates: 0, ignored: 0 },
    'the retry is accepted, not taken as a duplicate',
  );
  const mine = (await harness.rawRecords()).filter((r) => r.event.connectionId === connection.id);
  t.equal(mine.length, 1, 'one record on orders.raw');
  t.equal(await harness.inbox.count(connection.id), 1, 'under the one inbox row');
});

t.test('a body over the size limit is 413 problem+json and produces nothing', async (t) => {
  const connection = await harness.createConnection();
  const before = (await harness.rawRecords()).length;
  const order = { ...shoprenterOrder('4001'), comment: 'x'.repeat(BODY_LIMIT_BYTES) };
  const response = await app.inject({
    method: 'POST',
    url: connection.url,
    headers: json,
    payload: webhookBody(order),
  });
  assertProblem(t, response, 413, 'PAYLOAD_TOO_LARGE', 'body');
  t.equal((await harness.rawRecords()).length, before);
  t.equal(await harness.inbox.count(connection.id), 0);
});

t.test('the signed (Standard Webhooks) route refuses a source that does not sign', async (t) => {
  // No source connector signs with Standard Webhooks yet: Shoprenter authenticates by URL secret.
  const connection = await harness.createConnection({
    credentials: { webhookSigningSecret: `whsec_${randomBytes(32).toString('base64')}` },
  });
  const body = webhookBody(shoprenterOrder('5001'));
  const now = new Date();
  const signed = {
    ...json,
    'webhook-id': 'msg_1',
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(`whsec_${randomBytes(32).toString('base64')}`).sign('msg_1', now, body),
  };
  const response = await app.inject({
    method: 'POST',
    url: `/webhooks/shoprenter/${connection.id}`,
    headers: signed,
    payload: body,
  });
  assertProblem(t, response, 401, 'WEBHOOK_SECRET_INVALID', 'path.secret');

  const unknown = await app.inject({
    method: 'POST',
    url: `/webhooks/shoprenter/no-such-connection`,
    headers: signed,
    payload: body,
  });
  assertProblem(t, unknown, 404, 'UNKNOWN_CONNECTION', 'path.connectionId');
  t.equal(await harness.inbox.count(connection.id), 0, 'nothing was admitted');
});

t.test('connections that cannot take the webhook answer 404 or 401', async (t) => {
  const inactive = await harness.createConnection({ active: false });
  const active = await harness.createConnection();
  const body = webhookBody(shoprenterOrder('6001'));
  const post = (url: string) => app.inject({ method: 'POST', url, headers: json, payload: body });

  assertProblem(t, await post(inactive.url), 404, 'UNKNOWN_CONNECTION', 'path.connectionId');
  assertProblem(
    t,
    await post(`/webhooks/mijnwebwinkel/${active.id}/${active.secret}`),
    404,
    'UNKNOWN_CONNECTION',
    'path.connectionId',
  );
  assertProblem(
    t,
    await post(`/webhooks/shoprenter/${active.id}/${inactive.secret}`),
    401,
    'WEBHOOK_SECRET_INVALID',
    'path.secret',
  );
  assertProblem(
    t,
    await post(`/webhooks/shoprenter/${active.id}`),
    401,
    'WEBHOOK_SECRET_INVALID',
    'path.secret',
  );
  assertProblem(t, await post('/webhooks/shoprenter'), 404, 'NOT_FOUND');
  t.equal(await harness.inbox.count(inactive.id), 0);
  t.equal(await harness.inbox.count(active.id), 0);
});

t.test('the IP allowlist is checked against the caller address', async (t) => {
  const connection = await harness.createConnection({ ipAllowlist: ['203.0.113.7', '10.20.0.0/16'] });
  const post = (remoteAddress: string, innerId: string) =>
    app.inject({
      method: 'POST',
      url: connection.url,
      headers: json,
      payload: webhookBody(shoprenterOrder(innerId)),
      remoteAddress,
    });

  const refused = await post('198.51.100.1', '7001');
  assertProblem(t, refused, 403, 'WEBHOOK_IP_NOT_ALLOWED');
  t.match(refused.json().detail, /198\.51\.100\.1/, 'names the refused address');
  t.equal(await harness.inbox.count(connection.id), 0, 'a refused webhook is not admitted');

  t.equal((await post('203.0.113.7', '7002')).statusCode, 202, 'a listed address');
  t.equal((await post('10.20.200.3', '7003')).statusCode, 202, 'an address in a listed range');
  t.equal((await post('::ffff:203.0.113.7', '7004')).statusCode, 202, 'an IPv4-mapped IPv6 address');
  t.equal(await harness.inbox.count(connection.id), 3);
});

t.test('behind a trusted proxy the allowlist sees the forwarded address', async (t) => {
  const proxied = await harness.buildApp({ trustProxy: true });
  const connection = await harness.createConnection({ ipAllowlist: ['203.0.113.7'] });
  const post = (forwardedFor: string, innerId: string) =>
    proxied.inject({
      method: 'POST',
      url: connection.url,
      headers: { ...json, 'x-forwarded-for': forwardedFor },
      payload: webhookBody(shoprenterOrder(innerId)),
      remoteAddress: '10.0.0.2',
    });
  t.equal((await post('203.0.113.7', '8001')).statusCode, 202);
  assertProblem(t, await post('198.51.100.1', '8002'), 403, 'WEBHOOK_IP_NOT_ALLOWED');

  const direct = await app.inject({
    method: 'POST',
    url: connection.url,
    headers: { ...json, 'x-forwarded-for': '203.0.113.7' },
    payload: webhookBody(shoprenterOrder('8003')),
    remoteAddress: '198.51.100.1',
  });
  // Without trustProxy a forged X-Forwarded-For is ignored.
  assertProblem(t, direct, 403, 'WEBHOOK_IP_NOT_ALLOWED');
});

t.test('bodies the source connector cannot take are 4xx problems naming the field', async (t) => {
  const connection = await harness.createConnection();
  const post = (contentType: string, payload: string) =>
    app.inject({ method: 'POST', url: connection.url, headers: { 'content-type': contentType }, payload });

  assertProblem(t, await post('text/plain', 'hello'), 415, 'UNSUPPORTED_MEDIA_TYPE', 'headers.content-type');
  assertProblem(
    t,
    await post('application/json', '{"orders":{"order":[]}}'),
    400,
    'MALFORMED_BODY',
    'orders.order',
  );
  assertProblem(
    t,
    await post('application/json', webhookBody({ ...shoprenterOrder('1'), innerId: 'abc' })),
    400,
    'MALFORMED_BODY',
    'orders.order[0].innerId',
  );
  t.equal(await harness.inbox.count(connection.id), 0);
  t.notOk(
    (await harness.rawRecords()).some((r) => r.event.connectionId === connection.id),
    'nothing reached orders.raw',
  );
});

t.test('records go to the prefixed topic only', async (t) => {
  const topicsSeen = await harness.database.db.selectFrom('bus_records').select('topic').distinct().execute();
  t.same(
    topicsSeen.map((r) => r.topic),
    [`${TOPIC_PREFIX}orders.raw`],
  );
});

t.test('text Postgres cannot hold (a lone surrogate, a NUL) is accepted and kept as U+FFFD', async (t) => {
  const connection = await harness.createConnection();
  const order = { ...shoprenterOrder('4101'), firstname: 'An\ud800na', comment: 'a\u0000b' };
  const response = await app.inject({
    method: 'POST',
    url: connection.url,
    headers: json,
    payload: webhookBody(order),
  });
  t.equal(response.statusCode, 202, 'never a 500');
  t.same(response.json(), { accepted: 1, duplicates: 0, ignored: 0 });
  const journey = await harness.journey.list(connection.id, '4101');
  t.match(journey[0]?.detail, { sourcePayload: { firstname: 'An\uFFFDna', comment: 'a\uFFFDb' } });
});

t.test(
  'an order id Koppel cannot file refuses the whole webhook, naming it, and admits nothing',
  async (t) => {
    const connection = await harness.createConnection();
    const before = (await harness.rawRecords()).length;
    // Past what a Shoprenter id can be, within the harness's 4 KB body limit.
    const longId = `1${'7'.repeat(1500)}`;
    const response = await app.inject({
      method: 'POST',
      url: connection.url,
      headers: json,
      payload: webhookBody(shoprenterOrder('4201'), shoprenterOrder(longId)),
    });
    assertProblem(t, response, 400, 'MALFORMED_BODY', 'orders.order[1].innerId');
    t.match(response.json().detail, /not a number of at most 20 digits/);
    t.equal((await harness.rawRecords()).length, before, 'not even the first order was admitted');
    t.equal(await harness.inbox.count(connection.id), 0);
  },
);
