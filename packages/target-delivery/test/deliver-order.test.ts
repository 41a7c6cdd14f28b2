import { randomUUID } from 'node:crypto';
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

/** A fresh connection, customer and order, so each test has rows of its own. */
function scenario(externalId = '1001') {
  const connectionId = `c-${randomUUID().slice(0, 8)}`;
  const order: CanonicalOrder = create(CanonicalOrderSchema, {
    connectionId,
    tenantId: 'tenant-1',
    externalId,
    currency: 'EUR',
    lines: [
      { kind: LineKind.PRODUCT, sku: 'MUG-01', name: 'Mug', quantity: 2 },
      { kind: LineKind.PRODUCT, sku: 'TEA-01', name: 'Tea', quantity: 3 },
      { kind: LineKind.SHIPPING, name: 'PostNL', quantity: 1 },
    ],
  });
  const customer: CustomerRef = create(CustomerRefSchema, {
    customerId: randomUUID(),
    normalizedEmail: `anna-${connectionId}@example.nl`,
    kind: DebtorKind.PERSON,
    displayName: 'Anna de Vries',
  });
  const stages = async () => (await stores.journey.list(connectionId, externalId)).map((e) => e.stage);
  const ledgerRow = () =>
    database.db
      .selectFrom('delivery_ledger')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('external_order_id', '=', externalId)
      .executeTakeFirst();
  return { connectionId, order, customer, stages, ledgerRow };
}

/** Binds a debtor as a holder of the customer's claim would. */
async function bindDebtor(connectionId: string, customerId: string, debtorId: string): Promise<void> {
  const claimed = await stores.bindings.claim(connectionId, customerId, 30_000);
  if (claimed.kind !== 'claimed' || !(await stores.bindings.bind(claimed.claim, debtorId))) {
    throw new Error('could not bind the debtor');
  }
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

t.test('a new order of a new customer: debtor created, document created, ledger delivered', async (t) => {
  const { connectionId, order, customer, stages, ledgerRow } = scenario();
  const fake = createFakeTargetConnector();
  const outcome = await deliverOrder(fake.connector, session, stores, order, customer);

  t.same(outcome, {
    kind: 'delivered',
    document: { targetId: 'doc-1', number: 'KOP-1001' },
    debtor: { targetId: 'D-1', name: 'Anna de Vries', email: customer.normalizedEmail },
  });
  t.same(fake.methods(), [
    'findDocument',
    'findDebtorByEmail',
    'createDebtor',
    'findMissingProducts',
    'createDocument',
  ]);
  t.same(fake.calls.at(-1)?.args, [session, '1001', 'D-1'], 'the document is made against the new debtor');
  t.match(await ledgerRow(), { state: 'delivered', document_id: 'doc-1', document_number: 'KOP-1001' });
  t.equal(await stores.bindings.find(connectionId, customer.customerId), 'D-1', 'the debtor is bound');
  t.same(await stages(), ['debtor_created', 'delivered']);
  const journey = await stores.journey.list(connectionId, '1001');
  t.same(journey[1]?.detail, {
    targetSystem: 'fake-books',
    documentId: 'doc-1',
    documentNumber: 'KOP-1001',
    debtorId: 'D-1',
  });
  t.match(journey[0]?.detail, { debtorId: 'D-1', via: 'created' });
});

t.test('an order Koppel already delivered is skipped without calling the target', async (t) => {
  const { order, customer, stages, ledgerRow } = scenario();
  await deliverOrder(createFakeTargetConnector().connector, session, stores, order, customer);

  const again = createFakeTargetConnector();
  const outcome = await deliverOrder(again.connector, session, stores, order, customer);
  t.same(
    outcome,
    { kind: 'already_delivered', document: { targetId: 'doc-1', number: 'KOP-1001' }, announced: false },
    'the booked document comes from the ledger, so it can be announced again',
  );
  t.same(again.calls, [], 'not a single call to the target');
  t.same(await stages(), ['debtor_created', 'delivered', 'already_in_target']);
  t.match(await ledgerRow(), { state: 'delivered', document_id: 'doc-1', attempts: 1 });
});

t.test('a document the target already has is recorded as delivered without creating one', async (t) => {
  const { connectionId, order, customer, stages, ledgerRow } = scenario();
  const existing = { targetId: 'doc-77', number: 'KOP-1001' };
  const fake = createFakeTargetConnector({ documents: new Map([[existing.number, existing]]) });

  const outcome = await deliverOrder(fake.connector, session, stores, order, customer);
  t.same(outcome, { kind: 'already_in_target', document: existing });
  t.same(fake.methods(), ['findDocument'], 'no debtor, product or document calls');
  t.match(await ledgerRow(), { state: 'delivered', document_id: 'doc-77' });
  t.same(await stages(), ['already_in_target']);
  t.match((await stores.journey.list(connectionId, '1001'))[0]?.detail, {
    documentId: 'doc-77',
    documentNumber: 'KOP-1001',
    reason: /already has document KOP-1001/,
  });
  t.equal(await stores.bindings.find(connectionId, customer.customerId), null, 'no debtor was bound');
});

t.test('the ledger keeps the number the target gave a document, not the one Koppel asked for', async (t) => {
  const { order, customer, ledgerRow } = scenario();
  // The target numbered the document itself: found under Koppel's reference, numbered its own way.
  const found = { targetId: 'doc-78', number: '2026-0042' };
  await deliverOrder(
    createFakeTargetConnector({ documents: new Map([['KOP-1001', found]]) }).connector,
    session,
    stores,
    order,
    customer,
  );
  t.match(await ledgerRow(), { state: 'delivered', document_number: 'KOP-1001', booked_number: '2026-0042' });

  const again = createFakeTargetConnector();
  const outcome = await deliverOrder(again.connector, session, stores, order, customer);
  t.same(outcome, { kind: 'already_delivered', document: found, announced: false });
  t.same(again.calls, []);
});

t.test('a known debtor binding is reused: no search, no creation', async (t) => {
  const { connectionId, order, customer, stages } = scenario();
  await bindDebtor(connectionId, customer.customerId, 'D-42');
  const fake = createFakeTargetConnector();

  const outcome = await deliverOrder(fake.connector, session, stores, order, customer);
  t.match(outcome, { kind: 'delivered', debtor: { targetId: 'D-42' } });
  t.same(fake.methods(), ['findDocument', 'updateDebtor', 'findMissingProducts', 'createDocument']);
  t.same(fake.calls[1]?.args, [session, 'D-42'], 'the bound debtor is brought up to date');
  t.same(await stages(), ['debtor_found', 'delivered']);
  t.match((await stores.journey.list(connectionId, '1001'))[0]?.detail, {
    debtorId: 'D-42',
    via: 'koppel binding',
  });
});

t.test('a bound debtor whose details did not change is neither looked up nor updated', async (t) => {
  const { connectionId, order, customer } = scenario();
  const fake = createFakeTargetConnector({}, { debtorDetails: true });
  const deliver = async (externalId: string, who: CustomerRef) => {
    const before = fake.methods().length;
    await deliverOrder(fake.connector, session, stores, { ...order, externalId }, who);
    return fake.methods().slice(before);
  };
  const via = async (externalId: string) =>
    (await stores.journey.list(connectionId, externalId)).find((e) => e.stage === 'debtor_found')?.detail;

  t.same(await deliver('2001', customer), [
    'findDocument',
    'findDebtorByEmail',
    'createDebtor',
    'findMissingProducts',
    'createDocument',
  ]);
  t.same(
    await deliver('2002', customer),
    ['findDocument', 'findMissingProducts', 'createDocument'],
    "the details written at creation are this order's",
  );
  t.match(await via('2002'), { debtorId: 'D-1', via: 'koppel binding, details unchanged' });

  const renamed = { ...customer, displayName: 'Anna Jansen' };
  t.same(
    await deliver('2003', renamed),
    ['findDocument', 'updateDebtor', 'findMissingProducts', 'createDocument'],
    'a changed name is written',
  );
  t.match(await via('2003'), { via: 'koppel binding' });
  t.same(await deliver('2004', renamed), ['findDocument', 'findMissingProducts', 'createDocument']);
  t.same(
    await deliver('2005', customer),
    ['findDocument', 'updateDebtor', 'findMissingProducts', 'createDocument'],
    'and changed back, written again',
  );
});

t.test('a failed update records nothing, so the next order updates again', async (t) => {
  const { connectionId, order, customer } = scenario();
  await bindDebtor(connectionId, customer.customerId, 'D-43');
  const fake = createFakeTargetConnector({}, { debtorDetails: true });
  const failing = {
    ...fake.connector,
    updateDebtor: async () => {
      throw new AppError('TARGET_UNAVAILABLE', 'Asperion answered 503', { retryable: true });
    },
  };
  await t.rejects(deliverOrder(failing, session, stores, order, customer), { code: 'TARGET_UNAVAILABLE' });
  const retried = await deliverOrder(fake.connector, session, stores, order, customer);
  t.match(retried, { kind: 'delivered', debtor: { targetId: 'D-43' } });
  t.ok(fake.methods().includes('updateDebtor'), 'the retry updates the debtor');
});

t.test('an update that answers with another debtor (a new default debtor) records nothing', async (t) => {
  const { connectionId, order, customer } = scenario();
  await bindDebtor(connectionId, customer.customerId, 'D-44');
  const fake = createFakeTargetConnector({}, { debtorDetails: true });
  let updates = 0;
  const replacing = {
    ...fake.connector,
    updateDebtor: async () => {
      updates += 1;
      return { targetId: 'D-default', name: 'Webshop', email: '' };
    },
  };
  for (const externalId of ['3001', '3002']) {
    const outcome = await deliverOrder(replacing, session, stores, { ...order, externalId }, customer);
    t.match(outcome, { kind: 'delivered', debtor: { targetId: 'D-default' } });
  }
  t.equal(updates, 2, 'each order asks the connector again');
});

t.test('a debtor the target finds by e-mail is updated and bound, not created', async (t) => {
  const { connectionId, order, customer, stages } = scenario();
  const known = { targetId: 'D-9', name: 'A. de Vries', email: customer.normalizedEmail };
  const fake = createFakeTargetConnector({ debtorsByEmail: new Map([[known.email, known]]) });

  const outcome = await deliverOrder(fake.connector, session, stores, order, customer);
  t.match(outcome, { kind: 'delivered', debtor: { targetId: 'D-9', name: 'Anna de Vries' } });
  t.same(fake.methods(), [
    'findDocument',
    'findDebtorByEmail',
    'updateDebtor',
    'findMissingProducts',
    'createDocument',
  ]);
  t.same(fake.calls[1]?.args, [session, customer.normalizedEmail], 'searched by the normalised e-mail');
  t.equal(await stores.bindings.find(connectionId, customer.customerId), 'D-9');
  t.same(await stages(), ['debtor_found', 'delivered']);
  t.match((await stores.journey.list(connectionId, '1001'))[0]?.detail, {
    via: 'e-mail search in the target',
  });
});

t.test(
  'while another order of the customer holds the claim, delivery is retryable DEBTOR_BEING_CREATED',
  async (t) => {
    const { connectionId, order, customer, ledgerRow } = scenario();
    const held = await stores.bindings.claim(connectionId, customer.customerId, 30_000);
    if (held.kind !== 'claimed') throw new Error('expected to claim the debtor');
    const fake = createFakeTargetConnector();

    const error = await rejection(deliverOrder(fake.connector, session, stores, order, customer));
    t.match(error, { code: 'DEBTOR_BEING_CREATED', retryable: true, httpStatus: 409, retryAfterSeconds: 1 });
    t.same(fake.methods(), ['findDocument'], 'no debtor is searched or created twice');
    t.match(await ledgerRow(), { state: 'delivering', document_id: null });

    // The holder finishes: the retry then uses its debtor.
    t.equal(await stores.bindings.bind(held.claim, 'D-5'), true);
    const retry = createFakeTargetConnector();
    t.match(await deliverOrder(retry.connector, session, stores, order, customer), {
      kind: 'delivered',
      debtor: { targetId: 'D-5' },
    });
    t.notOk(retry.methods().includes('createDebtor'));
  },
);

t.test('a second order arriving while the first creates the debtor is told to retry', async (t) => {
  const { connectionId, order, customer } = scenario('2001');
  const second = create(CanonicalOrderSchema, { ...order, externalId: '2002' });
  let creating: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    creating = resolve;
  });
  let finish: () => void = () => {};
  const fake = createFakeTargetConnector({
    duringCreateDebtor: () => {
      creating();
      return new Promise<void>((resolve) => {
        finish = resolve;
      });
    },
  });

  const first = deliverOrder(fake.connector, session, stores, order, customer);
  await started;
  const error = await rejection(deliverOrder(fake.connector, session, stores, second, customer));
  t.match(error, { code: 'DEBTOR_BEING_CREATED', retryable: true });
  finish();
  t.match(await first, { kind: 'delivered', debtor: { targetId: 'D-1' } });

  t.match(await deliverOrder(fake.connector, session, stores, second, customer), {
    kind: 'delivered',
    debtor: { targetId: 'D-1' },
  });
  t.equal(fake.methods().filter((m) => m === 'createDebtor').length, 1, 'one debtor for both orders');
  t.equal(await stores.bindings.find(connectionId, customer.customerId), 'D-1');
});

t.test('unknown products are a permanent PRODUCTS_MISSING naming the SKUs; nothing is booked', async (t) => {
  const { connectionId, order, customer, stages, ledgerRow } = scenario();
  const fake = createFakeTargetConnector({ unknownSkus: new Set(['MUG-01', 'TEA-01']) });

  const error = await rejection(deliverOrder(fake.connector, session, stores, order, customer));
  t.match(error, {
    code: 'PRODUCTS_MISSING',
    retryable: false,
    httpStatus: 422,
    field: 'order.lines.sku',
    details: { missingSkus: ['MUG-01', 'TEA-01'] },
  });
  t.match(error.message, /MUG-01, TEA-01/);
  t.notOk(fake.methods().includes('createDocument'), 'no document was created');
  t.match(await ledgerRow(), { state: 'delivering', document_id: null });
  t.same(await stages(), ['debtor_created']);

  // Once the products exist, a replay books the order against the debtor made the first time.
  fake.target.unknownSkus.clear();
  fake.calls.length = 0;
  t.match(await deliverOrder(fake.connector, session, stores, order, customer), {
    kind: 'delivered',
    debtor: { targetId: 'D-1' },
  });
  t.notOk(fake.methods().includes('createDebtor'), 'the debtor is not created again');
  t.equal(await stores.bindings.find(connectionId, customer.customerId), 'D-1');
});

t.test('a failed debtor creation gives the claim up, so the retry is not told to wait', async (t) => {
  const { connectionId, order, customer, stages } = scenario();
  const fake = createFakeTargetConnector({
    failCreateDebtor: new AppError('TARGET_UNAVAILABLE', 'target timed out', { retryable: true }),
  });

  const error = await rejection(deliverOrder(fake.connector, session, stores, order, customer));
  t.match(error, { code: 'TARGET_UNAVAILABLE', retryable: true });
  t.equal(await stores.bindings.find(connectionId, customer.customerId), null);

  const outcome = await deliverOrder(fake.connector, session, stores, order, customer);
  t.match(outcome, { kind: 'delivered', debtor: { targetId: 'D-1' } });
  t.same(await stages(), ['debtor_created', 'delivered']);
});

t.test(
  'an order the target can never accept is refused before any call: no debtor, no ledger row',
  async (t) => {
    const { connectionId, order, customer, stages, ledgerRow } = scenario();
    const refusal = new AppError('CURRENCY_NOT_SUPPORTED', 'the target books in euro only', {
      httpStatus: 422,
      retryable: false,
      field: 'order.currency',
    });
    const fake = createFakeTargetConnector({ failPrepare: refusal });

    const error = await rejection(deliverOrder(fake.connector, session, stores, order, customer));
    t.equal(error, refusal, 'the connector’s error propagates as it is');
    t.match(error, { retryable: false, field: 'order.currency' });
    t.same(fake.prepared, ['1001'], 'prepareDocument was asked first');
    t.same(fake.calls, [], 'no look-up, no findDebtorByEmail, no createDebtor');
    t.notOk(fake.methods().includes('findDebtorByEmail') || fake.methods().includes('createDebtor'));
    t.equal(
      await stores.bindings.find(connectionId, customer.customerId),
      null,
      'no debtor claim or binding',
    );
    t.equal(await ledgerRow(), undefined, 'nothing begun in the ledger');
    t.same(await stages(), []);
  },
);

t.test('the prepared document is what the look-up and the creation get', async (t) => {
  const { order, customer } = scenario('3001');
  const fake = createFakeTargetConnector();
  await deliverOrder(fake.connector, session, stores, order, customer);
  t.same(fake.prepared, ['3001'], 'prepared once per delivery');
  t.same(fake.calls.at(-1)?.args, [session, '3001', 'D-1'], 'created from the prepared body');
});
