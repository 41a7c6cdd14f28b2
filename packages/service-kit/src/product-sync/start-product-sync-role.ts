import type { SessionOptions } from '@koppel/connector-registry';
import type { AnySourceConnector } from '@koppel/connector-sdk';
import {
  type ConnectionRepository,
  createProductSettingsRepository,
  createProductSyncItemRepository,
  createProductSyncRunRepository,
  createProductSyncScheduleRepository,
  type Database,
} from '@koppel/db';
import type { ServiceMetrics } from '@koppel/telemetry';
import type { Kysely } from 'kysely';
import { type ProductSyncDeps, type ProductSyncRunner, startProductSync } from './start-product-sync.js';

export type ProductSyncRoleDeps = {
  db: Kysely<Database>;
  connections: ConnectionRepository;
  metrics: ServiceMetrics;
  log: ProductSyncDeps['log'];
  instanceId?: string;
  session?: SessionOptions;
  /** Runner timing (tests run faster than production's defaults). */
  timing?: Pick<ProductSyncDeps, 'tickMs' | 'leaseMs' | 'claimLimit' | 'scheduleSyncMs' | 'backoff'>;
};

/**
 * The product sync role of a shop connector's deployable (and of the embedded mode): a runner
 * over the database's product sync tables when the shop connector takes products
 * (`productSink`), none otherwise.
 */
export function startProductSyncRole(
  connector: AnySourceConnector,
  deps: ProductSyncRoleDeps,
): ProductSyncRunner | undefined {
  if (!connector.productSink || !connector.openSession) return undefined;
  return startProductSync(connector, {
    connections: deps.connections,
    settings: createProductSettingsRepository(deps.db),
    schedules: createProductSyncScheduleRepository(deps.db),
    runs: createProductSyncRunRepository(deps.db),
    items: createProductSyncItemRepository(deps.db),
    metrics: deps.metrics,
    log: deps.log,
    instanceId: deps.instanceId,
    session: deps.session,
    ...deps.timing,
  });
}
