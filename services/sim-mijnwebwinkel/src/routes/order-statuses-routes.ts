import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from './api-deps.js';
import { parseInput } from './parse-input.js';
import { commonQuerySchema } from './query-schemas.js';
import { respond } from './respond.js';

/** `GET /orderstatuses`: `{status, description, credit_order}[]`, description in `language`
 * (Dutch for nl_NL, English otherwise: the simulator knows no other translations). */
export function registerOrderStatusRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/orderstatuses', async (request, reply) => {
    const q = parseInput(commonQuerySchema, request.query, 'query');
    const statuses = deps.holder.state.statuses.map((s) => ({
      status: s.status,
      description: q.language === 'nl_NL' ? s.nl : s.en,
      credit_order: s.credit_order,
    }));
    return respond(reply, q.format, 'statuses', statuses);
  });
}
