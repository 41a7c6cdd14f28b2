/**
 * Exactly once by Koppel, not by the target: the fake target accepts any number of documents
 * with one number, so only the delivery lease (fencing token, database clock) can keep an order
 * from being booked twice. On real Postgres, so concurrent workers really race for the row.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { create } from '@bufbuild/protobuf';
import {
  type CanonicalOrder,
  CanonicalOrderSchema,
  type CustomerRef,
  CustomerRefSchema,
  DebtorKind,
  LineKind,
} from '@koppel/contracts';
import {
  createDebtorBindingRepository,
  createDeliveryLedgerRepository,
  createJourneyRepository,
  createPostgresDatabase,
  migrateToLatest,
} from '@koppel/db';
import { AppError } from '@koppel/errors';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import { sql } from 'kysely';
import t from 'tap';
import { type DeliveryOutcome, type DeliveryStores, deliverOrder } from '../src/index.js';
import { createFakeTargetConnector, type FakeSession } from './fake-target-connector.js';

const infra = await resolveInfrastructure();
const isolated = await createIsolatedDatabase(infra.databaseUrl);
const database = createPostgresDatabase(isolated.url);
t.teardown(async () => {
  await database.close();
  await isolated.drop();
});
await migrateToLatest(database.db);
const stores: DeliveryStores = {
  ledger: createDeliveryLedgerRepository(database.db),
  bindings: createDebtorBindingRepository(database.db),
  journey: createJourneyRepository(database.db),
};
const session: FakeSession = { administration: 'adm-1' };

function scenario(externalId = '1001') {
  const connectionId = `c-${randomUUID().slice(0, 8)}`;
  const order: CanonicalOrder = create(CanonicalOrderSchema, {
    connectionId,
    tenantId: 'tenant-1',
    externalId,
    currency: 'EUR',
    lines: [{ kind: LineKind.PRODUCT, sku: 'MUG-01', name: 'Mug', quantity: 1 }],
  });
  const customer: CustomerRef = create(CustomerRefSchema, {
    customerId: randomUUID(),
    normalizedEmail: `anna-${connectionId}@example.nl`,
    kind: DebtorKind.PERSON,
    displayName: 'Anna de Vries',
  });
  return { connectionId, order, customer };
}

/** What a crashed or paused worker's lease looks like once the database clock passed its end. */
async function expireLeases(connectionId: string): Promise<void> {
  await sql`update delivery_ledger set lease_until = now() - interval '1 second'
    where connection_id = ${connectionId}`.execute(database.db);
  await sql`update debtor_bindings set claimed_until = now() - interval '1 second'
    where connection_id = ${connectionId}`.execute(database.db);
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

t.test('a worker whose lease was taken over before createDocument does not create it', async (t) => {
  const { connectionId, order, customer } = scenario();
  let takeover: Awaited<ReturnType<DeliveryStores['ledger']['acquire']>> | undefined;
  const fake = createFakeTargetConnector({
    // This worker pauses past its lease (GC pause, stalled host); a second worker takes it over.
    duringFindMissingProducts: async () => {
      await expireLeases(connectionId);
      takeover = await stores.ledger.acquire(connectionId, order.externalId, 'KOP-1001', 60_000);
    },
  });

  const error = await rejection(deliverOrder(fake.connector, session, stores, order, customer));
  t.match(error, { code: 'DELIVERY_LEASE_LOST', retryable: true, waiting: true });
  t.match(takeover, { kind: 'acquired', lease: { fence: 2 } }, 'the second worker holds fence 2');
  t.notOk(fake.methods().includes('createDocument'), 'no document written by the stale worker');
  t.equal(fake.target.documents.size, 0);
  t.match(
    await stores.ledger.acquire(connectionId, order.externalId, 'KOP-1001', 60_000),
    { kind: 'held' },
    'the stale worker’s release did not free the new holder’s lease',
  );
});

t.test('a worker whose debtor claim was taken over does not create the debtor', async (t) => {
  const { connectionId, order, customer } = scenario();
  const fake = createFakeTargetConnector({
    duringFindDebtor: async () => {
      await expireLeases(connectionId);
      t.match(await stores.bindings.claim(connectionId, customer.customerId, 60_000), {
        kind: 'claimed',
        claim: { fence: 2 },
      });
    },
  });
  const error = await rejection(deliverOrder(fake.connector, session, stores, order, customer));
  t.match(error, { code: 'DEBTOR_CLAIM_LOST', retryable: true, waiting: true });
  t.notOk(fake.methods().includes('createDebtor'), 'no debtor written by the stale worker');
  t.equal(await stores.bindings.find(connectionId, customer.customerId), null);
});

t.test('concurrent deliveries of one order: exactly one createDocument, the others wait', async (t) => {
  const { connectionId, order, customer } = scenario();
  // The target accepts duplicates (as some real ones do) and answers slowly, so workers overlap.
  const fake = createFakeTargetConnector({ duringCreateDocument: () => sleep(100) });
  const workers = 6;
  const waits: string[] = [];
  const deliverUntilDone = async (): Promise<DeliveryOutcome> => {
    for (;;) {
      try {
        return await deliverOrder(fake.connector, session, stores, order, customer, { leaseMs: 5_000 });
      } catch (error) {
        if (!(error instanceof AppError) || !error.waiting) throw error;
        waits.push(error.code);
        await sleep(30);
      }
    }
  };
  const outcomes = await Promise.all(Array.from({ length: workers }, deliverUntilDone));

  t.equal(fake.methods().filter((m) => m === 'createDocument').length, 1, 'one document in the target');
  t.equal(fake.target.documents.size, 1);
  t.equal(outcomes.filter((o) => o.kind === 'delivered').length, 1, 'one worker delivered');
  t.equal(
    outcomes.filter((o) => o.kind === 'already_delivered').length,
    workers - 1,
    'the others found it delivered after waiting',
  );
  t.ok(waits.includes('DELIVERY_IN_PROGRESS'), 'the others were told to wait, not failed');
  t.equal(fake.methods().filter((m) => m === 'createDebtor').length, 1, 'and one debtor');
  t.equal(await stores.ledger.countDelivered(connectionId), 1);
});

t.test(
  'after a crash, the next worker finds the document in the target instead of creating it',
  async (t) => {
    const { connectionId, order, customer } = scenario();
    // The first worker took the lease and created the document, then crashed before marking it.
    const crashed = await stores.ledger.acquire(connectionId, order.externalId, 'KOP-1001', 60_000);
    t.match(crashed, { kind: 'acquired' });
    const existing = { targetId: 'doc-9', number: 'KOP-1001' };
    const fake = createFakeTargetConnector({ documents: new Map([[existing.number, existing]]) });

    const waiting = await rejection(deliverOrder(fake.connector, session, stores, order, customer));
    t.match(
      waiting,
      { code: 'DELIVERY_IN_PROGRESS', waiting: true },
      'while its lease runs, the order waits',
    );
    t.same(fake.calls, [], 'without a call to the target');

    await expireLeases(connectionId);
    t.same(await deliverOrder(fake.connector, session, stores, order, customer), {
      kind: 'already_in_target',
      document: existing,
    });
    t.same(fake.methods(), ['findDocument'], 'looked up, not created');
    t.equal(await stores.ledger.countDelivered(connectionId), 1);
  },
);

t.test('the lease is renewed while slow steps run', async (t) => {
  const { connectionId, order, customer } = scenario();
  // Every step is slower than the whole lease: only the heartbeat keeps it this worker's.
  const slow = () => sleep(700);
  const fake = createFakeTargetConnector({ duringFindDebtor: slow, duringFindMissingProducts: slow });
  const outcome = await deliverOrder(fake.connector, session, stores, order, customer, {
    leaseMs: 400,
    debtorClaimMs: 400,
  });
  t.match(outcome, { kind: 'delivered' });
  t.equal(await stores.ledger.countDelivered(connectionId), 1);
  t.equal(await stores.bindings.find(connectionId, customer.customerId), 'D-1');
});
