import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
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
import { type BackoffOptions, pollBackoffSeconds } from '../source-poller/poll-backoff.js';
import { createProductSyncMetrics } from './product-sync-metrics.js';
import { runProductSync } from './run-product-sync.js';

type Log = { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };

export type ProductSyncDeps = {
  connections: ConnectionRepository;
  settings: ProductSettingsRepository;
  schedules: ProductSyncScheduleRepository;
  runs: ProductSyncRunRepository;
  items: ProductSyncItemRepository;
  metrics: ServiceMetrics;
  log: Log;
  /** The books/POS connector of a target system (default: @koppel/connector-registry's). */
  findTarget?: (system: string) => AnyTargetConnector | undefined;
  /** This replica's name in lease tokens (default: host name). */
  instanceId?: string;
  /** Milliseconds between ticks (claim due connections; default 2000). */
  tickMs?: number;
  /** Milliseconds a claim holds a connection; renewed every third of it while running (default 120 000). */
  leaseMs?: number;
  /** Connections synced at once per tick (default 2). */
  claimLimit?: number;
  /** Milliseconds between syncs of schedule rows with the connections' settings (default 30 000). */
  scheduleSyncMs?: number;
  backoff?: BackoffOptions;
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
  const tickMs = deps.tickMs ?? 2000;
  const leaseMs = deps.leaseMs ?? 120_000;
  const claimLimit = deps.claimLimit ?? 2;
  const syncMs = deps.scheduleSyncMs ?? 30_000;
  const backoff = deps.backoff ?? { baseSeconds: 30, maxSeconds: 1800 };
  const instanceId = deps.instanceId ?? hostname();
  const shopSessions = createSessionCache(shop, deps.connections, 'source', deps.session);
  const targetSessions = new Map<string, SessionCache<unknown>>();
  const metrics = createProductSyncMetrics(deps.metrics);
  let lastSync = Number.NEGATIVE_INFINITY;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const sourceOf = (targetSystem: string) => {
    const target = findTarget(targetSystem);
    return target?.productSource ? { target, source: target.productSource } : undefined;
  };
  const targetSessionFor = (target: AnyTargetConnector, connectionId: string) => {
    let cache = targetSessions.get(target.system);
    if (!cache) {
      cache = createSessionCache(target, deps.connections, 'target', deps.session);
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

  function holdLease(claim: ProductSyncClaim) {
    let lost = false;
    const renew = setInterval(
      () => {
        deps.schedules.renew(claim.connectionId, claim.leaseToken, leaseMs).then(
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

  async function runOne(claim: ProductSyncClaim): Promise<void> {
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
    const lease = holdLease(claim);
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
        stopping: () => stopped,
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
      const retryInSeconds = pollBackoffSeconds(error, claim.consecutiveFailures, backoff);
      await deps.schedules.fail(claim, message, retryInSeconds);
      metrics.attempt(system, 'failed');
      deps.log.warn({ connectionId, runId, code: error.code, retryInSeconds }, error.message);
    } finally {
      lease.release();
    }
  }

  async function tick(): Promise<void> {
    if (performance.now() - lastSync >= syncMs) {
      await syncSchedules();
      lastSync = performance.now();
    }
    const claims = await deps.schedules.claimDue(() => `${instanceId}:${randomUUID()}`, leaseMs, claimLimit, {
      sourceSystem: system,
    });
    await Promise.all(claims.map((claim) => runOne(claim)));
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => deps.log.warn({ err: error }, 'product sync tick failed'))
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, tickMs);
  }
  schedule();

  return {
    tick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

function requireSink(connector: AnySourceConnector): ProductSinkCapability<unknown> {
  if (!connector.productSink) throw new Error(`source connector ${connector.system} has no product sink`);
  if (!connector.openSession) throw new Error(`source connector ${connector.system} opens no sessions`);
  return connector.productSink;
}
