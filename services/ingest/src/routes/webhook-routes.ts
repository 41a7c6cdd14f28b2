import type { SourceConnector } from '@koppel/connector-sdk';
import type { Connection, ConnectionRepository, CredentialCipher } from '@koppel/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type IntakeDeps, takeInWebhookEvents } from '../adapters/webhook-intake.js';
import { sourceConnectors } from '../domain/source-connectors.js';
import { ipAllowed, secretMatches, verifyStandardWebhook } from '../domain/webhook-authentication.js';
import { ingestErrors } from '../errors.js';

export type WebhookRouteDeps = IntakeDeps & {
  connections: ConnectionRepository;
  cipher: CredentialCipher;
};

const urlSecretParamsSchema = z.object({ source: z.string(), connectionId: z.string(), secret: z.string() });
const signedParamsSchema = z.object({ source: z.string(), connectionId: z.string() });
const signingCredentialsSchema = z.object({ webhookSigningSecret: z.string().min(1) });

/**
 * `POST /webhooks/:source/:connectionId/:secret` for sources without signatures (Shoprenter:
 * a per-connection secret in the URL plus an optional IP allowlist), and
 * `POST /webhooks/:source/:connectionId` for sources that sign with Standard Webhooks.
 * Answers 202 only after every new event is on `orders.raw`.
 */
export async function registerWebhookRoutes(app: FastifyInstance, deps: WebhookRouteDeps): Promise<void> {
  app.post('/webhooks/:source/:connectionId/:secret', async (request, reply) => {
    const params = urlSecretParamsSchema.parse(request.params);
    const { connection, connector } = await findConnection(deps, params.source, params.connectionId);
    if (connector.webhookAuthentication !== 'url-secret') throw ingestErrors.wrongSecret();
    if (!secretMatches(params.secret, connection.webhookSecretHash)) throw ingestErrors.wrongSecret();
    return reply.code(202).send(await intake(deps, request, connection, connector));
  });

  app.post('/webhooks/:source/:connectionId', async (request, reply) => {
    const params = signedParamsSchema.parse(request.params);
    const { connection, connector } = await findConnection(deps, params.source, params.connectionId);
    if (connector.webhookAuthentication !== 'standard-webhooks') throw ingestErrors.wrongSecret();
    const credentials = signingCredentialsSchema.safeParse(
      await deps.connections.readCredentials(connection.id),
    );
    if (!credentials.success) throw ingestErrors.badSignature('the connection has no webhookSigningSecret');
    const reason = verifyStandardWebhook(
      credentials.data.webhookSigningSecret,
      bodyText(request),
      request.headers,
    );
    if (reason) throw ingestErrors.badSignature(reason);
    return reply.code(202).send(await intake(deps, request, connection, connector));
  });
}

async function findConnection(deps: WebhookRouteDeps, source: string, connectionId: string) {
  const connection = await deps.connections.find(connectionId);
  const connector = sourceConnectors[source];
  if (!connection?.active || !connector || connection.sourceSystem !== source) {
    throw ingestErrors.unknownConnection(connectionId);
  }
  return { connection, connector };
}

async function intake(
  deps: WebhookRouteDeps,
  request: FastifyRequest,
  connection: Connection,
  connector: SourceConnector,
) {
  if (!ipAllowed(request.ip, connection.ipAllowlist)) throw ingestErrors.ipNotAllowed(request.ip);
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!connector.acceptedContentTypes.includes(contentType)) {
    throw ingestErrors.unsupportedMediaType(contentType, connector.acceptedContentTypes);
  }
  const events = connector.splitWebhook({ contentType, body: bodyText(request) });
  return takeInWebhookEvents(deps, connection, contentType, events);
}

function bodyText(request: FastifyRequest): string {
  return typeof request.body === 'string' ? request.body : '';
}
