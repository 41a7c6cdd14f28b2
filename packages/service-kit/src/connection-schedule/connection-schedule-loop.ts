import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { LeaseFence } from '@koppel/db';
import type { BackoffOptions } from '../source-poller/poll-backoff.js';
import { type HeldLease, holdLease, type RenewLease } from './hold-lease.js';

/** The loop settings a runner's deps may override; each runner has its own defaults. */
export type ConnectionScheduleOptions = {
  /** This replica's name in lease tokens (default: host name). */
  instanceId?: string;
  /** Milliseconds between ticks (claim due connections). */
  tickMs?: number;
  /** Milliseconds a claim holds a connection; renewed every third of it while working. */
  leaseMs?: number;
  /** Connections worked on at once per tick. */
  claimLimit?: number;
  /** Milliseconds between syncs of the schedule rows with the connections' settings. */
  scheduleSyncMs?: number;
  /** Waits after failed attempts. */
  backoff?: BackoffOptions;
};

export type ConnectionScheduleDefaults = Required<Omit<ConnectionScheduleOptions, 'instanceId'>>;

/**
 * The defaults of the source poller and the stock reader: a tick a second, a one-minute lease,
 * four connections at once, schedules synced every 30 s, failures backing off from 5 s to 15 min.
 */
export const CONNECTION_SCHEDULE_DEFAULTS: ConnectionScheduleDefaults = Object.freeze({
  tickMs: 1000,
  leaseMs: 60_000,
  claimLimit: 4,
  scheduleSyncMs: 30_000,
  backoff: Object.freeze({ baseSeconds: 5, maxSeconds: 900 }),
});

type Log = { warn(obj: object, msg?: string): void };

export type ConnectionScheduleLoopSpec<C extends LeaseFence> = {
  /** Names the loop in the log line of a failed tick (`<name> tick failed`). */
  name: string;
  /** Milliseconds, as resolved by `resolveScheduleOptions`. */
  tickMs: number;
  leaseMs: number;
  claimLimit: number;
  scheduleSyncMs: number;
  instanceId: string;
  log: Log;
  /** Creates and removes schedule rows from the connections' settings (every `scheduleSyncMs`). */
  syncSchedules(): Promise<void>;
  /** Claims up to `limit` due connections, each under a new lease token. */
  claimDue(leaseToken: () => string, leaseMs: number, limit: number): Promise<C[]>;
  renew: RenewLease;
  /**
   * Works on one claim and completes or fails it; `holdLease` starts renewing the lease (once the
   * work knows it will use it), and the work releases what it holds.
   */
  work(claim: C, holdLease: () => HeldLease): Promise<void>;
};

export type ConnectionScheduleLoop = {
  /** One round now (sync if due, claim, work); the loop calls it, tests may too. */
  tick(): Promise<void>;
  /** Forces the next tick to sync schedules with the connections first. */
  syncSoon(): void;
  /** True once `stop` was called: work under way should stop at its next safe point. */
  stopping(): boolean;
  /** Stops the loop and waits for the tick under way. */
  stop(): Promise<void>;
};

/** A schedule repository whose claims may be limited to the connections of one source system. */
export type SourceSystemSchedules<C extends LeaseFence> = {
  claimDue(
    leaseToken: () => string,
    leaseMs: number,
    limit: number,
    filter: { sourceSystem: string },
  ): Promise<C[]>;
  renew: RenewLease;
};

/** The loop's `claimDue` and `renew` over such a repository, claiming only `sourceSystem`'s. */
export function claimsOfSourceSystem<C extends LeaseFence>(
  schedules: SourceSystemSchedules<C>,
  sourceSystem: string,
): Pick<ConnectionScheduleLoopSpec<C>, 'claimDue' | 'renew'> {
  return {
    claimDue: (leaseToken, leaseMs, limit) =>
      schedules.claimDue(leaseToken, leaseMs, limit, { sourceSystem }),
    renew: (connectionId, leaseToken, leaseMs) => schedules.renew(connectionId, leaseToken, leaseMs),
  };
}

/** The runner's defaults overridden by whatever its deps set. */
export function resolveScheduleOptions(
  options: ConnectionScheduleOptions,
  defaults: ConnectionScheduleDefaults,
): ConnectionScheduleDefaults & { instanceId: string } {
  return {
    instanceId: options.instanceId ?? hostname(),
    tickMs: options.tickMs ?? defaults.tickMs,
    leaseMs: options.leaseMs ?? defaults.leaseMs,
    claimLimit: options.claimLimit ?? defaults.claimLimit,
    scheduleSyncMs: options.scheduleSyncMs ?? defaults.scheduleSyncMs,
    backoff: options.backoff ?? defaults.backoff,
  };
}

/**
 * The loop of every "per connection, on a schedule, leased in Postgres" runner (source poller,
 * stock reader, product sync): every `tickMs` it syncs the schedule rows when due, claims the due
 * connections under a lease and works on them at once; ticks never overlap, and `stop` waits for
 * the one under way. Completing or failing (with backoff) a claim is the work's own.
 */
export function startConnectionScheduleLoop<C extends LeaseFence>(
  spec: ConnectionScheduleLoopSpec<C>,
): ConnectionScheduleLoop {
  let lastSync = Number.NEGATIVE_INFINITY;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function tick(): Promise<void> {
    if (performance.now() - lastSync >= spec.scheduleSyncMs) {
      await spec.syncSchedules();
      lastSync = performance.now();
    }
    const claims = await spec.claimDue(
      () => `${spec.instanceId}:${randomUUID()}`,
      spec.leaseMs,
      spec.claimLimit,
    );
    await Promise.all(
      claims.map((claim) => spec.work(claim, () => holdLease(spec.renew, claim, spec.leaseMs))),
    );
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => spec.log.warn({ err: error }, `${spec.name} tick failed`))
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, spec.tickMs);
  }
  schedule();

  return {
    tick,
    syncSoon() {
      lastSync = Number.NEGATIVE_INFINITY;
    },
    stopping: () => stopped,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
