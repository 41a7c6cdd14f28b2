import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import t from 'tap';
import {
  createConnectionRepository,
  createCredentialCipher,
  createDebtorBindingRepository,
  createDeliveryLedgerRepository,
  createPollScheduleRepository,
  freeLeasesOfPreviousRun,
  hashWebhookSecret,
} from '../src/index.js';
import { databaseKinds, openMigratedDatabase } from './databases.js';

for (const kind of databaseKinds) {
  t.test(`${kind}: a killed run's leases are taken over at once, fences kept`, async (t) => {
    const { db } = await openMigratedDatabase(t, kind);
    const ledger = createDeliveryLedgerRepository(db);
    const bindings = createDebtorBindingRepository(db);
    const polls = createPollScheduleRepository(db);
    const hour = 3_600_000;
    await createConnectionRepository(db, createCredentialCipher(randomBytes(32))).create({
      id: 'conn-k',
      tenantId: 'tenant-k',
      name: 'Killed run',
      sourceSystem: 'shoprenter',
      targetSystem: 'asperion',
      webhookSecretHash: hashWebhookSecret('hook'),
      ipAllowlist: [],
      rules: {},
      settings: {},
      active: true,
      credentials: {},
    });

    // What a run held when it was killed: a delivery, a debtor claim, a poll, an inbox claim.
    const delivering = await ledger.acquire('conn-k', 'order-1', 'INV-1', hour);
    t.equal(delivering.kind, 'acquired');
    t.equal((await ledger.acquire('conn-k', 'order-1', 'INV-1', hour)).kind, 'held', 'held for an hour');
    t.equal((await bindings.claim('conn-k', 'cust-1', hour)).kind, 'claimed');
    t.equal((await bindings.claim('conn-k', 'cust-1', hour)).kind, 'busy');
    await polls.ensure('conn-k', 'cursor-0', 60);
    t.equal((await polls.claimDue(() => 'dead-run', hour, 1)).length, 1);
    await db
      .insertInto('inbox')
      .values({
        connection_id: 'conn-k',
        event_key: 'order:1',
        event_id: '00000000-0000-4000-8000-000000000001',
        event_type: 'order.created',
        external_order_id: '1',
        claim_token: 'dead-run',
        claimed_until: sql`now() + interval '1 hour'`,
      })
      .execute();

    const freed = await freeLeasesOfPreviousRun(db);
    t.same(freed, { inbox: 1, debtor_bindings: 1, delivery_ledger: 1, poll_schedules: 1 });

    const again = await ledger.acquire('conn-k', 'order-1', 'INV-1', hour);
    t.match(again, { kind: 'acquired', lease: { fence: 2 } }, 'the delivery is taken over, with a new fence');
    t.match(await bindings.claim('conn-k', 'cust-1', hour), { kind: 'claimed', claim: { fence: 2 } });
    t.equal((await polls.claimDue(() => 'this-run', hour, 1)).length, 1, 'the poll is due and free');
    const inbox = await db.selectFrom('inbox').select(['claim_token', 'published']).executeTakeFirstOrThrow();
    t.same(inbox, { claim_token: null, published: false }, 'unpublished, free for the retry');
  });
}
