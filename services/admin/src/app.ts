import {
  type CredentialCipher,
  createConnectionRepository,
  createJourneyRepository,
  createPollScheduleRepository,
  type DatabaseHandle,
} from '@koppel/db';
import { buildServiceApp, type ReadinessCheck, type ServiceAppOptions } from '@koppel/service-kit';
import type { FastifyInstance } from 'fastify';
import { type AdminConnectors, loadRegistryConnectors } from './connectors/admin-connectors.js';
import { describeSystems, toSystemComponents } from './connectors/describe-systems.js';
import { registerOpenApiDocs } from './openapi/openapi-docs.js';
import { zodSerializerCompiler, zodValidatorCompiler } from './openapi/zod-schema-compilers.js';
import { createApiKeyAuth } from './routes/api-key-auth.js';
import { registerCheckRoutes } from './routes/check-routes.js';
import { registerConnectionRoutes } from './routes/connection-routes.js';
import { registerCursorRoutes } from './routes/cursor-routes.js';
import { registerJourneyRoutes } from './routes/journey-routes.js';
import { registerSystemRoutes } from './routes/system-routes.js';

/** Time a connection check gives each side (target, source), in milliseconds. */
const DEFAULT_CHECK_TIMEOUT_MS = 15_000;

export type AdminDeps = {
  /** A migrated database; the app neither migrates nor closes it. */
  database: DatabaseHandle;
  cipher: CredentialCipher;
  /** Accepted API keys (any one authenticates); at least one. */
  apiKeys: string[];
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
};

/**
 * The admin API: `/admin/v1/*` behind an API key, OpenAPI 3.1 at `/openapi.json`, Swagger UI
 * at `/docs`, and the open health, readiness and metrics routes. Never listens.
 */
export async function buildAdminApp(deps: AdminDeps): Promise<FastifyInstance> {
  const authenticate = createApiKeyAuth(deps.apiKeys);
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
  });
  await registerOpenApiDocs(app, toSystemComponents(systems));
  await app.register(
    async (admin) => {
      admin.setValidatorCompiler(zodValidatorCompiler);
      admin.setSerializerCompiler(zodSerializerCompiler);
      admin.addHook('onRequest', authenticate);
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
    },
    { prefix: '/admin/v1' },
  );
  return app;
}
