/**
 * HTTP client of the Asperion REST API (README.md, https://help.asperion.nl/api_en.aspx):
 * Bearer token, numeric administration in `X-Tenant-Id`, JSON in and out, lists wrapped in
 * `{ _data, _meta }`, errors as ASP.NET ProblemDetails. It does not retry (the delivery pipeline
 * does, from `retryable`), except once after a 401 with a freshly refreshed token. Its `fetch` is
 * the session's target fetch: a token of the connection's rate limiter first, keep-alive
 * connections, a 429 pausing every replica (README.md, "Limits").
 */
import { type AppError, appError } from '@koppel/errors';
import { z } from 'zod';
import { readJson, transientStatusError, transportError } from './http-errors.js';
import type { FetchLike, TokenManager } from './token-manager.js';

export type AsperionClientOptions = {
  apiBaseUrl: string;
  tenantId: number;
  tokens: TokenManager;
  /** Paced and pooled (`createTargetFetch`); default: plain fetch. */
  fetch?: FetchLike;
  /** Timeout of one request including its body (ms, default 30 000). */
  timeoutMs?: number;
  /** Language of Asperion's validation messages (README.md). */
  language?: 'nl-NL' | 'en-US';
};

export type AsperionRequest<T> = {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  schema: z.ZodType<T>;
  /** For messages, e.g. "debtor lookup". */
  what: string;
};

export type AsperionClient = {
  request<T>(request: AsperionRequest<T>): Promise<T>;
  /** GET a list endpoint, following pages up to `maxPages` (default 10). */
  list<T>(path: string, query: Record<string, string>, item: z.ZodType<T>, what: string): Promise<T[]>;
};

const problemSchema = z.object({
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().nullish(),
  traceId: z.string().optional(),
  errors: z.record(z.string(), z.array(z.string())).optional(),
});

const metaSchema = z.object({ pageCount: z.number().optional(), nextPage: z.string().nullish() }).loose();

/**
 * One page schema per item schema, made once: zod compiles a schema on its first parse, which
 * costs more than the parse itself, so a schema made per call is compiled per call.
 */
const pageSchemas = new WeakMap<z.ZodType, z.ZodType>();
function pageSchemaOf<T>(item: z.ZodType<T>): z.ZodType<{ _data: T[]; _meta?: z.infer<typeof metaSchema> }> {
  let schema = pageSchemas.get(item);
  if (!schema) {
    schema = z.object({ _data: z.array(item), _meta: metaSchema.optional() });
    pageSchemas.set(item, schema);
  }
  return schema as z.ZodType<{ _data: T[]; _meta?: z.infer<typeof metaSchema> }>;
}

const MAX_PAGES = 10;

export function createAsperionClient(options: AsperionClientOptions): AsperionClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const baseUrl = options.apiBaseUrl.replace(/\/+$/, '');

  async function send(
    request: AsperionRequest<unknown>,
    token: string,
  ): Promise<{ response: Response; body: unknown }> {
    const url = `${baseUrl}${request.path}${request.query ? `?${new URLSearchParams(request.query)}` : ''}`;
    try {
      const response = await doFetch(url, {
        method: request.method,
        headers: {
          authorization: `Bearer ${token}`,
          'x-tenant-id': String(options.tenantId),
          accept: 'application/json',
          'accept-language': options.language ?? 'en-US',
          ...(request.body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
        },
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { response, body: await readJson(response) };
    } catch (error) {
      throw transportError(error, request.what, timeoutMs);
    }
  }

  async function request<T>(req: AsperionRequest<T>): Promise<T> {
    let token = await options.tokens.getAccessToken();
    let { response, body } = await send(req, token);
    if (response.status === 401) {
      // Revoked or expired early: one refresh, one retry (RFC 6750 §3.1 invalid_token).
      options.tokens.invalidate(token);
      token = await options.tokens.getAccessToken();
      ({ response, body } = await send(req, token));
      if (response.status === 401) {
        throw appError(
          'TARGET_AUTH_FAILED',
          `Asperion refused a fresh access token for ${req.what}; reconnect`,
          {
            details: { status: 401 },
          },
        );
      }
    }
    if (!response.ok) throw statusError(response, body, req.what, options.tenantId);
    const parsed = req.schema.safeParse(body);
    if (!parsed.success) {
      throw appError('TARGET_REJECTED', `Asperion answered ${req.what} with an unexpected body`, {
        details: {
          status: response.status,
          issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        },
      });
    }
    return parsed.data;
  }

  async function list<T>(
    path: string,
    query: Record<string, string>,
    item: z.ZodType<T>,
    what: string,
  ): Promise<T[]> {
    const pageSchema = pageSchemaOf(item);
    const items: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const result = await request({
        method: 'GET',
        path,
        query: { ...query, page: String(page) },
        schema: pageSchema,
        what,
      });
      items.push(...result._data);
      const meta = result._meta;
      const more = meta?.pageCount !== undefined ? page < meta.pageCount : Boolean(meta?.nextPage);
      if (!more || result._data.length === 0) break;
    }
    return items;
  }

  return { request, list };
}

function statusError(response: Response, body: unknown, what: string, tenantId: number): AppError {
  const transient = transientStatusError(response, what);
  if (transient) return transient;
  if (response.status === 403) {
    return appError(
      'TARGET_AUTH_FAILED',
      `Asperion denied access to administration ${tenantId} for ${what}`,
      {
        details: { status: 403 },
      },
    );
  }
  const problem = problemSchema.safeParse(body);
  const details = problem.success ? problem.data : {};
  const fieldErrors = Object.entries(details.errors ?? {});
  const [firstField, firstMessages] = fieldErrors[0] ?? [];
  const reason = firstField
    ? `${firstField}: ${firstMessages?.[0] ?? 'invalid'}`
    : details.detail || details.title;
  return appError(
    'TARGET_REJECTED',
    `Asperion rejected ${what} (HTTP ${response.status})${reason ? `: ${reason}` : ''}`,
    {
      ...(firstField ? { field: firstField } : {}),
      details: {
        status: response.status,
        ...(details.title ? { title: details.title } : {}),
        ...(details.detail ? { detail: details.detail } : {}),
        ...(details.traceId ? { traceId: details.traceId } : {}),
        ...(details.errors ? { errors: details.errors } : {}),
      },
    },
  );
}
