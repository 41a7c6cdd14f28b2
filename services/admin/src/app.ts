import {
  type CredentialCipher,
  createApiKeyRepository,
  createAuthFailureRepository,
  createConnectionRepository,
  createJourneyRepository,
  createPollScheduleRepository,
  createProductSettingsRepository,
  createProductSyncItemRepository,
  createProductSyncRunRepository,
  createProductSyncScheduleRepository,
  createStockAppliedRepository,
  createStockReadScheduleRepository,
  createStockSettingsRepository,
  type DatabaseHandle,
} from '@koppel/db';
import type { MessageBus } from '@koppel/kafka';
import { buildServiceApp, type ReadinessCheck, type ServiceAppOptions } from '@koppel/service-kit';
import {
  createNotificationStore,
  createNotifier,
  createWebhookChannel,
  type Notifier,
} from '@koppel/notifications';
import type { FastifyInstance } from 'fastify';
import { type AdminConnectors, loadRegistryConnectors } from './connectors/admin-connectors.js';
import { describeSystems, toSystemComponents } from './connectors/describe-systems.js';
import { registerOpenApiDocs } from './openapi/openapi-docs.js';
import { zodSerializerCompiler, zodValidatorCompiler } from './openapi/zod-schema-compilers.js';
import {
  type AdminAuthFailurePolicy,
  createApiKeyAuth,
  DEFAULT_ADMIN_AUTH_FAILURE_POLICY,
  decorateApiKeyScope,
} from './routes/api-key-auth.js';
import { registerApiKeyRoutes } from './routes/api-key-routes.js';
import { registerCheckRoutes } from './routes/check-routes.js';
import { registerConnectionRoutes } from './routes/connection-routes.js';
import { registerCursorRoutes } from './routes/cursor-routes.js';
import { registerJourneyRoutes } from './routes/journey-routes.js';
import { registerMappingRuleRoutes } from './routes/mapping-rule-routes.js';
import { registerMethodNotAllowed } from './routes/method-not-allowed.js';
import { registerNotificationRoutes } from './routes/notification-routes.js';
import { registerOperationsRoutes } from './routes/operations-routes.js';
import { registerProductRoutes } from './routes/product-routes.js';
import { registerStockRoutes } from './routes/stock-routes.js';
import { registerSystemRoutes } from './routes/system-routes.js';
import { registerTenantDataRoutes } from './routes/tenant-data-routes.js';

/** Where every admin route lives. */
const ADMIN_PREFIX = '/admin/v1';

/** Time a connection check gives each side (target, source), in milliseconds. */
const DEFAULT_CHECK_TIMEOUT_MS = 15_000;

export type AdminDeps = {
  /** A migrated database; the app neither migrates nor closes it. */
  database: DatabaseHandle;
  cipher: CredentialCipher;
  /**
   * Operator keys (ADMIN_API_KEYS; any one authenticates and sees every tenant); at least one.
   * Further keys, tenant-scoped or operator, are created through `/admin/v1/api-keys`.
   */
  apiKeys: string[];
  /** Wrong keys tolerated per source address and window; DEFAULT_ADMIN_AUTH_FAILURE_POLICY when omitted. */
  authFailurePolicy?: AdminAuthFailurePolicy;
  /** Where log lines go (default stdout). */
  logStream?: { write(line: string): void };
  /** Public base URL of ingest, e.g. https://hooks.example.com; webhook URLs are built on it. */
  publicWebhookBaseUrl: string;
  registry: ServiceAppOptions['registry'];
  logLevel?: string;
  /** `/readyz` checks; defaults to a database ping. */
  readiness?: Record<string, ReadinessCheck>;
  /** The systems on offer and how checks open sessions; defaults to @koppel/connector-registry. */
  connectors?: AdminConnectors;
  /** Time a connection check gives each side, in milliseconds (default 15 000). */
  checkTimeoutMs?: number;
  /**
   * The pipeline's bus, where dead-letter replays are published (the embedded mode passes its
   * own); without one, replays answer 503 REPLAY_UNAVAILABLE and everything else works.
   */
  bus?: MessageBus;
  /** Sends notification test notices (the deployable's notifier); absent: built without e-mail. */
  notifier?: Notifier;
};

/**
 * The admin API: `/admin/v1/*` behind an API key, OpenAPI 3.1 at `/openapi.json`, Swagger UI
 * at `/docs`, and the open health, readiness and metrics routes. Never listens.
 */
export async function buildAdminApp(deps: AdminDeps): Promise<FastifyInstance> {
  const apiKeys = createApiKeyRepository(deps.database.db);
  const authenticate = createApiKeyAuth({
    operatorKeys: deps.apiKeys,
    apiKeys,
    authFailures: createAuthFailureRepository(deps.database.db),
    policy: deps.authFailurePolicy ?? DEFAULT_ADMIN_AUTH_FAILURE_POLICY,
  });
  const connections = createConnectionRepository(deps.database.db, deps.cipher);
  const journey = createJourneyRepository(deps.database.db);
  const schedules = createPollScheduleRepository(deps.database.db);
  const connectors = deps.connectors ?? (await loadRegistryConnectors());
  const systems = describeSystems(connectors);
  const app = buildServiceApp({
    serviceName: 'admin',
    readiness: deps.readiness ?? { database: () => deps.database.ping() },
    registry: deps.registry,
    ...(deps.logLevel ? { logLevel: deps.logLevel } : {}),
    logStream: deps.logStream,
  });
  await registerOpenApiDocs(app, toSystemComponents(systems));
  await registerMethodNotAllowed(app, ADMIN_PREFIX);
  await app.register(
    async (admin) => {
      admin.setValidatorCompiler(zodValidatorCompiler);
      admin.setSerializerCompiler(zodSerializerCompiler);
      decorateApiKeyScope(admin);
      admin.addHook('onRequest', authenticate);
      await registerApiKeyRoutes(admin, { apiKeys });
      await registerSystemRoutes(admin, systems);
      await registerConnectionRoutes(admin, {
        connections,
        schedules,
        connectors,
        publicWebhookBaseUrl: deps.publicWebhookBaseUrl,
      });
      await registerCheckRoutes(admin, {
        connections,
        connectors,
        checkTimeoutMs: deps.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
      });
      await registerCursorRoutes(admin, { connections, schedules, connectors });
      await registerJourneyRoutes(admin, { connections, journey });
      await registerProductRoutes(admin, {
        connections,
        settings: createProductSettingsRepository(deps.database.db),
        schedules: createProductSyncScheduleRepository(deps.database.db),
        runs: createProductSyncRunRepository(deps.database.db),
        items: createProductSyncItemRepository(deps.database.db),
        connectors,
      });
      await registerMappingRuleRoutes(admin, { connections, journey, connectors });
      await registerStockRoutes(admin, {
        connections,
        settings: createStockSettingsRepository(deps.database.db),
        schedules: createStockReadScheduleRepository(deps.database.db),
        applied: createStockAppliedRepository(deps.database.db),
      });
      await registerOperationsRoutes(admin, { db: deps.database.db, connections, journey, bus: deps.bus });
      await registerTenantDataRoutes(admin, { db: deps.database.db, apiKeys });
      await registerNotificationRoutes(admin, {
        db: deps.database.db,
        cipher: deps.cipher,
        connections,
        notifier:
          deps.notifier ??
          createNotifier({
            store: createNotificationStore(deps.database.db),
            cipher: deps.cipher,
            webhook: createWebhookChannel(),
            log: app.log,
          }),
      });
    },
    { prefix: ADMIN_PREFIX },
  );
  return app;
}
