/**
 * HTTP client of the AccountView Web API (README "Vendor facts"): Bearer token, the company in
 * the `x-company` header, one generic resource `/accountviewdata` read with `BusinessObject` and
 * numbered filters and written with positional table payloads, errors as
 * `{ErrorType, ErrorNumbers, ErrorMessage}` (also inside a 2xx body, which AV-PHP guards for).
 * It does not retry (the delivery pipeline does, from `retryable`), except once after a 401 with
 * a freshly refreshed token. Its `fetch` is the session's target fetch: a token of the
 * connection's rate limiter first, keep-alive connections, a 429 pausing every replica.
 */
import type { FetchLike } from '@koppel/connector-sdk';
import { type AppError, appError } from '@koppel/errors';
import { z } from 'zod';
import { readJson, transientStatusError, transportError } from './http-errors.js';
import type { TokenManager } from './token-manager.js';

export type AccountviewClientOptions = {
  apiBaseUrl: string;
  companyId: string;
  tokens: TokenManager;
  /** Paced and pooled (`createTargetFetch`). */
  fetch: FetchLike;
  timeoutMs: number;
};

/** One `FilterControlSource<n>` / `FilterValue<n>` condition (operator `Equal`, character value). */
export type EqualFilter = { field: string; value: string };

/** Rows of a response keyed by table name; values as the wire has them. */
export type TableRows = Record<string, Record<string, unknown>[]>;

export type AccountviewClient = {
  /** GET `/accountviewdata` for one business object, rows matching every filter (AND). */
  read(
    businessObject: string,
    filters: readonly EqualFilter[],
    what: string,
    pageSize?: number,
  ): Promise<TableRows>;
  /** POST (create) or PUT (update) `/accountviewdata` with a positional body. */
  write(method: 'POST' | 'PUT', body: unknown, what: string): Promise<TableRows>;
  /** GET any path under the API base (`/companies`), parsed with `schema`. */
  get<T>(path: string, schema: z.ZodType<T>, what: string): Promise<T>;
};

const errorBodySchema = z
  .object({ ErrorMessage: z.string().nullish(), ErrorType: z.string().nullish() })
  .loose();
const tableRowsSchema = z.record(z.string(), z.array(z.record(z.string(), z.unknown())));

export function createAccountviewClient(options: AccountviewClientOptions): AccountviewClient {
  const baseUrl = options.apiBaseUrl.replace(/\/+$/, '');

  async function send(method: string, url: string, body: unknown, token: string, what: string) {
    try {
      const response = await options.fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'x-company': options.companyId,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      return { response, body: await readJson(response) };
    } catch (error) {
      throw transportError(error, what, options.timeoutMs);
    }
  }

  async function call(method: string, url: string, body: unknown, what: string): Promise<unknown> {
    let token = await options.tokens.getAccessToken();
    let answer = await send(method, url, body, token, what);
    if (answer.response.status === 401) {
      // Expired early or revoked: one refresh, one retry (RFC 6750 §3.1 invalid_token).
      options.tokens.invalidate(token);
      token = await options.tokens.getAccessToken();
      answer = await send(method, url, body, token, what);
      if (answer.response.status === 401)
        throw appError(
          'TARGET_AUTH_FAILED',
          `AccountView refused a fresh access token for ${what}; connect again`,
          {
            details: { status: 401 },
          },
        );
    }
    const { response } = answer;
    if (!response.ok) throw statusError(response, answer.body, what, options.companyId);
    const inBand = errorBodySchema.safeParse(answer.body);
    if (inBand.success && inBand.data.ErrorMessage)
      throw rejected(what, response.status, inBand.data.ErrorMessage);
    return answer.body;
  }

  async function tables(method: string, url: string, body: unknown, what: string): Promise<TableRows> {
    const parsed = tableRowsSchema.safeParse(await call(method, url, body, what));
    if (!parsed.success)
      throw appError('TARGET_REJECTED', `AccountView answered ${what} with an unexpected body`, {
        details: { issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) },
      });
    return parsed.data;
  }

  return {
    read(businessObject, filters, what, pageSize = 100) {
      const query = new URLSearchParams({ BusinessObject: businessObject, PageSize: String(pageSize) });
      filters.forEach((filter, index) => {
        const n = index + 1;
        query.set(`FilterControlSource${n}`, filter.field);
        query.set(`FilterOperator${n}`, 'Equal');
        query.set(`FilterValueType${n}`, 'C');
        query.set(`FilterValue${n}`, filter.value);
        query.set(`FilterIsListOfValues${n}`, 'false');
      });
      return tables('GET', `${baseUrl}/accountviewdata?${query}`, undefined, what);
    },
    write(method, body, what) {
      return tables(method, `${baseUrl}/accountviewdata`, body, what);
    },
    async get(path, schema, what) {
      const parsed = schema.safeParse(await call('GET', `${baseUrl}${path}`, undefined, what));
      if (!parsed.success)
        throw appError('TARGET_REJECTED', `AccountView answered ${what} with an unexpected body`);
      return parsed.data;
    },
  };
}

function rejected(what: string, status: number, message: string): AppError {
  // AccountView names the table.field at fault in its message ("DJ_LINE row 1: VAT_CODE 9 ...").
  const field = /\b([A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_]*|VAT_CODE|ART_CODE|ACCT_NR|SUB_NR|INV_NR)\b/.exec(
    message,
  )?.[1];
  return appError('TARGET_REJECTED', `AccountView rejected ${what} (HTTP ${status}): ${message}`, {
    ...(field ? { field } : {}),
    details: { status, errorMessage: message },
  });
}

function statusError(response: Response, body: unknown, what: string, companyId: string): AppError {
  const transient = transientStatusError(response, what);
  if (transient) return transient;
  const parsed = errorBodySchema.safeParse(body);
  const message = parsed.success ? (parsed.data.ErrorMessage ?? '') : '';
  if (response.status === 403) {
    return appError(
      'TARGET_AUTH_FAILED',
      `AccountView denied access to company ${companyId} for ${what}; check the company id (x-company) and the app's rights`,
      { field: 'target.settings.companyId', details: { status: 403, errorMessage: message } },
    );
  }
  return rejected(what, response.status, message || 'no reason given');
}
