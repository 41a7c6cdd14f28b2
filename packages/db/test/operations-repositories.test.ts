import { sql } from 'kysely';
import t from 'tap';
import {
  createConnectionPauseRepository,
  createCredentialCipher,
  createConnectionRepository,
  createDeadLetterRepository,
  createDeliveryLedgerRepository,
  createDeliveryRecordRepository,
  createJourneyRepository,
  createOrderSummaryRepository,
  createParkedRecordRepository,
  type NewDeadLetter,
} from '../src/index.js';
import { databaseKinds, openMigratedDatabase } from './databases.js';

const mappedDetail = (orderNumber: string, email: string) => ({
  eventId: 'e',
  order: { orderNumber, customer: { email } },
});

const letter = (
  externalOrderId: string,
  offset: string,
  overrides: Partial<NewDeadLetter> = {},
): NewDeadLetter => ({
  connectionId: 'c1',
  externalOrderId,
  stage: 'delivery.asperion',
  sourceTopic: 'deliveries.asperion',
  sourcePartition: 2,
  sourceOffset: offset,
  key: `c1:${externalOrderId}`,
  payload: new Uint8Array([1, 2, 3]),
  headers: { traceparent: '00-abc-def-01' },
  errorCode: 'VALIDATION_FAILED',
  errorMessage: 'no Asperion VAT code configured for VAT 9 %',
  errorField: 'target.settings.vatCodes',
  errorDetails: { vatRateBp: 900 },
  attempts: 1,
  ...overrides,
});

for (const kind of databaseKinds) {
  t.test(`${kind}: every journey row keeps its order's summary; lists filter and page on it`, async (t) => {
    const { db } = await openMigratedDatabase(t, kind);
    const journey = createJourneyRepository(db);
    const summaries = createOrderSummaryRepository(db);

    await journey.record('c1', '101', 'received', { sourcePayload: { id: 101 } });
    await journey.record('c1', '101', 'mapped', mappedDetail('WEB-101', 'Anna@Example.NL'));
    await journey.record('c1', '101', 'debtor_created', { debtorId: 'D7' });
    await journey.record('c1', '101', 'delivered', { documentId: 'I9', documentNumber: 'WEB-101' });
    await journey.record('c1', '101', 'written_back', {});
    await journey.record('c1', '102', 'received', {});
    await journey.record('c1', '102', 'skipped', { reason: 'payment status PENDING is not allowed' });
    await journey.record('c1', '103', 'duplicate_ignored', {});
    await journey.record('c2', '101', 'received', {});

    const first = await summaries.find('c1', '101');
    t.match(first, {
      statusStage: 'delivered',
      orderNumber: 'WEB-101',
      customerEmail: 'anna@example.nl',
      debtorId: 'D7',
      documentId: 'I9',
      documentNumber: 'WEB-101',
      replays: 0,
    });
    t.equal((await summaries.find('c1', '103'))?.statusStage, null, 'a duplicate alone sets no status');
    t.equal((await summaries.find('c1', '102'))?.statusReason, 'payment status PENDING is not allowed');

    const all = await summaries.list({ connectionId: 'c1', limit: 10 });
    t.same(
      all.map((s) => s.externalOrderId),
      ['103', '102', '101'],
      'newest first, only the connection',
    );
    const page1 = await summaries.list({ connectionId: 'c1', limit: 2 });
    const page2 = await summaries.list({ connectionId: 'c1', limit: 2, beforeId: page1[1]?.id });
    t.same(
      [...page1, ...page2].map((s) => s.externalOrderId),
      ['103', '102', '101'],
      'pages continue',
    );
    t.same(
      (await summaries.list({ connectionId: 'c1', statusStages: ['skipped'], limit: 10 })).map(
        (s) => s.externalOrderId,
      ),
      ['102'],
    );
    t.same(
      (await summaries.list({ connectionId: 'c1', statusStages: ['received', null], limit: 10 })).map(
        (s) => s.externalOrderId,
      ),
      ['103'],
    );
    t.same(
      (await summaries.list({ connectionId: 'c1', search: 'ANNA@ex', limit: 10 })).map(
        (s) => s.externalOrderId,
      ),
      ['101'],
      'e-mail prefix, case-insensitive',
    );
    t.same(
      (await summaries.list({ connectionId: 'c1', search: 'WEB-1', limit: 10 })).map(
        (s) => s.externalOrderId,
      ),
      ['101'],
      'order number prefix',
    );
    t.same(
      (await summaries.list({ connectionId: 'c1', search: '10_', limit: 10 })).length,
      0,
      '_ is literal',
    );
    const future = new Date(Date.now() + 60_000);
    t.same(await summaries.list({ connectionId: 'c1', receivedFrom: future, limit: 10 }), []);

    // The dead letter's three-part statement runs on both engines too.
    await journey.recordDeadLetter(letter('104', '1'), { code: 'VALIDATION_FAILED' });
    t.equal((await createDeadLetterRepository(db).list({ connectionId: 'c1', limit: 5 })).length, 1);
    const indexes = await sql<{ indexname: string }>`select indexname from pg_indexes
      where tablename = 'order_summaries'`.execute(db);
    const names = indexes.rows.map((r) => r.indexname);
    for (const index of [
      'order_summaries_email',
      'order_summaries_external',
      'order_summaries_number',
      'order_summaries_order',
      'order_summaries_page',
      'order_summaries_received',
      'order_summaries_status',
    ]) {
      t.ok(names.includes(index), `every filter has its index: ${index}`);
    }
  });
}

// The rest runs on the real Postgres only (PGlite ran the same statements above).
for (const kind of ['postgres'] as const) {
  t.test(`${kind}: dead letters are stored with their journey row, once per source record`, async (t) => {
    const { db } = await openMigratedDatabase(t, kind);
    const journey = createJourneyRepository(db);
    const deadLetters = createDeadLetterRepository(db);
    const summaries = createOrderSummaryRepository(db);

    await journey.recordDeadLetter(letter('101', '7'), { code: 'VALIDATION_FAILED', reason: 'no VAT code' });
    await journey.recordDeadLetter(letter('101', '7'), { code: 'VALIDATION_FAILED', reason: 'no VAT code' });
    await journey.recordDeadLetter(letter('102', '8', { errorCode: 'DOCUMENT_OUTCOME_UNKNOWN' }), {
      code: 'DOCUMENT_OUTCOME_UNKNOWN',
    });
    const listed = await deadLetters.list({ connectionId: 'c1', limit: 10 });
    t.same(
      listed.map((d) => d.externalOrderId),
      ['102', '101'],
      'a re-delivered record that fails again is stored once',
    );
    t.equal((await journey.list('c1', '101')).filter((e) => e.stage === 'dead_lettered').length, 2);
    const stored = listed[1];
    t.ok(stored);
    if (!stored) return;
    t.same([...stored.payload], [1, 2, 3], 'the original bytes');
    t.same(stored.headers, { traceparent: '00-abc-def-01' });
    t.same(stored.errorDetails, { vatRateBp: 900 });
    t.equal((await summaries.find('c1', '101'))?.statusReason, 'VALIDATION_FAILED: no VAT code');
    t.same(
      (await deadLetters.list({ connectionId: 'c1', errorCode: 'DOCUMENT_OUTCOME_UNKNOWN', limit: 10 })).map(
        (d) => d.externalOrderId,
      ),
      ['102'],
    );
    await deadLetters.markReplayed(stored.id);
    await journey.record('c1', '101', 'replayed', { deadLetterId: stored.id });
    t.same(
      (await deadLetters.list({ connectionId: 'c1', state: 'open', limit: 10 })).map(
        (d) => d.externalOrderId,
      ),
      ['102'],
    );
    t.equal((await deadLetters.find('c1', stored.id))?.replayCount, 1);
    t.equal((await summaries.find('c1', '101'))?.replays, 1);
    t.equal(await deadLetters.find('c2', stored.id), undefined, 'found only under its connection');
  });

  t.test(`${kind}: pause parks nothing by itself; resume wakes the paused deliveries`, async (t) => {
    const { db } = await openMigratedDatabase(t, kind);
    const connections = createConnectionRepository(db, createCredentialCipher(Buffer.alloc(32, 1)));
    await connections.create({
      id: 'c1',
      tenantId: 't',
      name: 'n',
      sourceSystem: 's',
      targetSystem: 'x',
      webhookSecretHash: 'h',
      ipAllowlist: [],
      rules: {},
      settings: {},
      active: true,
      credentials: {},
    });
    const pauses = createConnectionPauseRepository(db);
    const parked = createParkedRecordRepository(db);
    t.equal(await pauses.pausedSince('c1'), null);
    const since = await pauses.pause('c1');
    t.ok(since instanceof Date);
    t.same(await pauses.pause('c1'), since, 'pausing again keeps the first time');
    t.same(
      await Promise.all(['c1', 'nope', 'c1'].map((id) => pauses.pausedSince(id))),
      [since, null, since],
      'concurrent asks (answered together) each get their connection',
    );
    t.equal(await pauses.pause('nope'), undefined);
    const park = (key: string, offset: string, lastError: string) =>
      parked.park(
        {
          groupId: 'g',
          topic: 'deliveries.x',
          partition: 0,
          offset,
          key,
          value: new Uint8Array(),
          headers: {},
        },
        { attempts: 0, delayMs: 3_600_000, lastError },
      );
    await park('c1:1', '1', 'CONNECTION_PAUSED: paused');
    await park('c1:2', '2', 'TARGET_UNAVAILABLE: 503');
    await park('c10:1', '3', 'CONNECTION_PAUSED: paused');
    t.equal(await pauses.countWaiting('c1'), 1, 'only its own paused deliveries (not c10)');
    t.equal(await pauses.resume('c1'), 1);
    t.equal(await pauses.pausedSince('c1'), null);
    const due = await parked.claimDue('g', 'deliveries.x', 10, 60_000);
    t.same(
      due.map((r) => r.key),
      ['c1:1'],
      'the paused one is due now; a backoff and another connection keep waiting',
    );
  });

  t.test(
    `${kind}: the ledger keeps the request sent; an operator may clear a create of unknown outcome`,
    async (t) => {
      const { db } = await openMigratedDatabase(t, kind);
      const ledger = createDeliveryLedgerRepository(db);
      const records = createDeliveryRecordRepository(db);
      const acquired = await ledger.acquire('c1', '101', 'WEB-101', 30_000);
      if (acquired.kind !== 'acquired') throw new Error('not acquired');
      await ledger.markDocumentRequested(acquired.lease, 30_000, {
        documentNumber: 'WEB-101',
        body: { lines: [1] },
      });
      const row = await records.find('c1', '101');
      t.match(row, {
        state: 'delivering',
        documentNumber: 'WEB-101',
        documentRequest: { body: { lines: [1] } },
      });
      t.ok(row?.documentRequestedAt);
      await ledger.release(acquired.lease);
      t.ok(await records.confirmNotInTarget('c1', '101'));
      t.equal((await records.find('c1', '101'))?.documentRequestedAt, null);
      t.notOk(await records.confirmNotInTarget('c1', '101'), 'nothing left to clear');
      const again = await ledger.acquire('c1', '101', 'WEB-101', 30_000);
      t.equal(again.kind === 'acquired' ? again.documentRequestedAt : 'x', null, 'the next attempt may send');
    },
  );
}
