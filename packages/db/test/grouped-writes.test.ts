import { randomBytes } from 'node:crypto';
import t from 'tap';
import {
  createCustomerRepository,
  createJourneyRepository,
  createOrderSummaryRepository,
} from '../src/index.js';
import { databaseKinds, openMigratedDatabase } from './databases.js';

const customer = (email: string, displayName: string) => ({
  tenantId: 'tenant-1',
  normalizedEmail: email,
  kind: 'person' as const,
  displayName,
  companyName: '',
  firstName: displayName,
  lastName: '',
  phone: '',
  vatNumber: '',
});

for (const kind of databaseKinds) {
  t.test(`${kind}: writes issued at once share statements and keep single-write results`, async (t) => {
    // One database for the three checks (a PGlite migration takes seconds).
    const { db } = await openMigratedDatabase(t, kind);
    const journey = createJourneyRepository(db);

    t.test('journey rows are stored in call order with the summaries of one write each', async (t) => {
      const summaries = createOrderSummaryRepository(db);
      // Forty orders' rows at once (a consumer batch), plus one order with several rows at once.
      await Promise.all([
        ...Array.from({ length: 40 }, (_, i) =>
          journey.record('c1', `o${i}`, 'routed', { deliveryId: `d${i}` }),
        ),
        journey.record('c1', 'x', 'mapped', {
          order: { orderNumber: 'WEB-X', customer: { email: 'X@y.nl' } },
        }),
        journey.record('c1', 'x', 'debtor_created', { debtorId: 'D1' }),
        journey.record('c1', 'x', 'written_back', {}),
      ]);
      t.same(
        (await journey.list('c1', 'x')).map((e) => e.stage),
        ['mapped', 'debtor_created', 'written_back'],
        "one order's rows keep their order",
      );
      t.match(await summaries.find('c1', 'x'), {
        statusStage: 'debtor_created',
        orderNumber: 'WEB-X',
        customerEmail: 'x@y.nl',
        debtorId: 'D1',
      });
      t.equal((await summaries.list({ connectionId: 'c1', limit: 100 })).length, 41, 'one summary per order');
      t.match(await journey.list('c1', 'o7'), [{ stage: 'routed', detail: { deliveryId: 'd7' } }]);
    });

    t.test('a stale event skipped after the booking leaves the order delivered', async (t) => {
      const summaries = createOrderSummaryRepository(db);
      for (const stage of ['received', 'mapped', 'delivered'] as const) {
        await journey.record('c3', 'p', stage, {});
      }
      // The late `pending` webhook: received and skipped, one at a time and both in one batch.
      await journey.record('c3', 'p', 'received', {});
      await journey.record('c3', 'p', 'skipped', { reason: 'payment status UNPAID is not booked' });
      await Promise.all([
        journey.record('c3', 'p', 'received', {}),
        journey.record('c3', 'p', 'skipped', { reason: 'again' }),
      ]);
      t.match(await summaries.find('c3', 'p'), { statusStage: 'delivered' });
      // An order still at its first steps does take the skip, and a later paid webhook moves it on.
      await journey.record('c3', 'q', 'received', {});
      await journey.record('c3', 'q', 'skipped', { reason: 'pending' });
      t.match(await summaries.find('c3', 'q'), { statusStage: 'skipped', statusReason: 'pending' });
      await Promise.all([journey.record('c3', 'q', 'received', {}), journey.record('c3', 'q', 'mapped', {})]);
      t.match(await summaries.find('c3', 'q'), { statusStage: 'mapped' });
    });

    t.test('a step written late never moves a booked order back; a failure does', async (t) => {
      const summaries = createOrderSummaryRepository(db);
      for (const stage of ['received', 'mapped', 'delivered'] as const) {
        await journey.record('c4', 'r', stage, {});
      }
      // The delivery stage's `routed`, retried after a Postgres restart, lands after the booking.
      await journey.record('c4', 'r', 'routed', {});
      await Promise.all([
        journey.record('c4', 'r', 'customer_resolved', {}),
        journey.record('c4', 'r', 'retrying', {}),
      ]);
      t.match(await summaries.find('c4', 'r'), { statusStage: 'delivered' });
      await Promise.all([
        journey.record('c4', 's', 'already_in_target', {}),
        journey.record('c4', 's', 'mapped', {}),
      ]);
      t.match(await summaries.find('c4', 's'), { statusStage: 'already_in_target' }, 'in one batch too');
      await journey.record('c4', 'r', 'dead_lettered', { code: 'TARGET_REJECTED' });
      t.match(await summaries.find('c4', 'r'), { statusStage: 'dead_lettered' });
      await journey.record('c4', 't', 'mapped', {});
      t.match(await summaries.find('c4', 't'), { statusStage: 'mapped' }, 'a new order takes every step');
    });

    t.test('a row the database refuses fails only its own caller', async (t) => {
      // An order id no index row can hold, even compressed (random text of 6,000 characters).
      const unindexable = randomBytes(4500).toString('base64');
      const outcomes = await Promise.allSettled([
        journey.record('c2', 'a', 'received', {}),
        journey.record('c2', 'b', 'received', {}),
        journey.record('c2', unindexable, 'received', {}),
        journey.record('c2', 'c', 'received', {}),
      ]);
      t.same(
        outcomes.map((o) => o.status),
        ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
      );
      t.equal((await journey.list('c2', 'c')).length, 1);
    });

    t.test('customers upserted at once end as one row each, every caller with its id', async (t) => {
      const customers = createCustomerRepository(db);
      const first = await customers.upsert(customer('a@x.nl', 'A0'));
      const records = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          customers.upsert(customer(`${'abcd'[i % 4]}@x.nl`, `${'ABCD'[i % 4]}${i}`)),
        ),
      );
      t.equal(await customers.countForTenant('tenant-1'), 4);
      for (const [i, record] of records.entries()) {
        const same = records.filter((_, j) => j % 4 === i % 4);
        t.ok(
          same.every((r) => r.id === record.id),
          `caller ${i} has its customer's id`,
        );
        t.equal(record.displayName, `${'ABCD'[i % 4]}${i}`, 'and its own values');
      }
      t.equal(records[0]?.id, first.id, 'an existing customer keeps its id');
      const stored = await db
        .selectFrom('customers')
        .select(['normalized_email', 'display_name'])
        .orderBy('normalized_email')
        .execute();
      t.same(
        stored.map((r) => r.display_name),
        ['A16', 'B17', 'C18', 'D19'],
        'the last values win, as one upsert after another',
      );
    });
  });
}
