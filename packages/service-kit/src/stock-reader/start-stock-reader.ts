/**
 * The stock reader of one target connector deployable (a books/POS system with `stockSource`):
 * every connection of that system with stock on gets a read schedule; each tick claims the due
 * ones under a lease in Postgres (two replicas never read one connection at once), reads them
 * (`read-connection-stock.ts`), and stores the change marker and the next read, or backs off.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createSessionCache, type SessionOptions } from '@koppel/connector-registry';
import type { AnyTargetConnector, StockSourceCapability } from '@koppel/connector-sdk';
import {
  type ConnectionRepository,
  createStockHoldRepository,
  createStockObservationRepository,
  createStockReadScheduleRepository,
  createStockSettingsRepository,
  type Database,
  type JourneyRepository,
  type StockReadClaim,
} from '@koppel/db';
import { toAppError } from '@koppel/errors';
import type { MessageBus } from '@koppel/kafka';
import { MAX_HOLD_MINUTES, readStockSettings, stockActive } from '@koppel/stock-sync';
import type { ServiceMetrics } from '@koppel/telemetry';
import type { Kysely } from 'kysely';
import { type BackoffOptions, pollBackoffSeconds } from '../source-poller/poll-backoff.js';
import { readConnectionStock } from './read-connection-stock.js';
import { STOCK_JOURNEY_ORDER_ID } from './stock-journey.js';
import { createStockMetrics } from './stock-metrics.js';

type Log = { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };

export type StockReaderDeps = {
  db: Kysely<Database>;
  /** Opens the target side's sealed credentials. */
  connections: ConnectionRepository;
  bus: MessageBus;
  topicPrefix: string;
  journey: JourneyRepository;
  metrics: ServiceMetrics;
  log: Log;
  /** This replica's name in lease tokens (default: host name). */
  instanceId?: string;
  /** Milliseconds between ticks (default 1000). */
  tickMs?: number;
  /** Milliseconds a claim holds a connection; renewed every third of it while reading (default 60 000). */
  leaseMs?: number;
  /** Connections read at once per tick (default 4). */
  claimLimit?: number;
  /** Milliseconds between syncs of read schedules with the connections' settings (default 30 000). */
  scheduleSyncMs?: number;
  backoff?: BackoffOptions;
  session?: SessionOptions;
};

export type StockReader = {
  /** One round now (sync if due, claim, read); the loop calls it, tests may too. */
  tick(): Promise<void>;
  /** Forces the next tick to sync schedules with the connections first. */
  syncSoon(): void;
  stop(): Promise<void>;
};

/** Starts the loop; undefined when the connector reports no stock. */
export function startStockReader(
  connector: AnyTargetConnector,
  deps: StockReaderDeps,
): StockReader | undefined {
  const offered = connector.stockSource as StockSourceCapability<unknown> | undefined;
  if (!offered) return undefined;
  const source: StockSourceCapability<unknown> = offered;
  const system = connector.system;
  const tickMs = deps.tickMs ?? 1000;
  const leaseMs = deps.leaseMs ?? 60_000;
  const claimLimit = deps.claimLimit ?? 4;
  const syncMs = deps.scheduleSyncMs ?? 30_000;
  const backoff = deps.backoff ?? { baseSeconds: 5, maxSeconds: 900 };
  const instanceId = deps.instanceId ?? hostname();
  const settingsRepo = createStockSettingsRepository(deps.db);
  const schedules = createStockReadScheduleRepository(deps.db);
  const readDeps = {
    bus: deps.bus,
    topicPrefix: deps.topicPrefix,
    schedules,
    observations: createStockObservationRepository(deps.db),
    holds: createStockHoldRepository(deps.db),
  };
  const sessions = createSessionCache(connector, deps.connections, 'target', deps.session);
  const metrics = createStockMetrics(deps.metrics);
  let lastSync = Number.NEGATIVE_INFINITY;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function syncSchedules(): Promise<void> {
    // Holds past the longest hold window the settings allow count for nothing: forgotten.
    await readDeps.holds.purgeOlderThan(MAX_HOLD_MINUTES);
    for (const row of await settingsRepo.listByTarget(system)) {
      const parsed = readStockSettings({ stock: row.stock });
      if (row.active && parsed.ok && stockActive(parsed.settings)) await schedules.ensure(row.connectionId);
      else await schedules.remove(row.connectionId);
    }
  }

  function holdLease(claim: StockReadClaim) {
    let lost = false;
    const renew = setInterval(
      () => {
        schedules.renew(claim.connectionId, claim.leaseToken, leaseMs).then(
          (held) => {
            lost ||= !held;
          },
          () => {
            lost = true;
          },
        );
      },
      Math.max(10, Math.floor(leaseMs / 3)),
    );
    return { lost: () => lost, release: () => clearInterval(renew) };
  }

  async function readOne(claim: StockReadClaim): Promise<void> {
    const row = await settingsRepo.find(claim.connectionId);
    const parsed = readStockSettings({ stock: row?.stock });
    if (!row?.active || row.targetSystem !== system || !parsed.ok || !stockActive(parsed.settings)) {
      await schedules.remove(claim.connectionId);
      sessions.forget(claim.connectionId);
      return;
    }
    const connection = {
      id: row.connectionId,
      sourceSystem: row.sourceSystem,
      targetSystem: row.targetSystem,
    };
    const lease = holdLease(claim);
    try {
      const session = await sessions.sessionFor(connection.id);
      const result = await readConnectionStock(readDeps, {
        source,
        session,
        claim,
        connection,
        settings: parsed.settings,
        leaseLost: lease.lost,
      });
      const stored =
        !result.leaseLost &&
        (await schedules.complete(claim, {
          marker: result.marker,
          intervalSeconds: parsed.settings.changeIntervalSeconds,
          readAgainNow: result.more,
          fullResyncMinutes: parsed.settings.fullResyncMinutes,
        }));
      metrics.read(system, result.kind, stored ? 'ok' : 'lease_lost');
      metrics.published(system, result.published);
      if (result.published > 0 || !stored) {
        deps.log.info({ connectionId: connection.id, ...result, stored }, 'stock read');
      }
    } catch (thrown) {
      const error = toAppError(thrown);
      const retryInSeconds = pollBackoffSeconds(error, claim.consecutiveFailures, backoff);
      await schedules.fail(claim, `${error.code}: ${error.message}`, retryInSeconds);
      metrics.read(system, claim.full ? 'full' : 'changes', 'failed');
      await deps.journey
        .record(connection.id, STOCK_JOURNEY_ORDER_ID, 'failed', {
          kind: 'stock_read_failed',
          system,
          code: error.code,
          message: error.message,
          retryable: error.retryable,
          retryInSeconds,
          consecutiveFailures: claim.consecutiveFailures + 1,
        })
        .catch(() => {});
      deps.log.warn({ connectionId: connection.id, code: error.code, retryInSeconds }, error.message);
    } finally {
      lease.release();
    }
  }

  async function tick(): Promise<void> {
    if (performance.now() - lastSync >= syncMs) {
      await syncSchedules();
      lastSync = performance.now();
    }
    const claims = await schedules.claimDue(
      system,
      () => `${instanceId}:${randomUUID()}`,
      leaseMs,
      claimLimit,
    );
    await Promise.all(claims.map((claim) => readOne(claim)));
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => deps.log.warn({ err: error }, 'stock read tick failed'))
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, tickMs);
  }
  schedule();

  return {
    tick,
    syncSoon() {
      lastSync = Number.NEGATIVE_INFINITY;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
