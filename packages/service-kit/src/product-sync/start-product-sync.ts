import {
  createSessionCache,
  findTargetConnector,
  type SessionCache,
  type SessionOptions,
} from '@koppel/connector-registry';
import type { AnySourceConnector, AnyTargetConnector, ProductSinkCapability } from '@koppel/connector-sdk';
import type {
  ConnectionRepository,
  ProductSettingsRepository,
  ProductSyncClaim,
  ProductSyncItemRepository,
  ProductSyncRunRepository,
  ProductSyncScheduleRepository,
} from '@koppel/db';
import { toAppError } from '@koppel/errors';
import { type ProductSettings, productSettingsSchema } from '@koppel/product-sync';
import type { ServiceMetrics } from '@koppel/telemetry';
import {
  type ConnectionScheduleDefaults,
  type ConnectionScheduleOptions,
  claimsOfSourceSystem,
  resolveScheduleOptions,
  startConnectionScheduleLoop,
} from '../connection-schedule/connection-schedule-loop.js';
import { backOffClaim } from '../connection-schedule/fail-claim.js';
import type { HeldLease } from '../connection-schedule/hold-lease.js';
import { createProductSyncMetrics } from './product-sync-metrics.js';
import { runProductSync } from './run-product-sync.js';
import { measuredSessionOptions } from '../measured-session-options.js';

type Log = { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };

/**
 * Defaults of the loop settings: a tick every 2 s, a two-minute lease, two connections at once,
 * schedules synced every 30 s, failed attempts backing off from 30 s to 30 min.
 */
const PRODUCT_SYNC_DEFAULTS: ConnectionScheduleDefaults = {
  tickMs: 2000,
  leaseMs: 120_000,
  claimLimit: 2,
  scheduleSyncMs: 30_000,
  backoff: { baseSeconds: 30, maxSeconds: 1800 },
};

export type ProductSyncDeps = ConnectionScheduleOptions & {
  connections: ConnectionRepository;
  settings: ProductSettingsRepository;
  schedules: ProductSyncScheduleRepository;
  runs: ProductSyncRunRepository;
  items: ProductSyncItemRepository;
  metrics: ServiceMetrics;
  log: Log;
  /** The books/POS connector of a target system (default: @koppel/connector-registry's). */
  findTarget?: (system: string) => AnyTargetConnector | undefined;
  /** Request timeout, fetch and clock of the connector sessions. */
  session?: SessionOptions;
};

export type ProductSyncRunner = {
  /** One round now (sync schedules if due, claim, run); the loop calls it, tests may too. */
  tick(): Promise<void>;
  /** Stops the loop; runs under way stop after their current chunk (recorded) and resume later. */
  stop(): Promise<void>;
};

/** A connection's parsed product settings when its sync is on; undefined otherwise. */
function activeSettings(raw: unknown): ProductSettings | undefined {
  const parsed = productSettingsSchema.safeParse(raw ?? {});
  return parsed.success && parsed.data.direction === 'books-to-shop' ? parsed.data : undefined;
}

/**
 * Product sync of every connection of one shop system whose product settings are on
 * (`books-to-shop`), in the shop connector's deployable (the one with `productSink`). Each
 * connection is due every `intervalMinutes` (or at once on an operator's request) and held by a
 * lease in Postgres while it runs, so two replicas never run one connection at once; a failed
 * attempt backs off and the run resumes where it stopped.
 */
export function startProductSync(shop: AnySourceConnector, deps: ProductSyncDeps): ProductSyncRunner {
  const sink = requireSink(shop);
  const system = shop.system;
  const findTarget = deps.findTarget ?? findTargetConnector;
  const options = resolveScheduleOptions(deps, PRODUCT_SYNC_DEFAULTS);
  const shopSessions = createSessionCache(
    shop,
    deps.connections,
    'source',
    measuredSessionOptions(deps.session, {
      system: shop.system,
      operation: 'product-sync',
      metrics: deps.metrics,
    }),
  );
  const targetSessions = new Map<string, SessionCache<unknown>>();
  const metrics = createProductSyncMetrics(deps.metrics);

  const sourceOf = (targetSystem: string) => {
    const target = findTarget(targetSystem);
    return target?.productSource ? { target, source: target.productSource } : undefined;
  };
  const targetSessionFor = (target: AnyTargetConnector, connectionId: string) => {
    let cache = targetSessions.get(target.system);
    if (!cache) {
      cache = createSessionCache(
        target,
        deps.connections,
        'target',
        measuredSessionOptions(deps.session, {
          system: target.system,
          operation: 'product-sync',
          metrics: deps.metrics,
        }),
      );
      targetSessions.set(target.system, cache);
    }
    return cache.sessionFor(connectionId);
  };

  async function syncSchedules(): Promise<void> {
    for (const row of await deps.settings.listBySourceSystem(system)) {
      const settings = activeSettings(row.products);
      if (row.active && settings && sourceOf(row.targetSystem)) {
        await deps.schedules.ensure(row.connectionId, settings.intervalMinutes * 60);
      }
    }
  }

  async function runOne(claim: ProductSyncClaim, holdLease: () => HeldLease): Promise<void> {
    const { connectionId } = claim;
    const connection = await deps.connections.find(connectionId);
    const settings = activeSettings(await deps.settings.read(connectionId));
    const found = connection ? sourceOf(connection.targetSystem) : undefined;
    if (!connection?.active || connection.sourceSystem !== system || !settings || !found) {
      await deps.runs.abandon(connectionId, 'product sync is off for this connection');
      await deps.schedules.remove(connectionId);
      shopSessions.forget(connectionId);
      metrics.attempt(system, 'off');
      return;
    }
    const lease = holdLease();
    let runId: string | undefined;
    try {
      const run = await runProductSync({
        claim,
        settings,
        source: found.source,
        sourceSession: await targetSessionFor(found.target, connectionId),
        sink,
        sinkSession: await shopSessions.sessionFor(connectionId),
        runs: deps.runs,
        items: deps.items,
        leaseLost: lease.lost,
        stopping: () => loop.stopping(),
        onChunk: (sent) => {
          for (const product of sent) metrics.sent(system, product.outcome);
        },
      });
      runId = run.id;
      metrics.attempt(system, 'completed');
      deps.log.info(
        {
          connectionId,
          runId,
          sent: run.productsSent,
          refused: run.productsRefused,
          skipped: run.productsSkipped,
        },
        'product sync completed',
      );
    } catch (thrown) {
      const error = toAppError(thrown);
      if (error.details?.reason === 'stopping') {
        // Shutting down between two chunks: the position is recorded; free the connection so
        // another replica (or this one after its restart) resumes the run at once.
        await deps.schedules.release(claim);
        deps.log.info({ connectionId }, 'product sync stopped for shutdown; the run resumes later');
        return;
      }
      if (error.details?.reason === 'lease_lost') {
        metrics.attempt(system, 'lease_lost');
        deps.log.warn({ connectionId }, 'product sync lease lost; the run is left to its new holder');
        return;
      }
      const message = `${error.code}: ${error.message}`;
      const open = await deps.runs.list(connectionId, { limit: 1 });
      runId = open[0]?.status === 'running' ? open[0].id : undefined;
      if (runId !== undefined) await deps.runs.noteFailure(runId, message);
      const retryInSeconds = await backOffClaim(deps.schedules.fail, claim, error, options.backoff);
      metrics.attempt(system, 'failed');
      deps.log.warn({ connectionId, runId, code: error.code, retryInSeconds }, error.message);
    } finally {
      lease.release();
    }
  }

  const loop = startConnectionScheduleLoop({
    ...options,
    ...claimsOfSourceSystem(deps.schedules, system),
    name: 'product sync',
    log: deps.log,
    syncSchedules,
    work: runOne,
  });
  return { tick: loop.tick, stop: loop.stop };
}

function requireSink(connector: AnySourceConnector): ProductSinkCapability<unknown> {
  if (!connector.productSink) throw new Error(`source connector ${connector.system} has no product sink`);
  if (!connector.openSession) throw new Error(`source connector ${connector.system} opens no sessions`);
  return connector.productSink;
}
