import { setTimeout as sleep } from 'node:timers/promises';
import type { TopicSpec } from '@koppel/contracts';
import kafkajs from 'kafkajs';
import t from 'tap';
import type { OutgoingMessage } from '../src/index.js';
import { bytes, openKafkaTestBed, recorder, waitUntil } from './kafka-test-bed.js';

// kafkajs is CommonJS; this enum is not among the named exports Node detects.
const { ConfigResourceTypes } = kafkajs;
const HOUR_MS = 60 * 60 * 1000;
const specs: TopicSpec[] = [
  { name: 'orders.wide', partitions: 4, retentionMs: 2 * HOUR_MS },
  { name: 'orders.narrow', partitions: 1, retentionMs: 30 * 24 * HOUR_MS },
];

t.test('ensureTopics creates missing topics with their partitions and retention, once', async (t) => {
  const { bus, admin, prefix } = await openKafkaTestBed(t);
  await bus.ensureTopics(specs, prefix);
  await bus.ensureTopics(specs, prefix);
  t.pass('a second call with existing topics succeeds');

  const names = specs.map((s) => `${prefix}${s.name}`);
  const { topics } = await admin.fetchTopicMetadata({ topics: names });
  t.same(Object.fromEntries(topics.map((topic) => [topic.name, topic.partitions.length])), {
    [`${prefix}orders.wide`]: 4,
    [`${prefix}orders.narrow`]: 1,
  });
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: names.map((name) => ({
      type: ConfigResourceTypes.TOPIC,
      name,
      configNames: ['retention.ms'],
    })),
  });
  const retention = Object.fromEntries(
    configs.resources.map((r) => [
      r.resourceName,
      r.configEntries.find((e) => e.configName === 'retention.ms')?.configValue,
    ]),
  );
  t.same(retention, {
    [`${prefix}orders.wide`]: String(2 * HOUR_MS),
    [`${prefix}orders.narrow`]: String(30 * 24 * HOUR_MS),
  });
});

t.test('publishing to a topic nobody created fails and creates nothing', async (t) => {
  const { bus, admin, prefix } = await openKafkaTestBed(t);
  const missing = `${prefix}never.created`;
  await t.rejects(bus.publish(missing, [{ key: 'k', value: bytes('v') }]));
  await sleep(200);
  t.notOk((await admin.listTopics()).includes(missing), 'broker auto-create stayed off');
});

t.test('publish then subscribe keeps key, value bytes and headers', async (t) => {
  const { bus, prefix } = await openKafkaTestBed(t);
  const [spec] = specs;
  if (!spec) throw new Error('unreachable');
  await bus.ensureTopics([spec], prefix);
  const topic = `${prefix}${spec.name}`;
  const binary = new Uint8Array([0, 1, 2, 127, 128, 254, 255, 0]);
  const sent: OutgoingMessage[] = [
    {
      key: 'conn-1:order-1',
      value: binary,
      headers: { 'content-type': 'application/x-protobuf', 'x-n': '1' },
    },
    { key: 'conn-1:order-2', value: bytes('árvíztűrő tükörfúrógép'), headers: { 'x-n': '2' } },
    { key: 'conn-1:order-3', value: new Uint8Array(), headers: {} },
  ];
  await bus.publish(topic, sent);
  await bus.publish(topic, []);

  const { received, handler } = recorder();
  const subscription = await bus.subscribe({
    groupId: `${prefix}roundtrip`,
    topic,
    handler,
    fromBeginning: true,
  });
  t.teardown(() => subscription.stop());
  await waitUntil('three records', () => received.length >= 3);

  const byKey = new Map(received.map((m) => [m.key, m]));
  for (const message of sent) {
    const got = byKey.get(message.key);
    t.ok(got, `${message.key} arrived`);
    t.same(Buffer.from(got?.value ?? []), Buffer.from(message.value), `${message.key}: value bytes`);
    t.same(got?.headers, message.headers, `${message.key}: headers`);
    t.equal(got?.topic, topic);
    t.ok((got?.partition ?? -1) >= 0 && (got?.partition ?? 4) < 4, 'partition in range');
    t.match(got?.offset, /^\d+$/, 'offset as a decimal string');
  }
  await sleep(300);
  t.equal(received.length, 3, 'nothing delivered twice');
});

t.test('ping answers while the broker does', async (t) => {
  const { bus } = await openKafkaTestBed(t);
  t.equal(await bus.ping(), true);
  t.equal(bus.kind, 'kafka');
});
