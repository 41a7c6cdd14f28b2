/**
 * A target that cannot be searched by order (`documentLookup: 'none'`) never books an order twice:
 * the ledger's record of the create sent stands in for the look-up after a lost answer or a crash.
 * And the connector's notes reach the `delivered` journey entry.
 */
import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { CanonicalOrderSchema, CustomerRefSchema, DebtorKind, LineKind } from '@koppel/contracts';
import {
  createDebtorBindingRepository,
  createDeliveryLedgerRepository,
  createJourneyRepository,
  migrateToLatest,
} from '@koppel/db';
import { createMigratedEmbeddedDatabase } from '@koppel/db/testing';
import { AppError } from '@koppel/errors';
import t from 'tap';
import { type DeliveryStores, deliverOrder } from '../src/index.js';
import { createFakeTargetConnector, type FakeSession } from './fake-target-connector.js';

const database = await createMigratedEmbeddedDatabase(t.testdir());
await migrateToLatest(database.db);
t.teardown(() => database.close());
const stores: DeliveryStores = {
  ledger: createDeliveryLedgerRepository(database.db),
  bindings: createDebtorBindingRepository(database.db),
  journey: createJourneyRepository(database.db),
};
const session: FakeSession = { administration: 'adm-1' };

function scenario() {
  const connectionId = `c-${randomUUID().slice(0, 8)}`;
  const order = create(CanonicalOrderSchema, {
    connectionId,
    tenantId: 'tenant-1',
    externalId: '5001',
    currency: 'HUF',
    lines: [{ kind: LineKind.PRODUCT, sku: 'MUG-01', name: 'Bögre', quantity: 1 }],
  });
  const customer = create(CustomerRefSchema, {
    customerId: randomUUID(),
    normalizedEmail: `anna-${connectionId}@example.hu`,
    kind: DebtorKind.PERSON,
    displayName: 'Kovács Anna',
  });
  const journey = () => stores.journey.list(connectionId, '5001');
  return { connectionId, order, customer, journey };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

const lostAnswer = () =>
  new AppError('TARGET_UNAVAILABLE', 'the create timed out after 300 ms', {
    retryable: true,
    details: { outcome: 'unknown' },
  });

t.test('a crash after the create was sent: the next attempt dead-letters, never creates', async (t) => {
  const { order, customer, journey } = scenario();
  // The crashed worker: it took the lease, recorded the create going out, and died before the answer.
  const crashed = await stores.ledger.acquire(order.connectionId, order.externalId, 'KOP-5001', 30_000);
  if (crashed.kind !== 'acquired') throw new Error('expected the lease');
  const sentAt = await stores.ledger.markDocumentRequested(crashed.lease, 100);
  if (sentAt === null) throw new Error('expected the mark');
  await new Promise((resolve) => setTimeout(resolve, 200)); // its lease expires

  const fake = createFakeTargetConnector({}, { documentLookup: 'none' });
  const error = await rejection(deliverOrder(fake.connector, session, stores, order, customer));
  t.match(error, {
    code: 'DOCUMENT_OUTCOME_UNKNOWN',
    retryable: false,
    details: { documentNumber: 'KOP-5001', requestedAt: sentAt.toISOString() },
  });
  t.match(error.message, /Fake books may already have booked document KOP-5001/);
  t.match(error.message, new RegExp(`sent at ${sentAt.toISOString()}`), 'says when the call went out');
  t.match(error.message, /Look in Fake books/, 'and what to check');
  t.same(fake.methods(), ['findDocument'], 'no debtor, no createDocument');
  t.same(await journey(), [], 'the runner journals the dead letter, not deliverOrder');
});

t.test('a lost answer: stopped at once, one document, and a retry never sends it again', async (t) => {
  const { order, customer } = scenario();
  const fake = createFakeTargetConnector(
    { failCreateDocument: { error: lostAnswer(), booked: true } },
    { documentLookup: 'none' },
  );
  const first = await rejection(deliverOrder(fake.connector, session, stores, order, customer));
  t.match(first, { code: 'DOCUMENT_OUTCOME_UNKNOWN', retryable: false, message: /timed out after 300 ms/ });
  t.equal(first.cause instanceof AppError && first.cause.code, 'TARGET_UNAVAILABLE', 'the cause is kept');

  // A replay of the record (or a redelivery) on another worker: same ledger, a fresh session.
  const again = await rejection(deliverOrder(fake.connector, session, stores, order, customer));
  t.match(again, { code: 'DOCUMENT_OUTCOME_UNKNOWN' });
  t.equal(fake.methods().filter((m) => m === 'createDocument').length, 1, 'createDocument called once');
  t.equal(fake.target.documents.size, 1, 'exactly one document in the target');
});

t.test('a create the target refused is sent again on retry (the ledger forgets it)', async (t) => {
  const { order, customer } = scenario();
  const refused = new AppError('TARGET_RATE_LIMITED', 'throttled', {
    retryable: true,
    retryAfterSeconds: 1,
    details: { outcome: 'answered' },
  });
  const fake = createFakeTargetConnector(
    { failCreateDocument: { error: refused, booked: false } },
    { documentLookup: 'none' },
  );
  t.equal(await rejection(deliverOrder(fake.connector, session, stores, order, customer)), refused);
  const outcome = await deliverOrder(fake.connector, session, stores, order, customer);
  t.match(outcome, { kind: 'delivered', document: { number: 'KOP-5001' } });
  t.equal(fake.target.documents.size, 1);
});

t.test('a searchable target keeps the look-up: a lost answer is retried and found', async (t) => {
  const { order, customer } = scenario();
  const fake = createFakeTargetConnector({ failCreateDocument: { error: lostAnswer(), booked: true } });
  t.match(await rejection(deliverOrder(fake.connector, session, stores, order, customer)), {
    code: 'TARGET_UNAVAILABLE',
    retryable: true,
  });
  t.match(await deliverOrder(fake.connector, session, stores, order, customer), {
    kind: 'already_in_target',
  });
  t.equal(fake.methods().filter((m) => m === 'createDocument').length, 1);
});

t.test('the connector’s notes are written into the delivered journey entry', async (t) => {
  const { order, customer, journey } = scenario();
  const notes = ['no stock moved for SKU NO-SUCH-SKU: InnVoice does not know it'];
  const fake = createFakeTargetConnector({ notes }, { documentLookup: 'none' });
  await deliverOrder(fake.connector, session, stores, order, customer);
  const delivered = (await journey()).find((e) => e.stage === 'delivered');
  t.same(delivered?.detail.notes, notes);
  const plain = scenario();
  await deliverOrder(createFakeTargetConnector().connector, session, stores, plain.order, plain.customer);
  const entry = (await plain.journey()).find((e) => e.stage === 'delivered');
  t.notOk(entry && 'notes' in entry.detail, 'no notes key when there is nothing to note');
});
