import type { RateLimiter } from '@koppel/sim-kit';
import type { FastifyInstance } from 'fastify';
import type { TokenService } from '../auth/token-service.js';
import { ASSUMPTIONS } from '../domain/assumptions.js';
import { listBusinessObjects } from '../domain/business-objects.js';
import { readBusinessObject, writeBusinessObject } from '../domain/data-service.js';
import { parseListQuery } from '../domain/list-query.js';
import { parsePostBody } from '../domain/post-payload.js';
import type { Store } from '../domain/store.js';
import { AccountViewError } from '../errors.js';
import { authorize, companyId } from './request-context.js';

function isJson(contentType: string): boolean {
  return contentType.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

export type DataRouteDeps = {
  store: Store;
  tokens: TokenService;
  limiter: RateLimiter;
  clock: () => Date;
  /** Permissive mode (issue 8): duplicate INV_NR accepted; read per request. */
  permissive: () => boolean;
};

/** `/companies`, `/accountviewsystembusinessobjects` and the generic `/accountviewdata` (notes §2.1-2.2). */
export function registerDataRoutes(app: FastifyInstance, deps: DataRouteDeps): void {
  const base = ASSUMPTIONS.apiBasePath;
  const { store, tokens, limiter, clock } = deps;

  app.get(`${base}/companies`, async (request) => {
    authorize(request, tokens, limiter);
    return store.state().companies.map((c) => ({ Id: c.Id, Description: c.Description, Code: c.Code }));
  });

  app.get(`${base}/accountviewsystembusinessobjects`, async (request) => {
    authorize(request, tokens, limiter);
    return listBusinessObjects().map((bo) => ({
      Code: bo.code,
      Description: bo.description,
      InsertAllowed: bo.insert,
      UpdateAllowed: bo.update,
      DeleteAllowed: false,
    }));
  });

  app.get(`${base}/accountviewdata`, async (request) => {
    authorize(request, tokens, limiter);
    const id = companyId(request, store);
    const query = parseListQuery(request.query as Record<string, unknown>);
    const company = store.company(id);
    if (!company) throw new Error('company vanished');
    return readBusinessObject(company, query);
  });

  for (const method of ['POST', 'PUT'] as const) {
    app.route({
      method,
      url: `${base}/accountviewdata`,
      // The data API takes JSON only. Fastify itself answers 415 for a type no parser knows (XML);
      // form and plain-text bodies are parsed for the token route, so they get the same 415 here
      // instead of a misleading "BusinessObject is required" 400.
      onRequest: async (request) => {
        const type = request.headers['content-type'];
        if (type !== undefined && !isJson(type))
          throw new AccountViewError(415, `Unsupported Media Type ${type}; use application/json`);
      },
      handler: async (request) => {
        authorize(request, tokens, limiter);
        const id = companyId(request, store);
        const post = parsePostBody(request.body);
        return store.mutateCompany(id, (company) =>
          writeBusinessObject(company, post, method === 'POST' ? 'create' : 'update', clock(), {
            allowDuplicateInvoiceNumber: deps.permissive(),
          }),
        );
      },
    });
  }
}
