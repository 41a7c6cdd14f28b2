/**
 * The operator's way out of DOCUMENT_OUTCOME_UNKNOWN (admin API replay with
 * `confirmedNotInTarget`): once a person confirmed the document is not in the target, the ledger
 * forgets the create and the next attempt books it, once; the request sent is kept for the
 * order detail. Real Postgres.
 */
import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { CanonicalOrderSchema, CustomerRefSchema, DebtorKind, LineKind } from '@koppel/contracts';
import {
  createDebtorBindingRepository,
  createDeliveryLedgerRepository,
  createDeliveryRecordRepository,
  createJourneyRepository,
  createPostgresDatabase,
  migrateToLatest,
} from '@koppel/db';
import { AppError } from '@koppel/errors';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import t from 'tap';
import { type DeliveryStores, deliverOrder } from '../src/index.js';
import { createFakeTargetConnector, type FakeSession } from './fake-target-connector.js';

const isolated = await createIsolatedDatabase((await resolveInfrastructure()).databaseUrl);
const database = createPostgresDatabase(isolated.url);
await migrateToLatest(database.db);
t.teardown(async () => {
  await database.close();
  await isolated.drop();
});
const stores: DeliveryStores = {
  ledger: createDeliveryLedgerRepository(database.db),
  bindings: createDebtorBindingRepository(database.db),
  journey: createJourneyRepository(database.db),
};
const records = createDeliveryRecordRepository(database.db);
const session: FakeSession = { administration: 'adm-1' };

t.test(
  'confirmed not in the target: the replay books it once; without the confirmation it never does',
  async (t) => {
    const connectionId = `c-${randomUUID().slice(0, 8)}`;
    const order = create(CanonicalOrderSchema, {
      connectionId,
      tenantId: 'tenant-1',
      externalId: '7001',
      currency: 'HUF',
      lines: [{ kind: LineKind.PRODUCT, sku: 'MUG-01', name: 'Bögre', quantity: 1 }],
    });
    const customer = create(CustomerRefSchema, {
      customerId: randomUUID(),
      normalizedEmail: `anna-${connectionId}@example.hu`,
      kind: DebtorKind.PERSON,
      displayName: 'Kovács Anna',
    });
    // The answer is lost and the target did not book it (the person will find nothing there).
    const lost = new AppError('TARGET_UNAVAILABLE', 'the create timed out', {
      retryable: true,
      details: { outcome: 'unknown' },
    });
    const fake = createFakeTargetConnector(
      { failCreateDocument: { error: lost, booked: false } },
      { documentLookup: 'none' },
    );
    const attempt = () =>
      deliverOrder(fake.connector, session, stores, order, customer).then(
        (outcome) => outcome,
        (error: unknown) => error,
      );

    t.match(await attempt(), { code: 'DOCUMENT_OUTCOME_UNKNOWN' });
    t.match(await records.find(connectionId, '7001'), {
      state: 'delivering',
      documentRequestedAt: Date,
      documentRequest: { documentNumber: 'KOP-7001', body: { externalId: '7001' } },
    });
    t.match(
      await attempt(),
      { code: 'DOCUMENT_OUTCOME_UNKNOWN' },
      'a replay without confirmation stops again',
    );
    t.equal(fake.target.documents.size, 0);

    t.ok(await records.confirmNotInTarget(connectionId, '7001'), 'the operator confirms');
    t.match(await attempt(), { kind: 'delivered', document: { number: 'KOP-7001' } });
    t.equal(fake.target.documents.size, 1, 'booked');
    t.match(await attempt(), { kind: 'already_delivered' }, 'a further replay books nothing');
    t.equal(
      fake.methods().filter((m) => m === 'createDocument').length,
      2,
      'the lost create and the confirmed one',
    );
    t.notOk(await records.confirmNotInTarget(connectionId, '7001'), 'a delivered order cannot be cleared');
  },
);
