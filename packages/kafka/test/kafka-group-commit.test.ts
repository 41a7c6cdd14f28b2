import t from 'tap';
import { bytes, openKafkaTestBed, recorder, waitUntil } from './kafka-test-bed.js';

const spec = (name: string) => ({ name, partitions: 3, retentionMs: 3_600_000 });

t.test(
  'concurrent publishes leave together yet each is acknowledged, none lost, order kept per key',
  async (t) => {
    const bed = await openKafkaTestBed(t);
    await bed.bus.ensureTopics([spec('a'), spec('b')], bed.prefix);
    const keys = ['k1', 'k2', 'k3', 'k4'];
    const publishes = Array.from({ length: 200 }, (_, index) => {
      const topic = `${bed.prefix}${index % 2 === 0 ? 'a' : 'b'}`;
      const key = keys[index % keys.length] ?? 'k';
      return bed.bus.publish(topic, [{ key, value: bytes(String(index)) }]);
    });
    const settled = await Promise.allSettled(publishes);
    t.equal(settled.filter((s) => s.status === 'fulfilled').length, 200, 'every publish resolved');

    const a = recorder();
    const b = recorder();
    const subscriptions = [
      await bed.bus.subscribe({ topic: `${bed.prefix}a`, groupId: `${bed.prefix}g-a`, handler: a.handler }),
      await bed.bus.subscribe({ topic: `${bed.prefix}b`, groupId: `${bed.prefix}g-b`, handler: b.handler }),
    ];
    t.teardown(async () => {
      for (const subscription of subscriptions) await subscription.stop();
    });
    await waitUntil('all 200 records', () => a.received.length + b.received.length === 200, 30_000);
    const all = [...a.received, ...b.received];
    t.equal(new Set(all.map((m) => new TextDecoder().decode(m.value))).size, 200, 'each record exactly once');
    for (const received of [a.received, b.received]) {
      for (const key of keys) {
        const sequence = received
          .filter((m) => m.key === key)
          .map((m) => Number(new TextDecoder().decode(m.value)));
        t.same(
          sequence,
          [...sequence].sort((x, y) => x - y),
          `records of ${key} arrive in publish order`,
        );
      }
    }
  },
);

t.test('a batch that fails rejects its callers; later publishes go through', async (t) => {
  const bed = await openKafkaTestBed(t);
  await bed.bus.ensureTopics([spec('ok')], bed.prefix);
  await t.rejects(
    bed.bus.publish(`${bed.prefix}missing`, [{ key: 'x', value: bytes('lost?') }]),
    'publishing to a topic that does not exist fails for its caller',
  );
  await bed.bus.publish(`${bed.prefix}ok`, [{ key: 'y', value: bytes('after') }]);
  const r = recorder();
  const subscription = await bed.bus.subscribe({
    topic: `${bed.prefix}ok`,
    groupId: `${bed.prefix}g`,
    handler: r.handler,
  });
  t.teardown(() => subscription.stop());
  await waitUntil('the later record', () => r.received.length === 1);
  t.equal(new TextDecoder().decode(r.received[0]?.value), 'after');
});
