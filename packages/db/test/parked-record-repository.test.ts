import { type Kysely, sql } from 'kysely';
import t from 'tap';
import { createParkedRecordRepository, type Database } from '../src/index.js';
import { databaseKinds, openMigratedDatabase } from './databases.js';

const source = (key: string, offset: string) => ({
  groupId: 'g',
  topic: 'deliveries.asperion',
  partition: 0,
  offset,
  key,
  value: new TextEncoder().encode(`${key}@${offset}`),
  headers: { traceparent: 'x' },
});

/** Makes every row due now (the repository compares with the database clock). */
const makeAllDue = (db: Kysely<Database>) =>
  db.updateTable('parked_records').set({ due_at: sql<Date>`now() - interval '1 second'` }).execute();

for (const kind of databaseKinds) {
  t.test(`${kind}: due heads of key only, leased, in order; parking is idempotent`, async (t) => {
    const { db } = await openMigratedDatabase(t, kind);
    const parked = createParkedRecordRepository(db);

    await parked.park(source('a', '1'), {
      attempts: 3,
      delayMs: 60_000,
      lastError: 'TARGET_UNAVAILABLE: 503',
    });
    await parked.park(source('a', '1'), { attempts: 9, delayMs: 0, lastError: null });
    await parked.park(source('a', '4'), { attempts: 0, delayMs: 0, lastError: null });
    await parked.park(source('b', '2'), { attempts: 1, delayMs: 0, lastError: null });
    t.equal(await parked.count('g'), 3, 'a re-delivered offset is parked once');
    t.ok(await parked.hasParked('g', 'deliveries.asperion', 'a'));
    t.notOk(await parked.hasParked('g', 'deliveries.asperion', 'c'));
    t.notOk(await parked.hasParked('other-group', 'deliveries.asperion', 'a'), 'per consumer group');
    t.same(
      await Promise.all(
        [
          ['g', 'a'],
          ['g', 'c'],
          ['other-group', 'a'],
          ['g', 'b'],
          ['g', 'a'],
        ].map(([group = '', key = '']) => parked.hasParked(group, 'deliveries.asperion', key)),
      ),
      [true, false, false, true, true],
      'concurrent asks (answered together) each get their own answer',
    );

    const first = await parked.claimDue('g', 'deliveries.asperion', 10, 60_000);
    t.same(
      first.map((r) => [r.key, r.offset]),
      [['b', '2']],
      'a@4 is due but waits behind a@1, which is not due yet',
    );
    t.same(await parked.claimDue('g', 'deliveries.asperion', 10, 60_000), [], 'a claimed row is leased');

    await makeAllDue(db);
    const heads = await parked.claimDue('g', 'deliveries.asperion', 10, 60_000);
    t.same(
      heads.map((r) => [r.key, r.offset, r.attempts, r.lastError]),
      [
        ['a', '1', 3, 'TARGET_UNAVAILABLE: 503'],
        ['b', '2', 1, null],
      ],
      'one head per key, with its attempts and last error',
    );
    t.same(heads[0]?.headers, { traceparent: 'x' });
    t.equal(new TextDecoder().decode(heads[0]?.value), 'a@1', 'the original bytes');

    const a1 = heads[0];
    if (!a1) throw new Error('no head of a');
    await parked.reschedule(a1.id, { attempts: 4, delayMs: 0, lastError: 'again' });
    const again = await parked.claimDue('g', 'deliveries.asperion', 10, 60_000);
    t.same(
      again.map((r) => [r.offset, r.attempts]),
      [['1', 4]],
      'rescheduled head comes back first',
    );
    await parked.remove(a1.id);
    t.same(
      (await parked.claimDue('g', 'deliveries.asperion', 10, 60_000)).map((r) => r.offset),
      ['4'],
      'the next record of the key becomes the head',
    );
  });
}
