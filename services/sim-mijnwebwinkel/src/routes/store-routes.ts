import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from './api-deps.js';
import { parseInput } from './parse-input.js';
import { commonQuerySchema } from './query-schemas.js';
import { respond } from './respond.js';

/** `GET /store`: the store's settings (spec `Store`: `currency`, `available_business_models`, ...). */
export function registerStoreRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/store', async (request, reply) => {
    const q = parseInput(commonQuerySchema, request.query, 'query');
    return respond(reply, q.format, 'store', deps.holder.state.store);
  });
}
