import type { ConnectionRepository, CredentialCipher, Database } from '@koppel/db';
import {
  createNotificationStore,
  hasChannels,
  newWebhookSecret,
  type Notifier,
  readNotificationSettings,
} from '@koppel/notifications';
import { appError } from '@koppel/errors';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { adminErrors } from '../errors.js';
import { adminSecurity } from '../openapi/openapi-docs.js';
import type { ZodTypeProvider } from '../openapi/zod-schema-compilers.js';
import { connectionParamsSchema } from '../schemas/connection-schemas.js';
import {
  notificationSettingsBodySchema,
  notificationSettingsViewSchema,
  notificationTestResultSchema,
} from '../schemas/notification-schemas.js';
import { conflictResponse, notFoundResponse, problemResponses } from '../schemas/problem-schemas.js';
import { findVisibleConnection } from './tenant-scope.js';

export type NotificationRouteDeps = {
  db: Kysely<Database>;
  cipher: CredentialCipher;
  connections: ConnectionRepository;
  /** Sends test notices; the same channels as the running notifier. */
  notifier: Notifier;
};

const tags = ['notifications'];

/**
 * Notification settings per connection (`@koppel/notifications`): e-mail recipients, a webhook
 * signed per Standard Webhooks (its secret sealed at rest, shown once), and the interval within
 * which a problem is told at most once. A test notice checks the channels.
 */
export async function registerNotificationRoutes(
  app: FastifyInstance,
  deps: NotificationRouteDeps,
): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const store = createNotificationStore(deps.db);
  const stored = async (id: string) => {
    const connection = (await store.connectionsById([id])).get(id);
    if (!connection) throw adminErrors.connectionNotFound(id);
    return connection;
  };
  const view = async (id: string, generatedSecret?: string) => {
    const connection = await stored(id);
    const settings = readNotificationSettings(connection.notifications);
    return {
      connectionId: id,
      email: settings.email ?? null,
      webhook: settings.webhook
        ? { url: settings.webhook.url, secretSet: connection.notificationSecretSealed !== '' }
        : null,
      intervalMinutes: settings.intervalMinutes,
      ...(generatedSecret ? { generatedSecret } : {}),
    };
  };

  routes.get(
    '/connections/:id/notifications',
    {
      schema: {
        tags,
        security: adminSecurity,
        summary: 'Who hears of this connection’s problems',
        params: connectionParamsSchema,
        response: { 200: notificationSettingsViewSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      await findVisibleConnection(deps.connections, request, request.params.id);
      return view(request.params.id);
    },
  );

  routes.put(
    '/connections/:id/notifications',
    {
      schema: {
        tags,
        security: adminSecurity,
        summary: 'Set e-mail recipients, the signed webhook and the interval (validated on save)',
        params: connectionParamsSchema,
        body: notificationSettingsBodySchema,
        response: { 200: notificationSettingsViewSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      const { id } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      const current = await stored(id);
      const { webhook, ...rest } = request.body;
      let sealed = webhook ? current.notificationSecretSealed : '';
      let generatedSecret: string | undefined;
      if (webhook?.secret) sealed = deps.cipher.seal({ secret: webhook.secret });
      else if (webhook && sealed === '') {
        generatedSecret = newWebhookSecret();
        sealed = deps.cipher.seal({ secret: generatedSecret });
      }
      const settings = { ...rest, ...(webhook ? { webhook: { url: webhook.url } } : {}) };
      await deps.db
        .updateTable('connections')
        .set({
          notifications: JSON.stringify(settings),
          notification_secret_sealed: sealed,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      request.log.info(
        { connectionId: id, email: Boolean(settings.email), webhook: Boolean(webhook) },
        'notification settings saved',
      );
      return view(id, generatedSecret);
    },
  );

  routes.post(
    '/connections/:id/notifications/test',
    {
      schema: {
        tags,
        security: adminSecurity,
        summary: 'Send a test notice on every channel the connection set',
        params: connectionParamsSchema,
        response: {
          200: notificationTestResultSchema,
          ...problemResponses,
          ...notFoundResponse,
          ...conflictResponse,
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      const connection = await stored(id);
      if (!hasChannels(readNotificationSettings(connection.notifications))) {
        throw appError('CONFLICT', 'the connection has no notification channel: set email or webhook first', {
          field: 'notifications',
        });
      }
      const { sent, failed } = await deps.notifier.sendTest(connection);
      return { channels: sent, failed };
    },
  );
}
