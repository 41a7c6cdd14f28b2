import { fromBinary } from '@bufbuild/protobuf';
import { DeadLetterRecordSchema, topicName, topics } from '@koppel/contracts';
import { Kafka, logLevel } from 'kafkajs';
import t from 'tap';
import { eventually } from '../support/eventually.js';
import { type PipelineFixture, startPipelineFixture } from '../support/pipeline-fixture.js';

let fx: PipelineFixture;
t.before(async () => {
  fx = await startPipelineFixture();
});
t.teardown(async () => fx?.close());

async function recordsOn(topic: string): Promise<number> {
  const admin = new Kafka({ brokers: fx.kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(
      topicName(topics[topic as keyof typeof topics], fx.topicPrefix),
    );
    return offsets.reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

const post = (url: string, contentType: string, body: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });

t.test('bad webhooks get a clear 4xx problem and produce nothing', async (t) => {
  const wrongSecretUrl = fx.webhookUrl.replace(/\/[^/]+$/, '/not-the-secret');
  const unknownUrl = fx.webhookUrl.replace(fx.connectionId, 'no-such-connection');
  const cases = [
    {
      name: 'malformed JSON',
      url: fx.webhookUrl,
      type: 'application/json',
      body: '{"orders": {"order": [',
      status: 400,
    },
    {
      name: 'malformed XML',
      url: fx.webhookUrl,
      type: 'application/xml',
      body: '<orders><order><innerId>1</order>',
      status: 400,
    },
    { name: 'unknown connection', url: unknownUrl, type: 'application/json', body: '{}', status: 404 },
    { name: 'wrong secret', url: wrongSecretUrl, type: 'application/json', body: '{}', status: 401 },
    { name: 'unsupported media type', url: fx.webhookUrl, type: 'text/plain', body: 'hello', status: 415 },
  ];
  for (const c of cases) {
    const response = await post(c.url, c.type, c.body);
    t.equal(response.status, c.status, `${c.name}: ${c.status}`);
    t.match(
      response.headers.get('content-type') ?? '',
      /application\/problem\+json/,
      `${c.name}: problem+json`,
    );
    const problem = (await response.json()) as { code?: string; detail?: string };
    t.ok(problem.code && problem.detail, `${c.name}: names the code and says why (${problem.code})`);
  }
  t.equal(await recordsOn('ordersRaw'), 0, 'nothing was produced to orders.raw');
});

t.test('an order that fails mapping becomes a dead-letter record with the reason', async (t) => {
  const body = JSON.stringify({
    orders: {
      order: [
        {
          storeName: 'demo',
          innerId: '9001',
          email: 'broken@example.nl',
          firstname: 'Bro',
          lastname: 'Ken',
          currency: 'EUR',
          total: '10',
          totalGross: '12.1',
          taxPrice: '2.1',
          orderHistory: { status: '1', statusText: 'Pending', comment: '', dateAdded: '2026-11-20 10:00:00' },
          orderProducts: {
            orderProduct: [
              { innerId: '1', name: 'Mug', sku: 'MUG-01', price: 'ten euros', taxRate: '21', quantity: '1' },
            ],
          },
        },
      ],
    },
  });
  const response = await post(fx.webhookUrl, 'application/json', body);
  t.equal(response.status, 202, 'ingest accepts it: the body is a well-formed webhook');
  const dead = await eventually('the dead-letter journey entry', async () =>
    (await fx.journey('9001')).find((s) => s.stage === 'dead_lettered'),
  );
  t.equal(dead.detail.stage, 'mapping');
  t.equal(dead.detail.code, 'DECODE_FAILED');
  t.match(String(dead.detail.field), /price/, 'the field at fault is named');

  const received: Uint8Array[] = [];
  const subscription = await fx.bus.subscribe({
    groupId: `${fx.topicPrefix}dlq-reader`,
    topic: topicName(topics.deadLetter, fx.topicPrefix),
    fromBeginning: true,
    handler: async (message) => {
      received.push(message.value);
    },
  });
  t.teardown(() => subscription.stop());
  const record = await eventually('the dead-letter record', () => {
    const first = received[0];
    return first ? fromBinary(DeadLetterRecordSchema, first) : undefined;
  });
  t.equal(record.stage, 'mapping');
  t.equal(record.errorCode, 'DECODE_FAILED');
  t.equal(record.externalOrderId, '9001');
  t.equal(
    record.sourceTopic,
    topicName(topics.ordersRaw, fx.topicPrefix),
    'replayable: names its source topic',
  );
  t.ok(record.payload.length > 0, 'and carries the original record');
});
