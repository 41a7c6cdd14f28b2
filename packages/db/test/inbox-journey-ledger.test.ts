import t from 'tap';
import {
  createDeliveryLedgerRepository,
  createInboxRepository,
  createJourneyRepository,
  type InboxEntry,
  migrateToLatest,
} from '../src/index.js';
import { databaseKinds, openFreshDatabase } from './databases.js';

function entry(connectionId: string, eventKey: string, eventId = `evt-${eventKey}`): InboxEntry {
  return { connectionId, eventKey, eventId, eventType: 'order.created', externalOrderId: 'order-1' };
}

for (const kind of databaseKinds) {
  t.test(`${kind}: inbox, journey and delivery ledger`, async (t) => {
    const { db } = await openFreshDatabase(t, kind);
    await migrateToLatest(db);
    const inbox = createInboxRepository(db);
    const journey = createJourneyRepository(db);
    const ledger = createDeliveryLedgerRepository(db);

    t.test('inbox admits an event key once per connection', async (t) => {
      t.same(await inbox.admit(entry('conn-1', 'k1', 'evt-a')), { kind: 'new', eventId: 'evt-a' });
      t.same(
        await inbox.admit(entry('conn-1', 'k1', 'evt-b')),
        { kind: 'unpublished', eventId: 'evt-a' },
        'seen but never published: the first event id is reused so the retry republishes it',
      );
      await inbox.markPublished('conn-1', 'k1');
      t.same(await inbox.admit(entry('conn-1', 'k1', 'evt-c')), { kind: 'duplicate' });
      t.same(
        await inbox.admit(entry('conn-2', 'k1', 'evt-d')),
        { kind: 'new', eventId: 'evt-d' },
        'per connection',
      );
      t.equal(await inbox.count('conn-1'), 1);
      t.equal(await inbox.count('conn-2'), 1);
    });

    t.test('concurrent admits of one key: exactly one is new', async (t) => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => inbox.admit(entry('conn-race', 'same-key', `evt-${i}`))),
      );
      t.equal(results.filter((r) => r.kind === 'new').length, 1);
      const winner = results.find((r) => r.kind === 'new');
      for (const r of results.filter((r) => r.kind !== 'new')) {
        t.same(r, { kind: 'unpublished', eventId: winner?.kind === 'new' ? winner.eventId : '' });
      }
      t.equal(await inbox.count('conn-race'), 1);
    });

    t.test('forget removes only unpublished events', async (t) => {
      await inbox.admit(entry('conn-f', 'unpublished'));
      await inbox.admit(entry('conn-f', 'published'));
      await inbox.markPublished('conn-f', 'published');
      await inbox.forget('conn-f', 'unpublished');
      await inbox.forget('conn-f', 'published');
      t.equal(await inbox.count('conn-f'), 1);
      t.equal((await inbox.admit(entry('conn-f', 'unpublished'))).kind, 'new', 'forgotten: new again');
      t.equal((await inbox.admit(entry('conn-f', 'published'))).kind, 'duplicate');
    });

    t.test('journey lists one order’s stages in the order they were recorded', async (t) => {
      const stages = ['received', 'mapped', 'customer_resolved', 'routed', 'retrying', 'delivered'] as const;
      for (const [i, stage] of stages.entries()) {
        await journey.record('conn-j', 'order-7', stage, { step: i });
        await journey.record('conn-j', 'order-8', 'failed', { step: i });
      }
      await journey.record('conn-other', 'order-7', 'skipped');
      const entries = await journey.list('conn-j', 'order-7');
      t.same(
        entries.map((e) => e.stage),
        stages,
      );
      t.same(
        entries.map((e) => e.detail),
        stages.map((_, i) => ({ step: i })),
      );
      t.ok(entries.every((e) => e.at instanceof Date));
      const other = await journey.list('conn-other', 'order-7');
      t.same(
        other.map(({ stage, detail }) => ({ stage, detail })),
        [{ stage: 'skipped', detail: {} }],
        'per connection',
      );
      t.same(await journey.list('conn-j', 'nothing'), []);
    });

    t.test('delivery ledger: one row per connection and order, attempts counted', async (t) => {
      t.same(await ledger.begin('conn-l', 'order-1', 'INV-1'), {
        state: 'delivering',
        documentId: null,
        attempts: 1,
      });
      t.same(await ledger.begin('conn-l', 'order-1', 'INV-1'), {
        state: 'delivering',
        documentId: null,
        attempts: 2,
      });
      t.same(await ledger.begin('conn-l2', 'order-1', 'INV-1'), {
        state: 'delivering',
        documentId: null,
        attempts: 1,
      });
      t.equal(await ledger.countDelivered('conn-l'), 0);
      await ledger.markDelivered('conn-l', 'order-1', 'doc-42');
      t.same(
        await ledger.begin('conn-l', 'order-1', 'INV-1'),
        { state: 'delivered', documentId: 'doc-42', attempts: 3 },
        'a redelivery sees the order is already booked',
      );
      t.equal(await ledger.countDelivered('conn-l'), 1);
      t.equal(await ledger.countDelivered('conn-l2'), 0, 'per connection');
    });

    t.test('delivery ledger: concurrent begins share one row', async (t) => {
      const results = await Promise.all(
        Array.from({ length: 6 }, () => ledger.begin('conn-lr', 'order-9', 'INV-9')),
      );
      t.same(
        results.map((r) => r.attempts).sort((a, b) => a - b),
        [1, 2, 3, 4, 5, 6],
        'each begin sees its own attempt number: exactly one saw attempt 1',
      );
      const rows = await db
        .selectFrom('delivery_ledger')
        .selectAll()
        .where('connection_id', '=', 'conn-lr')
        .execute();
      t.equal(rows.length, 1);
    });
  });
}
