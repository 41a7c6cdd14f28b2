import type { FastifyError, FastifyInstance } from 'fastify';
import type { RateLimiter } from '@koppel/sim-kit';
import { type Language, translate } from '../domain/messages.js';
import type { AsperionState } from '../domain/state.js';
import type { TokenService } from '../identity/token-service.js';
import { createAuthenticateHook, languageOf } from './api-context.js';
import { debtorRoutes } from './debtor-routes.js';
import type { ListSettings } from './envelope.js';
import { sendProblem } from './problem.js';
import { referenceRoutes } from './reference-routes.js';
import { salesInvoiceRoutes } from './sales-invoice-routes.js';

export type ApiPluginOptions = {
  tokens: TokenService;
  getState: () => AsperionState;
  rateLimiter: RateLimiter;
  defaultLanguage: Language;
  settings: ListSettings;
  now: () => Date;
  /** Permissive mode: accept a duplicate invoice number (issue 8), read per request. */
  permissive: () => boolean;
};

/** The `/v1` REST API: every answer, including framework errors, is ProblemDetails JSON. */
export async function apiPlugin(app: FastifyInstance, options: ApiPluginOptions): Promise<void> {
  app.addHook('preHandler', createAuthenticateHook(options));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const language = languageOf(request, options.defaultLanguage);
    if (error.statusCode === 415) return sendProblem(reply, 415, translate('unsupportedMediaType', language));
    if (error.statusCode === 400) {
      return sendProblem(
        reply,
        400,
        undefined,
        { $: [error.message] },
        translate('validationTitle', language),
      );
    }
    if (error.statusCode === 413) return sendProblem(reply, 413, error.message);
    request.log.error(error);
    return sendProblem(reply, 500, translate('serverError', language));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 404, translate('notFound', languageOf(request, options.defaultLanguage))),
  );

  await app.register(referenceRoutes, { settings: options.settings, getState: options.getState });
  await app.register(debtorRoutes, { settings: options.settings, now: options.now });
  await app.register(salesInvoiceRoutes, {
    settings: options.settings,
    now: options.now,
    permissive: options.permissive,
  });
}
