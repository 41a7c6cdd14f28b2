import { createPostgresDatabase, migrateToLatest } from '@koppel/db';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import t from 'tap';
import { createEmbeddedBus } from '../src/index.js';
import { bytes, openIsolatedDatabaseUrl, recorder, waitUntil } from './kafka-test-bed.js';

/**
 * Offsets come from a sequence, taken when a row is inserted, not when it commits. Two
 * publishers (two processes, or two pool connections of one) can therefore commit out of
 * offset order; a consumer that already committed the higher offset must still get the lower.
 */
t.test('postgres: a publish that commits late is still delivered', async (t) => {
  const url = await openIsolatedDatabaseUrl(t);
  const database = createPostgresDatabase(url);
  await migrateToLatest(database.db);
  // Test scaffolding only: makes the insert of the record keyed "slow" take a second after its
  // offset was drawn, the way a large batch or a stalled disk would.
  await sql`
    create function slow_insert() returns trigger language plpgsql as $$
    begin
      if new.key = 'slow' then perform pg_sleep(1); end if;
      return new;
    end $$`.execute(database.db);
  await sql`create trigger slow_insert before insert on bus_records for each row execute function slow_insert()`.execute(
    database.db,
  );

  const consumerSide = createEmbeddedBus(database.db, { pollIntervalMs: 20 });
  const slowPublisher = createEmbeddedBus(database.db);
  const fastPublisher = createEmbeddedBus(database.db);
  const { received, handler } = recorder();
  const subscription = await consumerSide.subscribe({ groupId: 'g', topic: 'orders.raw', handler });
  t.teardown(async () => {
    await subscription.stop();
    await consumerSide.close();
    await database.close();
  });

  const slow = slowPublisher.publish('orders.raw', [{ key: 'slow', value: bytes('first') }]);
  await sleep(200);
  await fastPublisher.publish('orders.raw', [{ key: 'fast', value: bytes('second') }]);
  await slow;

  // Both publishes resolved: both records are accepted and must arrive.
  await waitUntil('both records', () => received.length >= 2, 5000).catch(() => undefined);
  await sleep(200);
  t.same(
    received.map((m) => m.key),
    ['slow', 'fast'],
    'no accepted record is skipped, and offset order is delivery order',
  );
});
