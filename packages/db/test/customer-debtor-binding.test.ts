import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import {
  type CustomerRecord,
  createCustomerRepository,
  createDebtorBindingRepository,
} from '../src/index.js';
import { databaseKinds, openMigratedDatabase } from './databases.js';

function customer(
  tenantId: string,
  normalizedEmail: string,
  lastName = 'Kovács',
): Omit<CustomerRecord, 'id'> {
  return {
    tenantId,
    normalizedEmail,
    kind: 'person',
    displayName: `Anna ${lastName}`,
    companyName: '',
    firstName: 'Anna',
    lastName,
    phone: '+36 1 234 5678',
    vatNumber: '',
  };
}

for (const kind of databaseKinds) {
  t.test(`${kind}: customers and debtor bindings`, async (t) => {
    const { db } = await openMigratedDatabase(t, kind);
    const customers = createCustomerRepository(db);
    const bindings = createDebtorBindingRepository(db);

    t.test('upsert keys customers on tenant and normalised e-mail', async (t) => {
      const first = await customers.upsert(customer('tenant-a', 'anna@example.hu'));
      const second = await customers.upsert(customer('tenant-a', 'anna@example.hu', 'Nagy'));
      t.equal(second.id, first.id, 'same customer, same id');
      t.equal(second.lastName, 'Nagy');
      const row = await db
        .selectFrom('customers')
        .selectAll()
        .where('id', '=', first.id)
        .executeTakeFirstOrThrow();
      t.equal(row.last_name, 'Nagy', 'the latest details are stored');
      const otherTenant = await customers.upsert(customer('tenant-b', 'anna@example.hu'));
      t.not(otherTenant.id, first.id, 'tenants never share customers');
      t.equal(await customers.countForTenant('tenant-a'), 1);
      t.equal(await customers.countForTenant('tenant-b'), 1);
    });

    t.test('ten concurrent upserts of one e-mail end as one row', async (t) => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          customers.upsert(customer('tenant-race', 'race@example.hu', `N${i}`)),
        ),
      );
      t.equal(new Set(results.map((r) => r.id)).size, 1, 'every caller got the one id');
      t.equal(await customers.countForTenant('tenant-race'), 1);
      const row = await db
        .selectFrom('customers')
        .select(['id', 'last_name'])
        .where('tenant_id', '=', 'tenant-race')
        .executeTakeFirstOrThrow();
      t.equal(row.id, results[0]?.id);
      t.match(row.last_name, /^N\d$/, 'one of the writers’ details, not a mix');
    });

    t.test('two concurrent claims: one wins, the other is busy', async (t) => {
      const results = await Promise.all([
        bindings.claim('conn-1', 'cust-1', 60_000),
        bindings.claim('conn-1', 'cust-1', 60_000),
      ]);
      t.same(results.map((r) => r.kind).sort(), ['busy', 'claimed']);
      t.same(await bindings.claim('conn-1', 'cust-1', 60_000), { kind: 'busy' }, 'the lease holds');
      t.match(await bindings.claim('conn-2', 'cust-1', 60_000), { kind: 'claimed' }, 'per connection');
      t.equal(await bindings.find('conn-1', 'cust-1'), null, 'claimed is not bound');
    });

    t.test('many concurrent claims: exactly one wins', async (t) => {
      const results = await Promise.all(
        Array.from({ length: 8 }, () => bindings.claim('conn-m', 'cust-m', 60_000)),
      );
      t.equal(results.filter((r) => r.kind === 'claimed').length, 1);
      t.equal(results.filter((r) => r.kind === 'busy').length, 7);
    });

    t.test('an expired lease can be claimed again; a released one at once', async (t) => {
      t.match(await bindings.claim('conn-1', 'cust-exp', 150), { kind: 'claimed' });
      t.same(await bindings.claim('conn-1', 'cust-exp', 150), { kind: 'busy' });
      await sleep(300);
      const taken = await bindings.claim('conn-1', 'cust-exp', 60_000);
      t.match(taken, { kind: 'claimed' }, 'the crashed holder’s lease ran out');
      t.same(await bindings.claim('conn-1', 'cust-exp', 60_000), { kind: 'busy' }, 'and the new lease holds');
      if (taken.kind !== 'claimed') throw new Error('expected a claim');
      await bindings.release(taken.claim);
      t.match(
        await bindings.claim('conn-1', 'cust-exp', 60_000),
        { kind: 'claimed' },
        'released: free at once',
      );
    });

    t.test('bind then find; a bound customer is never claimed again', async (t) => {
      const claimed = await bindings.claim('conn-1', 'cust-b', 60_000);
      if (claimed.kind !== 'claimed') throw new Error('expected a claim');
      t.equal(await bindings.bind(claimed.claim, 'debtor-77'), true);
      t.equal(await bindings.find('conn-1', 'cust-b'), 'debtor-77');
      t.same(await bindings.claim('conn-1', 'cust-b', 60_000), {
        kind: 'bound',
        targetDebtorId: 'debtor-77',
        syncedDigest: null,
      });
      await bindings.release(claimed.claim);
      t.equal(await bindings.find('conn-1', 'cust-b'), 'debtor-77', 'release does not undo a binding');
      t.equal(await bindings.bind(claimed.claim, 'debtor-other'), false, 'a bound customer is not rebound');
      t.equal(await bindings.find('conn-1', 'cust-b'), 'debtor-77');
      t.equal(await bindings.find('conn-9', 'cust-b'), null);
    });

    t.test('the digest of the details last synced is kept with the binding', async (t) => {
      const claimed = await bindings.claim('conn-1', 'cust-d', 60_000);
      if (claimed.kind !== 'claimed') throw new Error('expected a claim');
      t.equal(await bindings.bind(claimed.claim, 'debtor-5', 'digest-a'), true);
      t.match(await bindings.claim('conn-1', 'cust-d', 60_000), {
        kind: 'bound',
        targetDebtorId: 'debtor-5',
        syncedDigest: 'digest-a',
      });
      await bindings.recordSynced('conn-1', 'cust-d', 'debtor-5', 'digest-b');
      t.match(await bindings.claim('conn-1', 'cust-d', 60_000), { syncedDigest: 'digest-b' });
      await bindings.recordSynced('conn-1', 'cust-d', 'debtor-other', 'digest-c');
      t.match(
        await bindings.claim('conn-1', 'cust-d', 60_000),
        { syncedDigest: 'digest-b' },
        'only for the debtor the binding names',
      );
      await bindings.recordSynced('conn-2', 'cust-d', 'debtor-5', 'digest-c');
      t.match(
        await bindings.claim('conn-1', 'cust-d', 60_000),
        { syncedDigest: 'digest-b' },
        'per connection',
      );
    });
  });
}
