/**
 * The stock tables on every engine Koppel runs on (a real Postgres and embedded PGlite): last
 * write wins by source time in the database (out of order, and racing from two pools), unknown
 * articles kept and not pushed again, the pusher's version fence, orders in flight against the
 * delivery ledger, and the reader's schedule with its resync.
 */
import {
  createPostgresDatabase,
  createStockAppliedRepository,
  createStockHoldRepository,
  createStockReadScheduleRepository,
  type DatabaseHandle,
  migrateToLatest,
} from '@koppel/db';
import { createMigratedEmbeddedDatabase } from '@koppel/db/testing';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import { sql } from 'kysely';
import t, { type Test } from 'tap';

const kinds = ['postgres', 'pglite'] as const;

async function openDatabase(
  t: Test,
  kind: (typeof kinds)[number],
): Promise<{ db: DatabaseHandle; second: DatabaseHandle }> {
  if (kind === 'pglite') {
    const handle = await createMigratedEmbeddedDatabase(t.testdir());
    await migrateToLatest(handle.db);
    t.teardown(() => handle.close());
    return { db: handle, second: handle };
  }
  const isolated = await createIsolatedDatabase((await resolveInfrastructure()).databaseUrl);
  const handle = createPostgresDatabase(isolated.url);
  const second = createPostgresDatabase(isolated.url);
  await migrateToLatest(handle.db);
  t.teardown(async () => {
    await handle.close();
    await second.close();
    await isolated.drop();
  });
  return { db: handle, second };
}

async function addConnection(handle: DatabaseHandle, id: string): Promise<void> {
  await handle.db
    .insertInto('connections')
    .values({
      id,
      tenant_id: 't',
      name: id,
      source_system: 'shop',
      target_system: 'books',
      webhook_secret_hash: 'x',
      ip_allowlist: '[]',
      rules: '{}',
      settings: '{}',
      credentials_sealed: '',
      active: true,
    })
    .execute();
}

const update = (sku: string, available: number, sourceTime: string, readStartedAt = sourceTime) => ({
  connectionId: 'c1',
  sku,
  ean: '',
  available,
  sourceTime: new Date(sourceTime),
  readStartedAt: new Date(readStartedAt),
  eventId: `${sku}-${sourceTime}-${readStartedAt}`,
  retryUnknown: false,
});

for (const kind of kinds) {
  t.test(kind, async (t) => {
    const { db: handle, second } = await openDatabase(t, kind);
    await addConnection(handle, 'c1');
    const applied = createStockAppliedRepository(handle.db);
    const holds = createStockHoldRepository(handle.db);
    const schedules = createStockReadScheduleRepository(handle.db);

    t.test(
      'a late older update never overwrites a newer one; a later reading of the same time does',
      async (t) => {
        t.ok(await applied.apply(update('LWW', 5, '2026-12-01T10:00:02Z')));
        t.equal(await applied.apply(update('LWW', 9, '2026-12-01T10:00:01Z')), undefined, 'older: refused');
        t.equal(
          await applied.apply(update('LWW', 5, '2026-12-01T10:00:02Z')),
          undefined,
          'the same again: refused',
        );
        const tie = await applied.apply(update('LWW', 4, '2026-12-01T10:00:02Z', '2026-12-01T10:05:00Z'));
        t.equal(tie?.status, 'pending', 'same source time, later reading (a resync): applied');
        const [row] = await applied.report('c1', { limit: 10, afterSku: 'LWV' });
        t.equal(row?.available, 4);
      },
    );

    t.test('updates racing from two pools, in any order, end with the newest', async (t) => {
      const times = Array.from({ length: 30 }, (_, i) => i);
      const shuffled = [...times].sort(() => Math.random() - 0.5);
      const racers = [createStockAppliedRepository(handle.db), createStockAppliedRepository(second.db)];
      await Promise.all(
        shuffled.map((i, n) =>
          racers[n % 2]?.apply(update('RACE', i, new Date(Date.UTC(2026, 11, 1, 10, 0, i)).toISOString())),
        ),
      );
      const [row] = await applied.report('c1', { limit: 1, afterSku: 'RACD' });
      t.equal(row?.sku, 'RACE');
      t.equal(row?.available, 29, 'the newest source time won');
    });

    t.test('the pusher marks only the version it pushed; a newer one stays pending', async (t) => {
      await sql`update stock_applied set status = 'updated' where connection_id = 'c1'`.execute(handle.db);
      await applied.apply(update('FENCE', 3, '2026-12-01T11:00:00Z'));
      const [claim] = await applied.claimDue('c1', 'token-a', 10, 60_000, 60);
      t.equal(claim?.sku, 'FENCE');
      t.same(
        await applied.claimDue('c1', 'token-b', 10, 60_000, 60),
        [],
        'leased rows are not claimed twice',
      );
      await applied.apply(update('FENCE', 2, '2026-12-01T11:00:01Z'));
      await applied.markPushed('c1', 'token-a', [
        { sku: 'FENCE', version: claim?.version ?? '', outcome: 'updated', quantity: 3 },
      ]);
      const [again] = await applied.claimDue('c1', 'token-c', 10, 60_000, 60);
      t.equal(again?.available, 2, 'the newer update is due again');
      await applied.markPushed('c1', 'token-c', [
        { sku: 'FENCE', version: again?.version ?? '', outcome: 'updated', quantity: 2 },
      ]);
      const [row] = await applied.report('c1', { limit: 1, afterSku: 'FENCD' });
      t.equal(row?.status, 'updated');
      t.equal(row?.pushedQuantity, 2);
    });

    t.test(
      'an unknown article is recorded and not pushed again until its quantity changes or a resync asks',
      async (t) => {
        await applied.apply(update('GHOST', 3, '2026-12-01T12:00:00Z'));
        const [claim] = await applied.claimDue('c1', 'token-u', 10, 60_000, 60);
        const unknown = await applied.markPushed('c1', 'token-u', [
          { sku: 'GHOST', version: claim?.version ?? '', outcome: 'unknown-article', quantity: 3 },
        ]);
        t.same(unknown, ['GHOST']);
        const [row] = await applied.report('c1', { limit: 1, status: 'unknown-article' });
        t.equal(row?.sku, 'GHOST');
        t.ok(row?.unknownAt instanceof Date, 'when it was found unknown');
        t.equal((await applied.apply(update('GHOST', 3, '2026-12-01T12:01:00Z')))?.status, 'unknown-article');
        t.same(await applied.claimDue('c1', 'token-v', 10, 60_000, 60), [], 'not retried');
        const retried = await applied.apply({
          ...update('GHOST', 3, '2026-12-01T12:02:00Z'),
          retryUnknown: true,
        });
        t.equal(retried?.status, 'pending', "an operator's resync tries it once more");
        t.same(await applied.countByStatus('c1'), { pending: 1, updated: 3, 'unknown-article': 0 });
      },
    );

    t.test('a failed push keeps the article, due after the backoff', async (t) => {
      const [claim] = await applied.claimDue('c1', 'token-f', 10, 60_000, 60);
      await applied.fail('c1', 'token-f', 'TARGET_UNAVAILABLE: shop down', 3600);
      t.same(await applied.claimDue('c1', 'token-g', 10, 60_000, 60), []);
      const [row] = await applied.report('c1', { limit: 1, status: 'pending' });
      t.equal(row?.sku, claim?.sku);
      t.equal(row?.attempts, 1);
      t.match(row?.lastError, /shop down/);
    });

    t.test('orders in flight: received, not released, not booked before the cut-off', async (t) => {
      await holds.recordOrder('c1', 'o-open', [
        { sku: 'TEA', units: 2 },
        { sku: 'TEA', units: 1 },
      ]);
      await holds.recordOrder('c1', 'o-open', [{ sku: 'TEA', units: 9 }]);
      await holds.recordOrder('c1', 'o-booked-before', [{ sku: 'TEA', units: 4 }]);
      await holds.recordOrder('c1', 'o-booked-after', [{ sku: 'TEA', units: 5 }]);
      await holds.recordOrder('c1', 'o-cancelled', [{ sku: 'TEA', units: 7 }]);
      await holds.release('c1', 'o-cancelled');
      const cutoff = await schedules.now();
      const ledger = (id: string, at: string) =>
        handle.db
          .insertInto('delivery_ledger')
          .values({
            connection_id: 'c1',
            external_order_id: id,
            state: 'delivered',
            document_number: id,
            attempts: 1,
            document_id: id,
            lease_until: null,
            document_requested_at: null,
            updated_at: sql`${cutoff}::timestamptz + ${at}::interval` as unknown as Date,
          })
          .execute();
      await ledger('o-booked-before', '-1 second');
      await ledger('o-booked-after', '1 second');
      const inFlight = await holds.unitsInFlight('c1', cutoff, 60);
      t.equal(
        inFlight.get('TEA'),
        3 + 5,
        'the open order (first record kept) and the one booked after the cut-off',
      );
      await applied.apply({ ...update('TEA', 10, '2026-12-01T13:00:00Z'), readStartedAt: cutoff });
      const claims = await applied.claimDue('c1', 'token-h', 10, 60_000, 60);
      t.equal(
        claims.find((c) => c.sku === 'TEA')?.unitsInFlight,
        8,
        'the pusher counts the same at its cut-off',
      );
    });

    t.test(
      'the read schedule: claimed once, full first, an operator resync forces a full read',
      async (t) => {
        await schedules.ensure('c1');
        const [first] = await schedules.claimDue('books', () => 'lease-1', 60_000, 4);
        t.equal(first?.full, true, 'the first read is a full one');
        t.same(await schedules.claimDue('books', () => 'lease-2', 60_000, 4), [], 'one reader at a time');
        if (!first) throw new Error('no claim');
        t.ok(
          await schedules.complete(first, {
            marker: 'm1',
            intervalSeconds: 3600,
            readAgainNow: false,
            fullResyncMinutes: 60,
          }),
        );
        t.same(await schedules.claimDue('books', () => 'lease-3', 60_000, 4), [], 'not due');
        await schedules.requestResync('c1');
        const [resync] = await schedules.claimDue('books', () => 'lease-4', 60_000, 4);
        t.equal(resync?.full, true);
        t.equal(resync?.changeMarker, 'm1');
        if (!resync) throw new Error('no claim');
        t.notOk(
          await schedules.complete(
            { ...resync, leaseToken: 'stolen' },
            { marker: 'x', intervalSeconds: 1, readAgainNow: false, fullResyncMinutes: 60 },
          ),
        );
        t.ok(
          await schedules.complete(resync, {
            marker: 'm2',
            intervalSeconds: 3600,
            readAgainNow: false,
            fullResyncMinutes: 60,
          }),
        );
        const stored = await schedules.find('c1');
        t.equal(stored?.resyncRequestedAt, null, 'the resync is done');
        t.equal(stored?.changeMarker, 'm2');
      },
    );
  });
}
