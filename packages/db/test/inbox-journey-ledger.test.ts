import t from 'tap';
import { createInboxRepository, createJourneyRepository, type InboxEntry } from '../src/index.js';
import { databaseKinds, openMigratedDatabase } from './databases.js';

function entry(connectionId: string, eventKey: string, eventId = `evt-${eventKey}`): InboxEntry {
  return { connectionId, eventKey, eventId, eventType: 'order.created', externalOrderId: 'order-1' };
}

for (const kind of databaseKinds) {
  t.test(`${kind}: inbox and journey`, async (t) => {
    const { db } = await openMigratedDatabase(t, kind);
    const inbox = createInboxRepository(db);
    const journey = createJourneyRepository(db);

    t.test('inbox admits an event key once per connection, claimed by its publisher', async (t) => {
      t.same(await inbox.admit(entry('conn-1', 'k1', 'evt-a'), 'tok-1'), {
        kind: 'new',
        eventId: 'evt-a',
        claimToken: 'tok-1',
      });
      t.same(
        await inbox.admit(entry('conn-1', 'k1', 'evt-b'), 'tok-2'),
        { kind: 'in_flight' },
        'while the first caller holds the claim, a second one neither publishes nor counts as new',
      );
      await inbox.release('conn-1', 'k1', 'tok-1');
      t.same(
        await inbox.admit(entry('conn-1', 'k1', 'evt-b'), 'tok-2'),
        { kind: 'unpublished', eventId: 'evt-a', claimToken: 'tok-2' },
        'released unpublished: the first event id is reused so the retry republishes it',
      );
      await inbox.markPublished('conn-1', 'k1');
      t.same(await inbox.admit(entry('conn-1', 'k1', 'evt-c'), 'tok-3'), { kind: 'duplicate' });
      t.same(
        await inbox.admit(entry('conn-2', 'k1', 'evt-d'), 'tok-4'),
        { kind: 'new', eventId: 'evt-d', claimToken: 'tok-4' },
        'per connection',
      );
      t.equal(await inbox.count('conn-1'), 1);
      t.equal(await inbox.count('conn-2'), 1);
      t.ok(await inbox.isPublished('conn-1', 'k1'));
      t.notOk(await inbox.isPublished('conn-2', 'k1'));
    });

    t.test('concurrent admits of one key: exactly one caller gets the claim', async (t) => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          inbox.admit(entry('conn-race', 'same-key', `evt-${i}`), `tok-${i}`),
        ),
      );
      t.equal(results.filter((r) => r.kind === 'new').length, 1, 'one new');
      t.equal(results.filter((r) => r.kind === 'in_flight').length, 7, 'the others see it in flight');
      t.equal(await inbox.count('conn-race'), 1);
    });

    t.test('a burst of admits shares statements and each caller gets its own answer', async (t) => {
      await inbox.admit(entry('conn-burst', 'published-before'), 'tok-old');
      await inbox.markPublished('conn-burst', 'published-before');
      const keys = [...Array.from({ length: 40 }, (_, i) => `k${i}`), 'k0', 'k1', 'published-before'];
      const results = await Promise.all(
        keys.map((key, i) => inbox.admit(entry('conn-burst', key, `evt-${key}-${i}`), `tok-${i}`)),
      );
      t.equal(results.filter((r) => r.kind === 'new').length, 40, 'each of the 40 keys claimed once');
      t.same(
        results.slice(40).map((r) => r.kind),
        ['in_flight', 'in_flight', 'duplicate'],
        'a key repeated in the burst is in flight; a published one is a duplicate',
      );
      t.same(results[7], { kind: 'new', eventId: 'evt-k7-7', claimToken: 'tok-7' });
      await Promise.all(keys.slice(0, 40).map((key) => inbox.markPublished('conn-burst', key)));
      const published = await Promise.all(keys.map((key) => inbox.isPublished('conn-burst', key)));
      t.ok(published.every(Boolean), 'concurrent marks, grouped into one update, reach every row');
      t.equal(await inbox.count('conn-burst'), 41);
    });

    t.test(
      'an expired claim (a crashed publisher) is taken over; a stale release changes nothing',
      async (t) => {
        await inbox.admit(entry('conn-x', 'k'), 'crashed', 1);
        await new Promise((resolve) => setTimeout(resolve, 20));
        const taken = await inbox.admit(entry('conn-x', 'k', 'evt-other'), 'next');
        t.same(taken, { kind: 'unpublished', eventId: 'evt-k', claimToken: 'next' });
        await inbox.release('conn-x', 'k', 'crashed');
        t.same(
          await inbox.admit(entry('conn-x', 'k'), 'third'),
          { kind: 'in_flight' },
          'still claimed by next',
        );
      },
    );

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
  });
}
