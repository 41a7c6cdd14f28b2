import { findSourceConnector } from '@koppel/connector-registry';
import type { WebhookCapability } from '@koppel/connector-sdk';
import type { AuthFailureRepository, Connection, ConnectionRepository, CredentialCipher } from '@koppel/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type IntakeDeps, takeInWebhookEvents } from '../adapters/webhook-intake.js';
import { ipAllowed, secretMatches, verifyStandardWebhook } from '../domain/webhook-authentication.js';
import { ingestErrors } from '../errors.js';
import { type AuthFailurePolicy, createAuthFailureGuard } from './auth-failure-guard.js';

export type WebhookRouteDeps = IntakeDeps & {
  connections: ConnectionRepository;
  cipher: CredentialCipher;
  /** Shared failure counts; without them authentication failures are not rate-limited. */
  authFailures?: AuthFailureRepository | undefined;
  authFailurePolicy: AuthFailurePolicy;
};

const urlSecretParamsSchema = z.object({ source: z.string(), connectionId: z.string(), secret: z.string() });
const signedParamsSchema = z.object({ source: z.string(), connectionId: z.string() });
const signingCredentialsSchema = z.object({ webhookSigningSecret: z.string().min(1) });

/**
 * `POST /webhooks/:source/:connectionId/:secret` for sources without signatures (Shoprenter:
 * a per-connection secret in the URL plus an optional IP allowlist), and
 * `POST /webhooks/:source/:connectionId` for sources that sign with Standard Webhooks.
 * Answers 202 only after every new event is on `orders.raw`. Wrong secrets and signatures are
 * counted per source address and per connection; past the policy's limit the answer is 429.
 */
export async function registerWebhookRoutes(app: FastifyInstance, deps: WebhookRouteDeps): Promise<void> {
  const guard = createAuthFailureGuard(deps.authFailures, deps.authFailurePolicy);

  app.post('/webhooks/:source/:connectionId/:secret', async (request, reply) => {
    const params = urlSecretParamsSchema.parse(request.params);
    const { connection, webhook } = await findConnection(deps, params.source, params.connectionId);
    await guard.check(request.ip, connection.id, async () => {
      if (webhook.authentication !== 'url-secret') throw ingestErrors.wrongSecret();
      if (!secretMatches(params.secret, connection.webhookSecretHash)) throw ingestErrors.wrongSecret();
    });
    return reply.code(202).send(await intake(deps, request, connection, webhook));
  });

  app.post('/webhooks/:source/:connectionId', async (request, reply) => {
    const params = signedParamsSchema.parse(request.params);
    const { connection, webhook } = await findConnection(deps, params.source, params.connectionId);
    await guard.check(request.ip, connection.id, async () => {
      if (webhook.authentication !== 'standard-webhooks') throw ingestErrors.wrongSecret();
      // The signing secret is the source's credential (the target side holds the books' keys).
      const credentials = signingCredentialsSchema.safeParse(
        await deps.connections.readCredentials(connection.id, 'source'),
      );
      if (!credentials.success) throw ingestErrors.badSignature('the connection has no webhookSigningSecret');
      const reason = verifyStandardWebhook(
        credentials.data.webhookSigningSecret,
        bodyText(request),
        request.headers,
      );
      if (reason) throw ingestErrors.badSignature(reason);
    });
    return reply.code(202).send(await intake(deps, request, connection, webhook));
  });
}

async function findConnection(deps: WebhookRouteDeps, source: string, connectionId: string) {
  const connection = await deps.connections.find(connectionId);
  // A source without a webhook capability (poll only) has no webhook URL: unknown, as for a typo.
  const webhook = findSourceConnector(source)?.webhook;
  if (!connection?.active || !webhook || connection.sourceSystem !== source) {
    throw ingestErrors.unknownConnection(connectionId);
  }
  return { connection, webhook };
}

async function intake(
  deps: WebhookRouteDeps,
  request: FastifyRequest,
  connection: Connection,
  webhook: WebhookCapability,
) {
  if (!ipAllowed(request.ip, connection.ipAllowlist)) throw ingestErrors.ipNotAllowed(request.ip);
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!webhook.acceptedContentTypes.includes(contentType)) {
    throw ingestErrors.unsupportedMediaType(contentType, webhook.acceptedContentTypes);
  }
  const events = webhook.split({
    contentType,
    body: bodyText(request),
    query: flatQuery(request.query),
    headers: flatHeaders(request.headers),
  });
  return takeInWebhookEvents(deps, connection, contentType, events);
}

/** Query parameters as the SDK's WebhookInput has them: a repeated parameter keeps its last value. */
function flatQuery(query: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof query !== 'object' || query === null) return out;
  for (const [name, value] of Object.entries(query)) {
    const last: unknown = Array.isArray(value) ? value.at(-1) : value;
    if (typeof last === 'string') out[name] = last;
  }
  return out;
}

/** Headers with lower-case names (Node already lower-cases them); repeats joined with ", ". */
function flatHeaders(headers: FastifyRequest['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function bodyText(request: FastifyRequest): string {
  return typeof request.body === 'string' ? request.body : '';
}
