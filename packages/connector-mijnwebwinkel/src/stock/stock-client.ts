/**
 * The calls the stock sink makes to the MyOnlineStore Connect API: pages of `GET /v1/articles`
 * and `PATCH /v1/articles/{id}`, with `token` and `partner_token` in the query as every call.
 * Mijnwebwinkel documents no rate limit; Koppel keeps to REQUESTS_PER_SECOND per shop (the
 * simulator's assumption, README.md "Stock") with an evenly spaced token bucket, and honours a
 * 429's Retry-After. 429, 5xx and timeouts are retryable; 404 is answered as `not-found`; 401/403
 * are the tokens; other 4xx (422 names the field) are rejections.
 * https://myonlinestore.github.io/public-api-docs/#tag/Articles
 */
import { classifyResponse, describeFetchFailure, type SessionServices } from '@koppel/connector-sdk';
import { API_VERSION } from '../client.js';
import { API_TOKEN_FIELD, mijnwebwinkelErrors, PARTNER_TOKEN_FIELD } from '../errors.js';
import { apiBaseUrlOf, type MijnwebwinkelCredentials, type MijnwebwinkelSettings } from '../settings.js';
import { shopPacer } from '../shop-pacer.js';

export { REQUESTS_PER_SECOND } from '../shop-pacer.js';
/** Wait after a 429 that names no Retry-After. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;

export type StockClient = {
  /** One page of articles (`limit` at most 100), filtered as the query says. */
  articles(query: Record<string, string>): Promise<unknown>;
  /** PATCH one article; `not-found` when the shop no longer has it. */
  patchArticle(articleId: number, body: Record<string, unknown>): Promise<'ok' | 'not-found'>;
};

export function createStockClient(
  settings: MijnwebwinkelSettings,
  credentials: MijnwebwinkelCredentials,
  services: SessionServices,
): StockClient {
  const base = `${apiBaseUrlOf(settings)}/v${API_VERSION}`;
  const bucket = shopPacer(credentials.apiToken);

  async function send(method: 'GET' | 'PATCH', path: string, query: Record<string, string>, body?: unknown) {
    await bucket.removeTokens(1);
    const search = new URLSearchParams({
      ...query,
      format: 'json',
      token: credentials.apiToken,
      partner_token: credentials.partnerToken,
    });
    try {
      return await services.fetch(`${base}${path}?${search.toString()}`, {
        method,
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(services.requestTimeoutMs),
      });
    } catch (cause) {
      const reason = describeFetchFailure(cause, services.requestTimeoutMs).reason;
      throw mijnwebwinkelErrors.unavailable(
        `Mijnwebwinkel did not answer ${method} ${path}: ${reason}`,
        undefined,
        cause,
      );
    }
  }

  async function failFor(response: Response, what: string): Promise<never> {
    const { status, kind, retryAfterSeconds } = classifyResponse(response, services.now());
    const detail = (await response.text().catch(() => '')).slice(0, 200);
    if (kind === 'rate-limited')
      throw mijnwebwinkelErrors.rateLimited(retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
    if (kind === 'unavailable') {
      throw mijnwebwinkelErrors.unavailable(
        `Mijnwebwinkel answered ${status} to ${what}: ${detail}`,
        retryAfterSeconds,
      );
    }
    if (kind === 'auth-failed') {
      const field = status === 401 ? API_TOKEN_FIELD : PARTNER_TOKEN_FIELD;
      throw mijnwebwinkelErrors.authFailed(
        `Mijnwebwinkel refused ${what} (HTTP ${status}): ${detail}`,
        field,
        status,
      );
    }
    throw mijnwebwinkelErrors.rejected(`Mijnwebwinkel answered ${status} to ${what}: ${detail}`, status);
  }

  return {
    async articles(query) {
      const response = await send('GET', '/articles', query);
      if (!response.ok) return failFor(response, 'the article list');
      try {
        return JSON.parse(await response.text()) as unknown;
      } catch (cause) {
        throw mijnwebwinkelErrors.badResponse(
          'Mijnwebwinkel answered the article list with a non-JSON body',
          cause,
        );
      }
    },
    async patchArticle(articleId, body) {
      const response = await send('PATCH', `/articles/${articleId}`, {}, body);
      if (response.status === 404) {
        await response.body?.cancel();
        return 'not-found';
      }
      if (!response.ok) return failFor(response, `the stock of article ${articleId}`);
      await response.body?.cancel();
      return 'ok';
    },
  };
}
