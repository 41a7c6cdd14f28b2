import { isAppError } from '@koppel/errors';
import type { FastifyError, FastifyInstance } from 'fastify';
import { API_VERSIONS, VALIDATION_STATUS } from '../domain/assumptions.js';
import { sendApiError } from '../errors.js';
import type { ApiDeps } from './api-deps.js';
import { registerArticleImageRoutes } from './article-image-routes.js';
import { registerArticleListRoutes } from './article-list-routes.js';
import { registerArticleRoutes } from './articles-routes.js';
import { createAuthHook } from './auth-hook.js';
import { registerCategoryRoutes } from './categories-routes.js';
import { registerOrderStatusRoutes } from './order-statuses-routes.js';
import { registerCustomerRoutes } from './customers-routes.js';
import { registerOrderRoutes } from './orders-routes.js';
import { registerPostOrderRoute } from './post-order-routes.js';
import { registerStoreRoutes } from './store-routes.js';

/** The simulated API under `/v1` and `/v2-beta` (notes 2.1), in its own scope. */
export function registerApi(app: FastifyInstance, deps: ApiDeps): void {
  for (const version of API_VERSIONS) {
    app.register(
      async (api) => {
        api.addHook('onRequest', createAuthHook(deps));
        // CORS is allowed from any domain (changelog 2019-07-17).
        api.addHook('onSend', async (_request, reply) => {
          reply.header('access-control-allow-origin', '*');
        });
        api.setErrorHandler((error: FastifyError, _request, reply) => {
          if (isAppError(error)) {
            // Domain validation is answered with the spec's one declared error status, 422.
            const status = error.code === 'VALIDATION_FAILED' ? VALIDATION_STATUS : error.httpStatus;
            const field = error.field !== undefined && !error.message.startsWith(`${error.field}:`);
            return sendApiError(reply, status, field ? `${error.field}: ${error.message}` : error.message);
          }
          const status = error.statusCode ?? 500;
          return sendApiError(reply, status, status >= 500 ? 'Internal error' : error.message);
        });
        api.setNotFoundHandler((_request, reply) => sendApiError(reply, 404, 'Resource not found'));
        registerOrderRoutes(api, deps);
        registerOrderStatusRoutes(api, deps);
        registerArticleRoutes(api, deps);
        registerPostOrderRoute(api, deps);
        registerCustomerRoutes(api, deps);
        registerStoreRoutes(api, deps);
        registerCategoryRoutes(api, deps);
        registerArticleImageRoutes(api, deps);
        registerArticleListRoutes(api, deps);
      },
      { prefix: `/v${version}` },
    );
  }
}
