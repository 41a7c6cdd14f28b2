import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import t from 'tap';
import {
  createConnectionRepository,
  createCredentialCipher,
  createPollScheduleRepository,
  type Database,
  hashWebhookSecret,
  type PollClaim,
  type PollScheduleRepository,
} from '../src/index.js';
import { databaseKinds, openMigratedDatabase } from './databases.js';

const LEASE_MS = 60_000;

/** The database clock (the repository compares against it, never the test's clock). */
async function dbNow(db: Kysely<Database>): Promise<Date> {
  const { rows } = await sql<{ now: Date | string }>`select now() as now`.execute(db);
  return new Date(rows[0]?.now ?? Number.NaN);
}

/** Seconds from the database's now to `at`. */
async function secondsUntil(db: Kysely<Database>, at: Date): Promise<number> {
  return (at.getTime() - (await dbNow(db)).getTime()) / 1000;
}

async function expireLease(db: Kysely<Database>, connectionId: string): Promise<void> {
  await db
    .updateTable('poll_schedules')
    .set({ lease_until: sql<Date>`now() - interval '1 second'` })
    .where('connection_id', '=', connectionId)
    .execute();
}

async function postpone(db: Kysely<Database>, connectionId: string): Promise<void> {
  await db
    .updateTable('poll_schedules')
    .set({ next_poll_at: sql<Date>`now() + interval '1 hour'` })
    .where('connection_id', '=', connectionId)
    .execute();
}

/** One claim of exactly this connection (the test arranges that only it is due). */
async function claimOnly(schedules: PollScheduleRepository, token: string): Promise<PollClaim> {
  const claims = await schedules.claimDue(() => token, LEASE_MS, 10);
  const [claim, ...rest] = claims;
  if (claim === undefined || rest.length > 0) throw new Error(`expected one claim, got ${claims.length}`);
  return claim;
}

for (const kind of databaseKinds) {
  t.test(`${kind}: poll schedule repository`, async (t) => {
    const { db } = await openMigratedDatabase(t, kind);
    const connections = createConnectionRepository(db, createCredentialCipher(randomBytes(32)));
    const schedules = createPollScheduleRepository(db);

    async function connection(id: string, sourceSystem = 'shoprenter'): Promise<string> {
      await connections.create({
        id,
        tenantId: 'tenant-a',
        name: `Shop ${id}`,
        sourceSystem,
        targetSystem: 'asperion',
        webhookSecretHash: hashWebhookSecret(`hook-${id}`),
        ipAllowlist: [],
        rules: {},
        settings: {},
        active: true,
        credentials: {},
      });
      return id;
    }

    /** Leaves no other schedule due, so each subtest claims only its own rows. */
    async function postponeAll(): Promise<void> {
      await db
        .updateTable('poll_schedules')
        .set({ next_poll_at: sql<Date>`now() + interval '1 hour'` })
        .execute();
    }

    t.beforeEach(postponeAll);

    t.test('ensure creates once and later changes only the interval', async (t) => {
      const id = await connection('c-ensure');
      await schedules.ensure(id, 'cursor-0', 300);
      const created = await schedules.find(id);
      t.match(created, {
        connectionId: id,
        cursor: 'cursor-0',
        cursorVersion: 0,
        intervalSeconds: 300,
        leaseOwner: null,
        leaseUntil: null,
        consecutiveFailures: 0,
        lastError: null,
        lastPolledAt: null,
      });
      t.ok((await secondsUntil(db, created?.nextPollAt ?? new Date(0))) <= 0, 'due at once');

      const claim = await claimOnly(schedules, 'owner-1');
      t.ok(await schedules.advance(claim, 'cursor-1', false));
      await schedules.ensure(id, 'cursor-new', 600);
      t.match(await schedules.find(id), { cursor: 'cursor-1', intervalSeconds: 600, cursorVersion: 0 });
      await schedules.ensure(id, 'cursor-newer', 600);
      t.equal((await schedules.find(id))?.cursor, 'cursor-1', 'a re-ensure never moves the cursor');
    });

    t.test('claimDue takes only due rows whose lease is free or expired', async (t) => {
      const free = await connection('c-free');
      const expired = await connection('c-expired');
      const held = await connection('c-held');
      const later = await connection('c-later');
      for (const id of [free, expired, held, later]) await schedules.ensure(id, `cursor-${id}`, 300);
      await postpone(db, later);
      const first = await schedules.claimDue((id) => `first:${id}`, LEASE_MS, 10);
      t.same(first.map((c) => c.connectionId).sort(), [expired, free, held].sort());
      t.ok(
        first.every((claim) => claim.leaseToken === `first:${claim.connectionId}`),
        'each claim carries the token made for it',
      );
      t.match(await schedules.find(held), { leaseOwner: `first:${held}` }, 'the lease is stored');
      const leaseUntil = (await schedules.find(held))?.leaseUntil ?? new Date(0);
      t.ok(Math.abs((await secondsUntil(db, leaseUntil)) - LEASE_MS / 1000) < 5, 'for leaseMs');

      await expireLease(db, expired);
      await expireLease(db, free);
      await db
        .updateTable('poll_schedules')
        .set({ lease_owner: null, lease_until: null })
        .where('connection_id', '=', free)
        .execute();
      const second = await schedules.claimDue((id) => `second:${id}`, LEASE_MS, 10);
      t.same(
        second.map((c) => c.connectionId).sort(),
        [expired, free].sort(),
        'not the held one, not the later one',
      );
      t.equal((await schedules.claimDue(() => 'third', LEASE_MS, 10)).length, 0, 'nothing left to claim');
    });

    t.test('claimDue respects the limit, oldest due first', async (t) => {
      const ids = [
        await connection('c-limit-1'),
        await connection('c-limit-2'),
        await connection('c-limit-3'),
      ];
      for (const [index, id] of ids.entries()) {
        await schedules.ensure(id, 'cursor', 300);
        await db
          .updateTable('poll_schedules')
          .set({ next_poll_at: sql<Date>`now() - make_interval(mins => ${10 - index})` })
          .where('connection_id', '=', id)
          .execute();
      }
      const claims = await schedules.claimDue((id) => id, LEASE_MS, 2);
      t.same(
        claims.map((c) => c.connectionId),
        ids.slice(0, 2),
      );
    });

    t.test('two concurrent claimers never get the same row', async (t) => {
      const ids: string[] = [];
      for (let index = 0; index < 12; index += 1) {
        const id = await connection(`c-race-${index}`);
        await schedules.ensure(id, 'cursor', 300);
        ids.push(id);
      }
      const [a, b] = await Promise.all([
        schedules.claimDue((id) => `a:${id}`, LEASE_MS, 12),
        schedules.claimDue((id) => `b:${id}`, LEASE_MS, 12),
      ]);
      const claimedA = a.map((c) => c.connectionId);
      const claimedB = b.map((c) => c.connectionId);
      t.same(
        claimedA.filter((id) => claimedB.includes(id)),
        [],
        'no row claimed twice',
      );
      t.same([...claimedA, ...claimedB].sort(), [...ids].sort(), 'every due row claimed once');
      for (const claim of [...a, ...b]) {
        t.equal(
          (await schedules.find(claim.connectionId))?.leaseOwner,
          claim.leaseToken,
          'the winner holds it',
        );
      }
    });

    t.test('claimDue with sourceSystem claims only that system', async (t) => {
      const shop = await connection('c-sys-shop', 'shoprenter');
      const other = await connection('c-sys-other', 'woocommerce');
      await schedules.ensure(shop, 'cursor', 300);
      await schedules.ensure(other, 'cursor', 300);
      const mine = await schedules.claimDue((id) => id, LEASE_MS, 10, { sourceSystem: 'woocommerce' });
      t.same(
        mine.map((c) => c.connectionId),
        [other],
      );
      t.match(await schedules.find(shop), { leaseOwner: null }, 'the other system stays free');
      t.same(await schedules.claimDue((id) => id, LEASE_MS, 10, { sourceSystem: 'magento' }), []);
      const all = await schedules.claimDue((id) => id, LEASE_MS, 10);
      t.same(
        all.map((c) => c.connectionId),
        [shop],
        'without the filter any system',
      );
    });

    t.test('renew keeps a held lease and fails once another claimer took it', async (t) => {
      const id = await connection('c-renew');
      await schedules.ensure(id, 'cursor', 300);
      const first = await claimOnly(schedules, 'owner-a');
      t.ok(await schedules.renew(id, first.leaseToken, LEASE_MS), 'held: renewed');
      await expireLease(db, id);
      const second = await claimOnly(schedules, 'owner-b');
      t.equal(second.connectionId, id, 'the expired lease is taken over');
      t.notOk(await schedules.renew(id, first.leaseToken, LEASE_MS), 'the old holder cannot renew');
      t.ok(await schedules.renew(id, second.leaseToken, LEASE_MS), 'the new holder can');
      t.equal((await schedules.find(id))?.leaseOwner, 'owner-b');
    });

    t.test('advance with a stale lease token changes nothing', async (t) => {
      const id = await connection('c-stale');
      await schedules.ensure(id, 'cursor-0', 300);
      const stale = await claimOnly(schedules, 'owner-a');
      await expireLease(db, id);
      await claimOnly(schedules, 'owner-b');
      const before = await schedules.find(id);
      t.notOk(await schedules.advance(stale, 'cursor-stale', false), 'refused');
      await schedules.fail(stale, 'late failure', 60);
      t.same(await schedules.find(id), before, 'cursor, lease and failures untouched');
    });

    t.test('advance stores the cursor, frees the lease and schedules the next poll', async (t) => {
      const id = await connection('c-advance');
      await schedules.ensure(id, 'cursor-0', 300);
      const claim = await claimOnly(schedules, 'owner-a');
      t.ok(await schedules.advance(claim, 'cursor-1', false));
      const after = await schedules.find(id);
      t.match(after, { cursor: 'cursor-1', leaseOwner: null, leaseUntil: null, lastPolledAt: Date });
      t.ok(
        Math.abs((await secondsUntil(db, after?.nextPollAt ?? new Date(0))) - 300) < 5,
        'due after the interval',
      );

      await schedules.pollNow(id);
      const again = await claimOnly(schedules, 'owner-b');
      t.ok(await schedules.advance(again, 'cursor-2', true), 'more: poll again now');
      t.ok(
        (await secondsUntil(db, (await schedules.find(id))?.nextPollAt ?? new Date(0))) <= 0,
        'due at once',
      );
    });

    t.test('a reset during a poll wins over that poll (cursor_version fence)', async (t) => {
      const id = await connection('c-reset');
      await schedules.ensure(id, 'cursor-0', 300);
      const claim = await claimOnly(schedules, 'owner-a');
      const reset = await schedules.reset(id, 'cursor-reset');
      t.match(reset, { cursor: 'cursor-reset', cursorVersion: 1, leaseOwner: 'owner-a' });
      t.ok(await schedules.advance(claim, 'cursor-polled', false), 'the poll still ends its lease');
      const after = await schedules.find(id);
      t.match(after, { cursor: 'cursor-reset', cursorVersion: 1, leaseOwner: null, leaseUntil: null });
      t.ok(
        (await secondsUntil(db, after?.nextPollAt ?? new Date(0))) <= 0,
        'the reset cursor is polled at once, not after the interval',
      );
      const next = await claimOnly(schedules, 'owner-b');
      t.match(next, { cursor: 'cursor-reset', cursorVersion: 1 });
      t.ok(await schedules.advance(next, 'cursor-after-reset', false));
      t.equal(
        (await schedules.find(id))?.cursor,
        'cursor-after-reset',
        'a poll from the reset cursor moves it',
      );
      t.equal(await schedules.reset('c-missing', 'x'), undefined, 'no schedule: undefined');
    });

    t.test('fail counts, records the error and backs off; advance clears them', async (t) => {
      const id = await connection('c-fail');
      await schedules.ensure(id, 'cursor-0', 300);
      const first = await claimOnly(schedules, 'owner-a');
      await schedules.fail(first, 'SOURCE_UNAVAILABLE: 503', 120);
      const failed = await schedules.find(id);
      t.match(failed, {
        cursor: 'cursor-0',
        consecutiveFailures: 1,
        lastError: 'SOURCE_UNAVAILABLE: 503',
        leaseOwner: null,
        leaseUntil: null,
        lastPolledAt: null,
      });
      t.ok(
        Math.abs((await secondsUntil(db, failed?.nextPollAt ?? new Date(0))) - 120) < 5,
        'due after the backoff',
      );
      t.same(await schedules.claimDue(() => 'early', LEASE_MS, 10), [], 'not claimable during the backoff');

      await schedules.pollNow(id);
      const second = await claimOnly(schedules, 'owner-b');
      t.equal(second.consecutiveFailures, 1, 'the claim tells the poller how often it failed');
      await schedules.fail(second, 'SOURCE_RATE_LIMITED: 429', 30);
      t.match(await schedules.find(id), { consecutiveFailures: 2, lastError: 'SOURCE_RATE_LIMITED: 429' });

      await schedules.pollNow(id);
      t.ok(await schedules.advance(await claimOnly(schedules, 'owner-c'), 'cursor-1', false));
      t.match(await schedules.find(id), { consecutiveFailures: 0, lastError: null, cursor: 'cursor-1' });
    });

    t.test('pollNow, find and remove', async (t) => {
      const id = await connection('c-ops');
      t.equal(await schedules.find(id), undefined, 'no schedule before ensure');
      await schedules.ensure(id, 'cursor-0', 300);
      await postpone(db, id);
      t.same(await schedules.claimDue(() => 'x', LEASE_MS, 10), [], 'not due');
      await schedules.pollNow(id);
      t.equal((await claimOnly(schedules, 'owner-a')).connectionId, id, 'due after pollNow');
      await schedules.remove(id);
      t.equal(await schedules.find(id), undefined, 'removed');
      await schedules.pollNow(id);
      await schedules.remove(id);
      t.equal(await schedules.find(id), undefined, 'pollNow and remove of a missing schedule are no-ops');
    });

    t.test('a schedule goes with its connection', async (t) => {
      const id = await connection('c-cascade');
      await schedules.ensure(id, 'cursor-0', 300);
      await db.deleteFrom('connections').where('id', '=', id).execute();
      t.equal(await schedules.find(id), undefined);
    });
  });
}
