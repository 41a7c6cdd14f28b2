import { randomUUID } from 'node:crypto';
import {
  type Connection,
  type ConnectionRepository,
  hashWebhookSecret,
  type PollScheduleRepository,
} from '@koppel/db';
import type { FastifyInstance } from 'fastify';
import type { AdminConnectors } from '../connectors/admin-connectors.js';
import { parseConnectionPatch, parseNewConnection } from '../connectors/connection-input.js';
import { ensurePollSchedule } from '../connectors/ensure-poll-schedule.js';
import { toConnectionView } from '../domain/connection-view.js';
import { generateWebhookSecret, toWebhookUrl } from '../domain/webhook-secret.js';
import { adminErrors } from '../errors.js';
import { adminSecurity } from '../openapi/openapi-docs.js';
import type { ZodTypeProvider } from '../openapi/zod-schema-compilers.js';
import { findVisibleConnection, maySee, scopeOf } from './tenant-scope.js';
import {
  connectionListSchema,
  connectionParamsSchema,
  connectionSchema,
  connectionWithWebhookSchema,
  createConnectionBodySchemaFor,
  listConnectionsQuerySchema,
  patchConnectionBodySchema,
} from '../schemas/connection-schemas.js';
import {
  forbiddenResponse,
  notFoundResponse,
  problemResponses,
  unprocessableResponse,
} from '../schemas/problem-schemas.js';

export type ConnectionRouteDeps = {
  connections: ConnectionRepository;
  schedules: PollScheduleRepository;
  connectors: AdminConnectors;
  publicWebhookBaseUrl: string;
};

const common = { tags: ['connections'], security: adminSecurity };

/**
 * Connection CRUD; settings and credentials are validated with the chosen connectors' schemas
 * and stored as parsed, credentials go in sealed and never come out, webhook secrets are shown once.
 */
export async function registerConnectionRoutes(
  app: FastifyInstance,
  deps: ConnectionRouteDeps,
): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { connections, connectors, schedules } = deps;
  const createBodySchema = createConnectionBodySchemaFor({
    sources: connectors.sources.map((connector) => connector.system),
    targets: connectors.targets.map((connector) => connector.system),
  });

  const readCredentials = async (id: string, side: 'source' | 'target') =>
    (await connections.readCredentials(id, side)) ?? {};
  const view = async (connection: Connection) =>
    toConnectionView(connection, {
      target: await readCredentials(connection.id, 'target'),
      source: await readCredentials(connection.id, 'source'),
    });
  const withNewWebhook = (connection: Connection, secret: string) => ({
    url: toWebhookUrl(deps.publicWebhookBaseUrl, connection.sourceSystem, connection.id, secret),
    secret,
  });

  routes.post(
    '/connections',
    {
      schema: {
        ...common,
        summary: 'Create a connection; the answer shows its webhook secret once',
        body: createBodySchema,
        response: {
          201: connectionWithWebhookSchema,
          ...problemResponses,
          ...forbiddenResponse,
          ...unprocessableResponse,
        },
      },
    },
    async (request, reply) => {
      if (!maySee(request, request.body.tenantId)) throw adminErrors.outsideTenant('body.tenantId');
      const { source, target, sourceSide } = parseNewConnection(connectors, request.body);
      const secret = generateWebhookSecret();
      const { tenantId, name, sourceSystem, targetSystem, ipAllowlist, rules } = request.body;
      const hasSourceCredentials = Object.keys(sourceSide.credentials).length > 0;
      const connection = await connections.create({
        id: randomUUID(),
        tenantId,
        name,
        sourceSystem,
        targetSystem,
        ipAllowlist,
        rules,
        settings: target.settings,
        credentials: target.credentials,
        sourceSettings: sourceSide.settings,
        sourceCredentials: hasSourceCredentials ? sourceSide.credentials : undefined,
        webhookSecretHash: hashWebhookSecret(secret),
        active: true,
      });
      const polled = await ensurePollSchedule(schedules, source, connection.id, sourceSide.settings);
      request.log.info(
        { connectionId: connection.id, tenantId: connection.tenantId, polled },
        'connection created',
      );
      const body = {
        ...toConnectionView(connection, { target: target.credentials, source: sourceSide.credentials }),
        webhook: withNewWebhook(connection, secret),
      };
      return reply.code(201).send(body);
    },
  );

  routes.get(
    '/connections',
    {
      schema: {
        ...common,
        summary: "List connections, optionally of one tenant (a tenant's key sees only its own)",
        querystring: listConnectionsQuerySchema,
        response: { 200: connectionListSchema, ...problemResponses },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const asked = request.query.tenantId;
      if (!scope.operator && asked !== undefined && asked !== scope.tenantId) return { connections: [] };
      const list = await connections.list(scope.operator ? asked : scope.tenantId);
      return { connections: await Promise.all(list.map(view)) };
    },
  );

  routes.get(
    '/connections/:id',
    {
      schema: {
        ...common,
        summary: 'Show one connection (credential names only)',
        params: connectionParamsSchema,
        response: { 200: connectionSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      return view(await findVisibleConnection(connections, request, request.params.id));
    },
  );

  routes.patch(
    '/connections/:id',
    {
      schema: {
        ...common,
        summary: 'Change a connection; settings and credentials, when given, replace the stored ones',
        params: connectionParamsSchema,
        body: patchConnectionBodySchema,
        response: {
          200: connectionSchema,
          ...problemResponses,
          ...notFoundResponse,
          ...unprocessableResponse,
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const stored = await findVisibleConnection(connections, request, id);
      const { patch, source, sourceSettings } = await parseConnectionPatch(
        connectors,
        stored,
        request.body,
        (side) => readCredentials(id, side),
      );
      const connection = await connections.update(id, patch);
      if (!connection) throw adminErrors.connectionNotFound(id);
      const polled =
        source && sourceSettings
          ? await ensurePollSchedule(schedules, source, id, sourceSettings)
          : undefined;
      request.log.info(
        { connectionId: id, changed: Object.keys(request.body), polled },
        'connection changed',
      );
      return view(connection);
    },
  );

  routes.post(
    '/connections/:id/rotate-webhook-secret',
    {
      schema: {
        ...common,
        summary: 'Replace the webhook secret; the old URL stops working at once',
        params: connectionParamsSchema,
        response: { 200: connectionWithWebhookSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      await findVisibleConnection(connections, request, request.params.id);
      const secret = generateWebhookSecret();
      const connection = await connections.update(request.params.id, {
        webhookSecretHash: hashWebhookSecret(secret),
      });
      if (!connection) throw adminErrors.connectionNotFound(request.params.id);
      request.log.info({ connectionId: connection.id }, 'webhook secret rotated');
      return { ...(await view(connection)), webhook: withNewWebhook(connection, secret) };
    },
  );
}
