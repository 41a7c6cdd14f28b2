import type { LeaseFence } from '@koppel/db';
import t from 'tap';
import { startConnectionScheduleLoop } from '../../src/connection-schedule/connection-schedule-loop.js';
import { holdLease } from '../../src/connection-schedule/hold-lease.js';

const silent = { warn: () => {} };
const claimOf = (connectionId: string, leaseToken: string): LeaseFence => ({ connectionId, leaseToken });

/** Resolves once `condition` holds, checking every few milliseconds (fails after `ms`). */
async function until(condition: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

t.test('holdLease renews every third of the lease and is lost on the first refusal', async (t) => {
  const renewals: string[] = [];
  let held = true;
  const lease = holdLease(
    async (connectionId, token, leaseMs) => {
      renewals.push(`${connectionId}/${token}/${leaseMs}`);
      return held;
    },
    claimOf('c-1', 'tok'),
    60,
  );
  await until(() => renewals.length >= 2);
  t.equal(lease.lost(), false, 'held while renewals succeed');
  t.equal(renewals[0], 'c-1/tok/60', 'renews the claim with its own token and lease');
  held = false;
  await until(() => lease.lost());
  lease.release();
  const after = renewals.length;
  await new Promise((resolve) => setTimeout(resolve, 60));
  t.equal(renewals.length, after, 'release stops the renewals');
});

t.test('holdLease counts a renewal that throws as lost', async (t) => {
  const lease = holdLease(
    async () => {
      throw new Error('database gone');
    },
    claimOf('c-1', 'tok'),
    30,
  );
  await until(() => lease.lost());
  lease.release();
  t.pass('lost after a failed renewal');
});

t.test('the loop syncs when due, claims with fresh tokens and works every claim', async (t) => {
  let syncs = 0;
  const tokens: string[] = [];
  const worked: string[] = [];
  const loop = startConnectionScheduleLoop<LeaseFence>({
    name: 'test',
    tickMs: 60_000,
    leaseMs: 1000,
    claimLimit: 3,
    scheduleSyncMs: 60_000,
    instanceId: 'replica-a',
    log: silent,
    syncSchedules: async () => {
      syncs += 1;
    },
    claimDue: async (leaseToken, leaseMs, limit) => {
      t.equal(leaseMs, 1000);
      t.equal(limit, 3);
      return ['c-1', 'c-2'].map((id) => {
        const token = leaseToken();
        tokens.push(token);
        return claimOf(id, token);
      });
    },
    renew: async () => true,
    work: async (claim, hold) => {
      const lease = hold();
      worked.push(claim.connectionId);
      lease.release();
    },
  });
  await loop.tick();
  await loop.tick();
  t.equal(syncs, 1, 'schedules synced once per scheduleSyncMs');
  loop.syncSoon();
  await loop.tick();
  t.equal(syncs, 2, 'syncSoon forces a sync on the next tick');
  t.same(worked, ['c-1', 'c-2', 'c-1', 'c-2', 'c-1', 'c-2']);
  t.equal(new Set(tokens).size, tokens.length, 'every claim has its own token');
  t.match(tokens[0], /^replica-a:/, 'tokens name the replica');
  t.equal(loop.stopping(), false);
  await loop.stop();
  t.equal(loop.stopping(), true);
});

t.test(
  'the timer ticks, a failed tick is logged and the loop goes on; stop waits for the tick',
  async (t) => {
    const warnings: string[] = [];
    let ticks = 0;
    let release: (() => void) | undefined;
    const loop = startConnectionScheduleLoop<LeaseFence>({
      name: 'flaky',
      tickMs: 5,
      leaseMs: 1000,
      claimLimit: 1,
      scheduleSyncMs: 60_000,
      instanceId: 'replica-a',
      log: { warn: (_obj, msg) => warnings.push(msg ?? '') },
      syncSchedules: async () => {},
      claimDue: async () => {
        ticks += 1;
        if (ticks === 1) throw new Error('claim failed');
        if (ticks === 2) await new Promise<void>((resolve) => (release = resolve));
        return [];
      },
      renew: async () => true,
      work: async () => {},
    });
    await until(() => release !== undefined);
    t.same(warnings, ['flaky tick failed'], 'the failed tick is logged with the loop name');
    let stopped = false;
    const stopping = loop.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    t.equal(stopped, false, 'stop waits for the tick under way');
    release?.();
    await stopping;
    await new Promise((resolve) => setTimeout(resolve, 20));
    t.equal(ticks, 2, 'no tick after stop');
  },
);
