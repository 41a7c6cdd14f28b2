import type { ConnectionRepository } from '@koppel/db';
import type { FastifyInstance } from 'fastify';
import type { AdminConnectors } from '../connectors/admin-connectors.js';
import { checkConnection } from '../connectors/check-connection.js';
import { adminSecurity } from '../openapi/openapi-docs.js';
import type { ZodTypeProvider } from '../openapi/zod-schema-compilers.js';
import { checkResultSchema } from '../schemas/check-schemas.js';
import { connectionParamsSchema } from '../schemas/connection-schemas.js';
import { notFoundResponse, problemResponses } from '../schemas/problem-schemas.js';
import { findVisibleConnection } from './tenant-scope.js';

export type CheckRouteDeps = {
  connections: ConnectionRepository;
  connectors: AdminConnectors;
  /** Time each side's check gets, in milliseconds. */
  checkTimeoutMs: number;
};

/** Tries a connection's credentials and settings against the real (or simulated) systems. */
export async function registerCheckRoutes(app: FastifyInstance, deps: CheckRouteDeps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/connections/:id/check',
    {
      schema: {
        tags: ['connections'],
        security: adminSecurity,
        summary: 'Check the connection: one finding per credential and setting, in plain words',
        description:
          'Opens a session with the target (and the source, when its connector can check) and tries each ' +
          'credential and setting. A failing check is a finding, not an error: the answer is 200 with `ok: false`.',
        params: connectionParamsSchema,
        response: { 200: checkResultSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      const connection = await findVisibleConnection(deps.connections, request, request.params.id);
      const findings = await checkConnection(
        { connections: deps.connections, connectors: deps.connectors, timeoutMs: deps.checkTimeoutMs },
        connection,
      );
      const ok = findings.every((finding) => finding.ok);
      request.log.info({ connectionId: connection.id, ok, findings: findings.length }, 'connection checked');
      return { ok, findings };
    },
  );
}
