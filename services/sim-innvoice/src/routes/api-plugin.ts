import type { RateLimiter } from '@koppel/sim-kit';
import type { FastifyInstance } from 'fastify';
import type { InnvoiceState } from '../domain/model.js';
import { createCompanyAuthHook } from './company-auth.js';
import { invoiceRoutes } from './invoice-routes.js';
import { productRoutes } from './product-routes.js';

/**
 * The InnVoice API under `/{company}/` (notes §4.1): HTTP Basic per company account, then the
 * account's own rate limit. Bodies are read as text whatever the Content-Type, as the reference
 * client sends `text/xml` and a PHP backend reads the raw input [I].
 */
export type ApiPluginOptions = {
  getState: () => InnvoiceState;
  rateLimiter: RateLimiter;
  now: () => Date;
  publicBaseUrl: string | undefined;
};

export async function apiPlugin(app: FastifyInstance, options: ApiPluginOptions) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addHook('onRequest', createCompanyAuthHook(options.getState, options.rateLimiter));
  await app.register(invoiceRoutes, {
    getState: options.getState,
    now: options.now,
    publicBaseUrl: options.publicBaseUrl,
  });
  await app.register(productRoutes);
}
