import { sql } from 'kysely';
import t, { type Test } from 'tap';
import { createTargetRateBucketRepository, type DatabaseHandle } from '../src/index.js';
import { createMigratedEmbeddedDatabase } from '../src/testing/index.js';
import { type DatabaseKind, databaseKinds, openMigratedDatabase } from './databases.js';

/** Migrated; PGlite from the machine's migrated template (its initdb costs seconds of CPU). */
async function openMigrated(t: Test, kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'postgres') {
    const database = await openMigratedDatabase(t, kind);
    return database;
  }
  const database = await createMigratedEmbeddedDatabase(t.testdir());
  t.teardown(() => database.close());
  return database;
}

// One token a second: the waits are read, never slept, and PGlite's slower statements stay small beside them.
const shape = { requestsPerSecond: 1, burst: 3 };

for (const kind of databaseKinds) {
  t.test(`${kind}: the shared token bucket`, async (t) => {
    const database = await openMigrated(t, kind);
    const buckets = createTargetRateBucketRepository(database.db);
    const key = { system: 'asperion', connectionId: 'c-1' };

    const burst = await Promise.all([1, 2, 3].map(() => buckets.take(key, shape)));
    t.same(
      burst.map((take) => take.waitMs),
      [0, 0, 0],
      'a fresh bucket lets the burst go at once',
    );
    // Concurrent takes queue behind each other (the row lock serialises the upserts). Held by a
    // pause, the bucket refills nothing meanwhile, so each take's place in the queue is exact
    // however slowly the statements run: the wait past the pause is one second per place.
    await sql`update target_rate_buckets set tokens = 0, refilled_at = clock_timestamp() + interval '10 seconds'`.execute(
      database.db,
    );
    const queued = await Promise.all([1, 2, 3, 4].map(() => buckets.take(key, shape)));
    t.same(
      queued.map((take) => take.waitMs - take.blockedMs).sort((a, b) => a - b),
      [1000, 2000, 3000, 4000],
      'an empty bucket hands out one slot per second, in order',
    );
    t.ok(
      queued.every((take) => take.blockedMs > 5000 && take.blockedMs <= 10_000),
      'and none before the pause ends',
    );
    t.same(
      await buckets.take({ ...key, system: 'accountview' }, shape),
      { waitMs: 0, blockedMs: 0 },
      'another system of the connection has its own bucket',
    );

    const tokensNow = async () =>
      (
        await database.db
          .selectFrom('target_rate_buckets')
          .select('tokens')
          .where('system', '=', 'asperion')
          .executeTakeFirstOrThrow()
      ).tokens;
    const before = await tokensNow();
    await buckets.giveBack(key, shape);
    t.equal(await tokensNow(), before + 1, 'a token given back shortens the queue by one slot');

    // A 429 on a bucket with no pause running: every take waits out its Retry-After.
    await sql`update target_rate_buckets set tokens = 0, refilled_at = clock_timestamp()`.execute(
      database.db,
    );
    await buckets.block(key, 5);
    const paused = await buckets.take(key, shape);
    t.ok(
      paused.blockedMs > 3000 && paused.blockedMs <= 5000,
      `a Retry-After of 5 s holds every take (${paused.blockedMs} ms)`,
    );
    t.equal(paused.waitMs - paused.blockedMs, 1000, 'and the bucket is empty when it ends');
    await buckets.block(key, 1);
    t.ok(
      (await buckets.take(key, shape)).blockedMs > 3000,
      'a shorter Retry-After never shortens a running pause',
    );
    const blocked = await database.db
      .selectFrom('target_rate_buckets')
      .select('blocked_until')
      .where('system', '=', 'asperion')
      .executeTakeFirstOrThrow();
    t.ok(blocked.blocked_until !== null, 'the end of the pause is kept for a person to read');

    // A bucket not used for a while is full again (capped at the burst), by the database clock.
    await database.db
      .updateTable('target_rate_buckets')
      .set({ refilled_at: new Date(Date.now() - 60_000), tokens: -2 })
      .execute();
    const refilled = await Promise.all([1, 2, 3, 4].map(() => buckets.take(key, shape)));
    t.same(
      refilled.map((take) => take.waitMs > 0).sort(),
      [false, false, false, true],
      'no more than the burst after a quiet spell',
    );
  });

  t.test(`${kind}: concurrent takes share a statement, and two replicas still queue as one`, async (t) => {
    const database = await openMigrated(t, kind);
    let statements = 0;
    const counted = database.db.withPlugin({
      transformQuery: ({ node }) => {
        statements += 1;
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const replicaA = createTargetRateBucketRepository(counted);
    const replicaB = createTargetRateBucketRepository(database.db);
    const key = { system: 'asperion', connectionId: 'c-2' };
    await replicaA.take(key, shape);
    await sql`update target_rate_buckets set tokens = 0, refilled_at = clock_timestamp() + interval '10 seconds'`.execute(
      database.db,
    );
    statements = 0;
    const takes = await Promise.all([
      ...Array.from({ length: 20 }, () => replicaA.take(key, shape)),
      ...Array.from({ length: 5 }, () => replicaB.take(key, shape)),
    ]);
    t.ok(statements < 20, `20 concurrent takes of one replica went out in ${statements} statements`);
    t.same(
      takes.map((take) => take.waitMs - take.blockedMs).sort((a, b) => a - b),
      Array.from({ length: 25 }, (_, i) => (i + 1) * 1000),
      'every take of both replicas has a slot of its own, one second apart',
    );
  });
}
