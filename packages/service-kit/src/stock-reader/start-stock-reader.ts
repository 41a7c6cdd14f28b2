/**
 * The stock reader of one target connector deployable (a books/POS system with `stockSource`):
 * every connection of that system with stock on gets a read schedule; each tick claims the due
 * ones under a lease in Postgres (two replicas never read one connection at once), reads them
 * (`read-connection-stock.ts`), and stores the change marker and the next read, or backs off.
 */
import type { SessionOptions } from '@koppel/connector-registry';
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
import {
  CONNECTION_SCHEDULE_DEFAULTS,
  type ConnectionScheduleOptions,
  resolveScheduleOptions,
  startConnectionScheduleLoop,
} from '../connection-schedule/connection-schedule-loop.js';
import { backOffClaim, journalClaimFailure } from '../connection-schedule/fail-claim.js';
import type { HeldLease } from '../connection-schedule/hold-lease.js';
import { readConnectionStock } from './read-connection-stock.js';
import { STOCK_JOURNEY_ORDER_ID } from './stock-journey.js';
import { createStockMetrics } from './stock-metrics.js';
import { measuredSessionCache } from '../measured-session-options.js';

type Log = { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };

export type StockReaderDeps = ConnectionScheduleOptions & {
  db: Kysely<Database>;
  /** Opens the target side's sealed credentials. */
  connections: ConnectionRepository;
  bus: MessageBus;
  topicPrefix: string;
  journey: JourneyRepository;
  metrics: ServiceMetrics;
  log: Log;
  session?: SessionOptions;
};

export type StockReader = {
  /** One round now (sync if due, claim, read); the loop calls it, tests may too. */
  tick(): Promise<void>;
  /** Forces the next tick to sync schedules with the connections first. */
  syncSoon(): void;
  /**
   * Stops the loop and ends the reads under way at their next request (leases freed, markers
   * unchanged: the next start reads the same changes again, which the sinks' last-write-wins by
   * source time makes harmless).
   */
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
  const options = resolveScheduleOptions(deps, CONNECTION_SCHEDULE_DEFAULTS);
  const settingsRepo = createStockSettingsRepository(deps.db);
  const schedules = createStockReadScheduleRepository(deps.db);
  const readDeps = {
    bus: deps.bus,
    topicPrefix: deps.topicPrefix,
    schedules,
    observations: createStockObservationRepository(deps.db),
    holds: createStockHoldRepository(deps.db),
  };
  const stopping = new AbortController();
  const sessions = measuredSessionCache(connector, 'target', 'stock-read', {
    ...deps,
    stopSignal: stopping.signal,
  });
  const metrics = createStockMetrics(deps.metrics);

  async function syncSchedules(): Promise<void> {
    // Holds past the longest hold window the settings allow count for nothing: forgotten.
    await readDeps.holds.purgeOlderThan(MAX_HOLD_MINUTES);
    for (const row of await settingsRepo.listByTarget(system)) {
      const parsed = readStockSettings({ stock: row.stock });
      if (row.active && parsed.ok && stockActive(parsed.settings)) await schedules.ensure(row.connectionId);
      else await schedules.remove(row.connectionId);
    }
  }

  async function readOne(claim: StockReadClaim, holdLease: () => HeldLease): Promise<void> {
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
    const lease = holdLease();
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
      if (stopping.signal.aborted) {
        await schedules.release(claim);
        metrics.read(system, claim.full ? 'full' : 'changes', 'stopped');
        deps.log.info(
          { connectionId: connection.id },
          'stock read cut short by a stop; read again on the next start',
        );
        return;
      }
      const error = toAppError(thrown);
      const retryInSeconds = await backOffClaim(schedules.fail, claim, error, options.backoff);
      metrics.read(system, claim.full ? 'full' : 'changes', 'failed');
      await journalClaimFailure(deps, {
        claim,
        journeyOrderId: STOCK_JOURNEY_ORDER_ID,
        kind: 'stock_read_failed',
        system,
        error,
        retryInSeconds,
      });
    } finally {
      lease.release();
    }
  }

  const loop = startConnectionScheduleLoop({
    ...options,
    name: 'stock read',
    log: deps.log,
    syncSchedules,
    claimDue: (leaseToken, leaseMs, limit) => schedules.claimDue(system, leaseToken, leaseMs, limit),
    renew: (connectionId, leaseToken, leaseMs) => schedules.renew(connectionId, leaseToken, leaseMs),
    work: readOne,
  });
  return {
    tick: loop.tick,
    syncSoon: loop.syncSoon,
    async stop() {
      stopping.abort(new Error('the stock reader is stopping'));
      await loop.stop();
    },
  };
}
