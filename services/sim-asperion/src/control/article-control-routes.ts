import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ArticleSeedSchema } from '../domain/seed-schema.js';
import type { Article } from '../domain/model.js';
import { toCents } from '../domain/money.js';
import type { SimulatorControl } from './simulator-control.js';

/**
 * `POST /_control/articles?administrationId=`: creates or replaces articles by `code` in one
 * administration (the user's default when absent), in the seed's shape (`salesPrice` a decimal).
 * What a user does in Asperion's UI; the product sync tests (issue 11) use it. 201 with the
 * stored articles; 400 `{error, issues}` on bad input, 404 for an unknown administration.
 */
const BodySchema = z.object({ articles: z.array(ArticleSeedSchema).min(1) });
const QuerySchema = z.object({ administrationId: z.coerce.number().int().positive().optional() });

export async function articleControlRoutes(app: FastifyInstance, options: { control: SimulatorControl }) {
  app.post('/articles', async (request, reply) => {
    const query = QuerySchema.safeParse(request.query ?? {});
    const body = BodySchema.safeParse(request.body ?? {});
    if (!query.success || !body.success) {
      const issues = [...(query.error?.issues ?? []), ...(body.error?.issues ?? [])];
      return reply.code(400).send({ error: 'invalid control request', issues });
    }
    const state = options.control.getState();
    const id = query.data.administrationId ?? state.users[0]?.defaultAdministrationId;
    const data = state.administrations.find((a) => a.administration.id === id);
    if (!data) return reply.code(404).send({ error: `administration ${id} not found` });
    const stored = body.data.articles.map(({ salesPrice, ...input }) => {
      const article: Article = {
        ...input,
        salesPriceCents: toCents(salesPrice) ?? Math.round(salesPrice * 100),
      };
      const index = data.articles.findIndex((a) => a.code === article.code);
      if (index >= 0) data.articles[index] = article;
      else data.articles.push(article);
      return article;
    });
    return reply.code(201).send({ articles: stored });
  });
}
