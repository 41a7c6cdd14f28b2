import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TokenIssuer } from '../http/token-issuer.js';
import type { ResolvedOptions } from '../options.js';

/**
 * `POST /{shopName}/app/token` (host oauth.app.shoprenter.net), client_credentials JSON body.
 * 200/400/401 shapes from `12_acquiring_an_access_token.md` (README.md); the texts follow the
 * league/oauth2-server messages those shapes come from.
 */
const tokenBodySchema = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
});

const invalidRequest = (param: string) => ({
  error: 'invalid_request',
  error_description:
    'The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.',
  hint: `Check the \`${param}\` parameter`,
  message:
    'The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.',
});
const serverError = {
  error: 'server_error',
  error_description: 'The authorization server encountered an unexpected condition.',
  message: 'The authorization server encountered an unexpected condition.',
};
const invalidClient = {
  error: 'invalid_client',
  error_description: 'Client authentication failed',
  message: 'Client authentication failed',
};

export function registerTokenRoutes(
  app: FastifyInstance,
  deps: { options: ResolvedOptions; issuer: TokenIssuer },
) {
  // A body that cannot be read (malformed JSON, an unsupported media type) is a malformed token
  // request: it answers the OAuth error shape like any other, never the REST API's.
  app.register(async (scope) => {
    scope.setErrorHandler((error, request, reply) => {
      const status =
        typeof error === 'object' && error !== null && 'statusCode' in error ? Number(error.statusCode) : 500;
      if (status >= 500) {
        request.log.error({ err: error }, 'token endpoint error');
        return reply.code(500).send(serverError);
      }
      return reply.code(400).send(invalidRequest('grant_type'));
    });
    registerTokenRoute(scope, deps);
  });
}

function registerTokenRoute(app: FastifyInstance, deps: { options: ResolvedOptions; issuer: TokenIssuer }) {
  app.post('/:shopName/app/token', async (request, reply) => {
    const { shopName } = request.params as { shopName: string };
    const parsed = tokenBodySchema.safeParse(request.body ?? {});
    const body = parsed.success ? parsed.data : {};
    if (!body.grant_type) return reply.code(400).send(invalidRequest('grant_type'));
    if (body.grant_type !== 'client_credentials') {
      return reply.code(400).send({
        error: 'unsupported_grant_type',
        error_description: 'The authorization grant type is not supported by the authorization server.',
        hint: 'Check that all required parameters have been provided',
        message: 'The authorization grant type is not supported by the authorization server.',
      });
    }
    if (!body.client_id) return reply.code(400).send(invalidRequest('client_id'));
    if (!body.client_secret) return reply.code(400).send(invalidRequest('client_secret'));
    const client = deps.options.clients.find((c) => c.clientId === body.client_id);
    if (shopName !== deps.options.shopName || !client || client.clientSecret !== body.client_secret) {
      return reply.code(401).send(invalidClient);
    }
    const { accessToken, expiresIn } = deps.issuer.issue(client.clientId, client.scopes);
    return reply.code(200).send({ token_type: 'Bearer', expires_in: expiresIn, access_token: accessToken });
  });
}
