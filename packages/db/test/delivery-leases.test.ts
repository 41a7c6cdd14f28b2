import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import t from 'tap';
import {
  createDebtorBindingRepository,
  createDeliveryLedgerRepository,
  type DebtorClaim,
  type DeliveryLease,
  type LedgerAcquisition,
} from '../src/index.js';
import { databaseKinds, openMigratedDatabase } from './databases.js';

function leaseOf(acquisition: LedgerAcquisition): DeliveryLease {
  if (acquisition.kind !== 'acquired') throw new Error(`expected a lease, got ${acquisition.kind}`);
  return acquisition.lease;
}

for (const kind of databaseKinds) {
  t.test(`${kind}: delivery ledger lease and debtor claim, fenced`, async (t) => {
    const { db } = await openMigratedDatabase(t, kind);
    const ledger = createDeliveryLedgerRepository(db);
    const bindings = createDebtorBindingRepository(db);

    t.test('among concurrent workers exactly one acquires the lease', async (t) => {
      const results = await Promise.all(
        Array.from({ length: 8 }, () => ledger.acquire('conn-r', 'order-1', 'INV-1', 60_000)),
      );
      const acquired = results.filter((r) => r.kind === 'acquired');
      t.equal(acquired.length, 1);
      t.equal(results.filter((r) => r.kind === 'held').length, 7, 'the others are told it is held');
      t.match(acquired[0], { lease: { fence: 1 }, attempts: 1 });
      for (const r of results) if (r.kind === 'held') t.ok(r.remainingMs > 0 && r.remainingMs <= 60_000);
      const rows = await db
        .selectFrom('delivery_ledger')
        .selectAll()
        .where('connection_id', '=', 'conn-r')
        .execute();
      t.equal(rows.length, 1, 'one row');
    });

    t.test('the holder renews and marks delivered; later acquisitions see delivered', async (t) => {
      const lease = leaseOf(await ledger.acquire('conn-d', 'order-1', 'INV-1', 60_000));
      t.equal(await ledger.renew(lease, 60_000), true);
      t.equal(await ledger.markDelivered(lease, 'doc-42', 'BOOKED-7'), true);
      t.same(await ledger.acquire('conn-d', 'order-1', 'INV-1', 60_000), {
        kind: 'delivered',
        documentId: 'doc-42',
        bookedNumber: 'BOOKED-7',
        announced: false,
      });
      await ledger.markAnnounced('conn-d', 'order-1');
      t.match(
        await ledger.acquire('conn-d', 'order-1', 'INV-1', 60_000),
        { kind: 'delivered', announced: true },
        'the announcement is recorded',
      );
      t.equal(await ledger.renew(lease, 60_000), false, 'nothing left to renew once delivered');
      t.equal(await ledger.countDelivered('conn-d'), 1);
      t.equal(await ledger.countDelivered('conn-other'), 0, 'per connection');
      t.match(await ledger.acquire('conn-other', 'order-1', 'INV-1', 60_000), { kind: 'acquired' });
    });

    t.test(
      'an expired lease is taken over with a new fence; the stale holder can no longer write',
      async (t) => {
        const stale = leaseOf(await ledger.acquire('conn-x', 'order-1', 'INV-1', 150));
        t.match(await ledger.acquire('conn-x', 'order-1', 'INV-1', 150), { kind: 'held' });
        await sleep(300);
        t.equal(await ledger.renew(stale, 60_000), false, 'an expired lease is not renewed');
        const fresh = await ledger.acquire('conn-x', 'order-1', 'INV-1', 60_000);
        t.match(fresh, { kind: 'acquired', attempts: 2, lease: { fence: stale.fence + 1 } });
        const current = leaseOf(fresh);
        t.equal(await ledger.renew(stale, 60_000), false, 'renew fails after the takeover');
        t.equal(
          await ledger.markDelivered(stale, 'doc-stale'),
          false,
          'the stale fence cannot mark delivered',
        );
        await ledger.release(stale);
        t.match(
          await ledger.acquire('conn-x', 'order-1', 'INV-1', 60_000),
          { kind: 'held' },
          'nor release it',
        );
        t.equal(await ledger.renew(current, 60_000), true);
        t.equal(await ledger.markDelivered(current, 'doc-1'), true);
        const row = await db
          .selectFrom('delivery_ledger')
          .selectAll()
          .where('connection_id', '=', 'conn-x')
          .executeTakeFirstOrThrow();
        t.match(row, { state: 'delivered', document_id: 'doc-1', lease_until: null, lease_fence: 2 });
      },
    );

    t.test('an expired lease nobody took over still marks delivered (the document exists)', async (t) => {
      const lease = leaseOf(await ledger.acquire('conn-e', 'order-1', 'INV-1', 100));
      await sleep(200);
      t.equal(await ledger.markDelivered(lease, 'doc-late'), true);
      t.same(
        await ledger.acquire('conn-e', 'order-1', 'INV-1', 60_000),
        {
          kind: 'delivered',
          documentId: 'doc-late',
          bookedNumber: null,
          announced: false,
        },
        'marked without the number (as rows before migration 0017): none to announce',
      );
    });

    t.test('the create request is recorded for the next attempt, by the holder only', async (t) => {
      const first = await ledger.acquire('conn-q', 'order-1', 'INV-1', 60_000);
      t.match(first, { kind: 'acquired', documentRequestedAt: null }, 'no create sent yet');
      const lease = leaseOf(first);
      const sentAt = await ledger.markDocumentRequested(lease, 60_000);
      t.ok(sentAt instanceof Date, 'the database time of the request');
      await ledger.release(lease); // the worker crashed or the answer was lost
      const second = await ledger.acquire('conn-q', 'order-1', 'INV-1', 60_000);
      t.match(second, { kind: 'acquired', attempts: 2 });
      const next = leaseOf(second);
      t.equal(
        second.kind === 'acquired' ? second.documentRequestedAt?.getTime() : undefined,
        sentAt?.getTime(),
        'the next attempt learns when the earlier create went out',
      );
      t.equal(await ledger.markDocumentRequested(lease, 60_000), null, 'a stale fence cannot mark');
      t.equal(await ledger.clearDocumentRequest(lease), false, 'nor clear');
      t.equal(await ledger.clearDocumentRequest(next), true, 'the holder clears a surely failed create');
      await ledger.release(next);
      t.match(await ledger.acquire('conn-q', 'order-1', 'INV-1', 60_000), { documentRequestedAt: null });
    });

    t.test('concurrent marks share statements; each is answered by its own lease', async (t) => {
      const leases = await Promise.all(
        [1, 2, 3, 4].map(async (n) =>
          leaseOf(await ledger.acquire('conn-g', `order-${n}`, `INV-${n}`, 60_000)),
        ),
      );
      const [first, second, third, fourth] = leases as [
        DeliveryLease,
        DeliveryLease,
        DeliveryLease,
        DeliveryLease,
      ];
      const stale = { ...fourth, fence: fourth.fence + 1 };
      const requested = await Promise.all([
        ledger.markDocumentRequested(first, 60_000, { invoice: 1 }),
        ledger.markDocumentRequested(second, 60_000),
        ledger.markDocumentRequested(third, 60_000, { invoice: 3 }),
        ledger.markDocumentRequested(stale, 60_000),
      ]);
      t.same(
        requested.map((at) => at instanceof Date),
        [true, true, true, false],
        'the stale fence is refused, the others are marked',
      );
      const delivered = await Promise.all([
        ledger.markDelivered(first, 'doc-1'),
        ledger.markDelivered(stale, 'doc-x'),
        ledger.markDelivered(third, 'doc-3'),
        ledger.markDelivered(fourth, 'doc-4'),
      ]);
      t.same(delivered, [true, false, true, true]);
      const rows = await db
        .selectFrom('delivery_ledger')
        .select(['external_order_id', 'state', 'document_id', 'document_request'])
        .where('connection_id', '=', 'conn-g')
        .orderBy('external_order_id')
        .execute();
      t.match(rows, [
        {
          external_order_id: 'order-1',
          state: 'delivered',
          document_id: 'doc-1',
          document_request: { invoice: 1 },
        },
        { external_order_id: 'order-2', state: 'delivering', document_id: null, document_request: null },
        {
          external_order_id: 'order-3',
          state: 'delivered',
          document_id: 'doc-3',
          document_request: { invoice: 3 },
        },
        { external_order_id: 'order-4', state: 'delivered', document_id: 'doc-4', document_request: null },
      ]);
    });

    t.test(
      'concurrent acquisitions of different orders share a statement, each answered for its own',
      async (t) => {
        const held = leaseOf(await ledger.acquire('conn-a', 'held', 'INV-H', 60_000));
        t.ok(held);
        const done = leaseOf(await ledger.acquire('conn-a', 'done', 'INV-D', 60_000));
        await ledger.markDelivered(done, 'doc-d');
        const expired = leaseOf(await ledger.acquire('conn-a', 'expired', 'INV-E', 1));
        await sleep(20);
        const results = await Promise.all([
          ledger.acquire('conn-a', 'new-1', 'INV-1', 60_000),
          ledger.acquire('conn-a', 'held', 'INV-H', 60_000),
          ledger.acquire('conn-a', 'new-2', 'INV-2', 60_000),
          ledger.acquire('conn-a', 'done', 'INV-D', 60_000),
          ledger.acquire('conn-a', 'expired', 'INV-E', 60_000),
          ledger.acquire('conn-a', 'new-1', 'INV-1', 60_000),
        ]);
        t.match(results, [
          { kind: 'acquired', lease: { externalOrderId: 'new-1', fence: 1 }, attempts: 1 },
          { kind: 'held' },
          { kind: 'acquired', lease: { externalOrderId: 'new-2', fence: 1 }, attempts: 1 },
          { kind: 'delivered', documentId: 'doc-d' },
          { kind: 'acquired', lease: { externalOrderId: 'expired', fence: expired.fence + 1 }, attempts: 2 },
          { kind: 'held' },
        ]);
      },
    );

    t.test('an expired lease cannot mark a create request', async (t) => {
      const lease = leaseOf(await ledger.acquire('conn-w', 'order-1', 'INV-1', 100));
      await sleep(200);
      t.equal(await ledger.markDocumentRequested(lease, 60_000), null);
    });

    t.test('a released lease is free at once', async (t) => {
      const lease = leaseOf(await ledger.acquire('conn-f', 'order-1', 'INV-1', 60_000));
      await ledger.release(lease);
      t.match(await ledger.acquire('conn-f', 'order-1', 'INV-1', 60_000), {
        kind: 'acquired',
        lease: { fence: 2 },
      });
    });

    // PGlite runs inside the worker's process, so its now() is that process's clock by nature;
    // with a database server, replicas must agree on the server's clock, not their own.
    t.test(
      'lease times come from the database clock, not the worker’s',
      { skip: kind === 'pglite' },
      async (t) => {
        const realNow = Date.now;
        // A worker whose clock is an hour behind: were its clock used, its 60 s lease would have
        // ended 59 minutes ago and the second acquisition would take it over.
        Date.now = () => realNow() - 3_600_000;
        try {
          leaseOf(await ledger.acquire('conn-c', 'order-1', 'INV-1', 60_000));
          t.match(await ledger.acquire('conn-c', 'order-1', 'INV-1', 60_000), { kind: 'held' });
          const claim = await bindings.claim('conn-c', 'cust-1', 60_000);
          t.match(claim, { kind: 'claimed' });
          t.same(await bindings.claim('conn-c', 'cust-1', 60_000), { kind: 'busy' });
        } finally {
          Date.now = realNow;
        }
        const { rows } = await sql<{ lease_until: Date; db_now: Date }>`
        select lease_until, now() as db_now from delivery_ledger
        where connection_id = 'conn-c' and external_order_id = 'order-1'`.execute(db);
        const row = rows[0];
        if (!row) throw new Error('no ledger row');
        const ahead = new Date(row.lease_until).getTime() - new Date(row.db_now).getTime();
        t.ok(ahead > 50_000 && ahead <= 60_000, `lease ends 60 s after the database's now() (${ahead} ms)`);
      },
    );

    t.test('debtor claim: renewed while held; a stale holder can neither renew nor bind', async (t) => {
      const first = await bindings.claim('conn-b', 'cust-1', 150);
      if (first.kind !== 'claimed') throw new Error('expected a claim');
      const stale: DebtorClaim = first.claim;
      t.equal(stale.fence, 1);
      t.equal(await bindings.renew(stale, 150), true, 'renewed while held');
      await sleep(300);
      t.equal(await bindings.renew(stale, 60_000), false, 'expired: not renewed');
      const second = await bindings.claim('conn-b', 'cust-1', 60_000);
      if (second.kind !== 'claimed') throw new Error('expected the takeover to claim');
      t.equal(second.claim.fence, 2, 'the takeover has a new fence');
      t.equal(await bindings.bind(stale, 'D-stale'), false, 'the stale holder’s bind is refused');
      t.equal(await bindings.find('conn-b', 'cust-1'), null);
      await bindings.release(stale);
      t.same(await bindings.claim('conn-b', 'cust-1', 60_000), { kind: 'busy' }, 'nor can it release');
      t.equal(await bindings.renew(second.claim, 60_000), true);
      t.equal(await bindings.bind(second.claim, 'D-1'), true, 'the holder binds');
      t.equal(await bindings.find('conn-b', 'cust-1'), 'D-1');
      t.equal(await bindings.renew(second.claim, 60_000), false, 'a bound customer has no claim to renew');
    });
  });
}
