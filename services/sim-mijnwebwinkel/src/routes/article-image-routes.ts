import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { uploadedImage } from '../domain/article-images.js';
import { notFound } from '../errors.js';
import type { ApiDeps } from './api-deps.js';
import { parseInput } from './parse-input.js';
import { commonQuerySchema, intParam } from './query-schemas.js';
import { respond } from './respond.js';

/**
 * `POST /articles/uploadImage/{article_id}` (spec `ArticleUploadImagePostable`: `filename`,
 * `position`, `content` base64; answers 200 with a string) and `DELETE /deleteImage/{image_id}`
 * (204). README.md "Categories and images".
 * https://myonlinestore.github.io/public-api-docs/#tag/Articles
 */
const uploadBodySchema = z.strictObject({
  filename: z.string().trim().min(1),
  position: z.number().int().min(1).optional(),
  content: z.string().min(1),
});

export function registerArticleImageRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/articles/uploadImage/:article_id', async (request, reply) => {
    const q = parseInput(commonQuerySchema, request.query, 'query');
    const { article_id } = parseInput(z.object({ article_id: intParam }), request.params, 'query');
    const stored = deps.articles.find({ id: article_id });
    if (!stored) throw notFound('Article');
    const body = parseInput(uploadBodySchema, request.body ?? {}, 'body');
    const image = uploadedImage(deps.holder, body, stored.article.images);
    stored.article.images.push(image);
    deps.holder.changed();
    // The spec answers a JSON string (`type: string`): quoted in JSON, the bare text in XML.
    return respond(reply, q.format, 'response', q.format === 'json' ? JSON.stringify(image.id) : image.id);
  });

  app.delete('/deleteImage/:image_id', async (request, reply) => {
    const { image_id } = parseInput(z.object({ image_id: z.string().min(1) }), request.params, 'query');
    const owner = deps.holder.state.articles.find((s) => s.article.images.some((i) => i.id === image_id));
    if (!owner) throw notFound('Image');
    owner.article.images = owner.article.images.filter((i) => i.id !== image_id);
    deps.holder.changed();
    return reply.code(204).send();
  });
}
