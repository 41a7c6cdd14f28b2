import {
  type CredentialCipher,
  createConnectionRepository,
  createJourneyRepository,
  type DatabaseHandle,
} from '@koppel/db';
import { buildServiceApp, type ReadinessCheck, type ServiceAppOptions } from '@koppel/service-kit';
import type { FastifyInstance } from 'fastify';
import { registerOpenApiDocs } from './openapi/openapi-docs.js';
import { zodSerializerCompiler, zodValidatorCompiler } from './openapi/zod-schema-compilers.js';
import { createApiKeyAuth } from './routes/api-key-auth.js';
import { registerConnectionRoutes } from './routes/connection-routes.js';
import { registerJourneyRoutes } from './routes/journey-routes.js';

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
};

/**
 * The admin API: `/admin/v1/*` behind an API key, OpenAPI 3.1 at `/openapi.json`, Swagger UI
 * at `/docs`, and the open health, readiness and metrics routes. Never listens.
 */
export async function buildAdminApp(deps: AdminDeps): Promise<FastifyInstance> {
  const authenticate = createApiKeyAuth(deps.apiKeys);
  const connections = createConnectionRepository(deps.database.db, deps.cipher);
  const journey = createJourneyRepository(deps.database.db);
  const app = buildServiceApp({
    serviceName: 'admin',
    readiness: deps.readiness ?? { database: () => deps.database.ping() },
    registry: deps.registry,
    ...(deps.logLevel ? { logLevel: deps.logLevel } : {}),
  });
  await registerOpenApiDocs(app);
  await app.register(
    async (admin) => {
      admin.setValidatorCompiler(zodValidatorCompiler);
      admin.setSerializerCompiler(zodSerializerCompiler);
      admin.addHook('onRequest', authenticate);
      await registerConnectionRoutes(admin, { connections, publicWebhookBaseUrl: deps.publicWebhookBaseUrl });
      await registerJourneyRoutes(admin, { connections, journey });
    },
    { prefix: '/admin/v1' },
  );
  return app;
}
