import { sql } from 'kysely';
import t from 'tap';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import {
  createPostgresDatabase,
  migrateToLatest,
  migrationNames,
  pendingMigrations,
  waitForMigrations,
} from '../src/index.js';
import { databaseKinds, openFreshDatabase, openMigratedDatabase } from './databases.js';

const expectedTables = [
  'bus_offsets',
  'bus_records',
  'connections',
  'customers',
  'debtor_bindings',
  'delivery_ledger',
  'inbox',
  'order_journey',
  'poll_schedules',
];

/** Later migrations add tables of their own; these are the ones every repository here relies on. */
const hasExpectedTables = (tables: string[]) => expectedTables.every((table) => tables.includes(table));

for (const kind of databaseKinds) {
  t.test(`${kind}: migrations run from scratch and a second run changes nothing`, async (t) => {
    const { db } = await openFreshDatabase(t, kind);
    const tables = async () =>
      (
        await sql<{ name: string }>`
          select table_name as name from information_schema.tables
          where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(db)
      ).rows.map((r) => r.name);
    t.same(await tables(), [], 'starts empty');

    await migrateToLatest(db);
    const created = await tables();
    t.ok(hasExpectedTables(created), `the core tables exist: ${created.join(', ')}`);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    t.same(
      applied.rows.map((r) => r.name),
      [...migrationNames],
      'every listed migration applied, in order',
    );

    await db.insertInto('bus_offsets').values({ group_id: 'g', topic: 't', committed_offset: '7' }).execute();
    await migrateToLatest(db);
    await migrateToLatest(db);
    t.same(await tables(), created, 'idempotent');
    const again = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(db);
    t.equal(again.rows[0]?.n, migrationNames.length, 'no migration recorded twice');
    const kept = await db.selectFrom('bus_offsets').select('committed_offset').executeTakeFirstOrThrow();
    t.equal(String(kept.committed_offset), '7', 'rows survive a re-run');
  });

  t.test(`${kind}: the constraints the repositories rely on exist`, async (t) => {
    const { db } = await openMigratedDatabase(t, kind);
    const constraints = await sql<{ table: string; name: string; type: string }>`
      select table_name as table, constraint_name as name, constraint_type as type
      from information_schema.table_constraints
      where table_schema = 'public' and constraint_type in ('UNIQUE', 'PRIMARY KEY')
      order by table_name, constraint_name`.execute(db);
    const uniques = constraints.rows.map((r) => `${r.table}:${r.type}`);
    for (const expected of [
      'inbox:UNIQUE',
      'customers:UNIQUE',
      'debtor_bindings:PRIMARY KEY',
      'delivery_ledger:PRIMARY KEY',
      'bus_offsets:PRIMARY KEY',
    ]) {
      t.ok(uniques.includes(expected), expected);
    }
  });
}

t.test('three services migrating one fresh database at once end in one schema', async (t) => {
  const infra = await resolveInfrastructure();
  const isolated = await createIsolatedDatabase(infra.databaseUrl);
  const services = [1, 2, 3].map(() => createPostgresDatabase(isolated.url, { maxConnections: 2 }));
  t.teardown(async () => {
    await Promise.all(services.map((s) => s.close()));
    await isolated.drop();
  });
  const results = await Promise.allSettled(services.map((s) => migrateToLatest(s.db)));
  t.same(
    results.map((r) => r.status),
    ['fulfilled', 'fulfilled', 'fulfilled'],
    'the Kysely migration lock serialises them',
  );
  const [one] = services;
  if (!one) throw new Error('unreachable');
  const applied = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(one.db);
  t.equal(applied.rows[0]?.n, migrationNames.length, 'each migration applied once');
});

t.test('a deployable that does not migrate waits for the migrations Job, then starts', async (t) => {
  const { db } = await openFreshDatabase(t, 'postgres');
  t.same(await pendingMigrations(db), [...migrationNames], 'a fresh database lacks every migration');
  await t.rejects(
    waitForMigrations(db, { timeoutMs: 50, pollMs: 10 }),
    { message: /lacks \d+ migration\(s\) of this release \(0001-initial, .*MIGRATE_ON_START=true/ },
    'gives up after its timeout, naming what is missing and how to apply it',
  );
  const waits: string[][] = [];
  const waiting = waitForMigrations(db, { timeoutMs: 30_000, pollMs: 20, onWait: (p) => waits.push(p) });
  await new Promise((resolve) => setTimeout(resolve, 60));
  await migrateToLatest(db); // the Job
  await waiting;
  t.ok(waits.length > 0, 'it waited while the schema was behind');
  t.same(await pendingMigrations(db), [], 'nothing pending afterwards');
});
