import { randomUUID } from 'node:crypto';
import { type Connection, type ConnectionRepository, hashWebhookSecret } from '@koppel/db';
import type { FastifyInstance } from 'fastify';
import { toConnectionView } from '../domain/connection-view.js';
import { generateWebhookSecret, toWebhookUrl } from '../domain/webhook-secret.js';
import { adminErrors } from '../errors.js';
import { adminSecurity } from '../openapi/openapi-docs.js';
import type { ZodTypeProvider } from '../openapi/zod-schema-compilers.js';
import {
  connectionListSchema,
  connectionParamsSchema,
  connectionSchema,
  connectionWithWebhookSchema,
  createConnectionBodySchema,
  listConnectionsQuerySchema,
  patchConnectionBodySchema,
} from '../schemas/connection-schemas.js';
import { notFoundResponse, problemResponses } from '../schemas/problem-schemas.js';

export type ConnectionRouteDeps = {
  connections: ConnectionRepository;
  publicWebhookBaseUrl: string;
};

const common = { tags: ['connections'], security: adminSecurity };

/** Connection CRUD; credentials go in sealed and never come out, webhook secrets are shown once. */
export async function registerConnectionRoutes(
  app: FastifyInstance,
  deps: ConnectionRouteDeps,
): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { connections } = deps;

  const view = async (connection: Connection) =>
    toConnectionView(connection, (await connections.readCredentials(connection.id)) ?? {});
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
        body: createConnectionBodySchema,
        response: { 201: connectionWithWebhookSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const secret = generateWebhookSecret();
      const { credentials, ...fields } = request.body;
      const connection = await connections.create({
        ...fields,
        id: randomUUID(),
        webhookSecretHash: hashWebhookSecret(secret),
        active: true,
        credentials,
      });
      request.log.info({ connectionId: connection.id, tenantId: connection.tenantId }, 'connection created');
      const body = {
        ...toConnectionView(connection, credentials),
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
        summary: 'List connections, optionally of one tenant',
        querystring: listConnectionsQuerySchema,
        response: { 200: connectionListSchema, ...problemResponses },
      },
    },
    async (request) => {
      const list = await connections.list(request.query.tenantId);
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
      const connection = await connections.find(request.params.id);
      if (!connection) throw adminErrors.connectionNotFound(request.params.id);
      return view(connection);
    },
  );

  routes.patch(
    '/connections/:id',
    {
      schema: {
        ...common,
        summary: 'Change a connection; credentials, when given, replace the stored ones',
        params: connectionParamsSchema,
        body: patchConnectionBodySchema,
        response: { 200: connectionSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      const connection = await connections.update(request.params.id, request.body);
      if (!connection) throw adminErrors.connectionNotFound(request.params.id);
      request.log.info(
        { connectionId: connection.id, changed: Object.keys(request.body) },
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
