/**
 * The calls the product sink makes to the MyOnlineStore Connect API (`/store`, `/categories`,
 * `/articles`, `/articles/uploadImage/{id}`), with `token` and `partner_token` in the query as
 * every call, paced together with the stock client on the shop's one bucket (shop-pacer.ts; no
 * limit is documented; README.md "Product sink"). 429, 5xx and timeouts throw retryable AppErrors, 401/403 the tokens' error;
 * a 404 or 422 (the spec's validation error, `detail` naming the field) is answered to the caller,
 * which refuses that one product.
 * https://myonlinestore.github.io/public-api-docs/#tag/Articles
 */
import { classifyResponse, describeFetchFailure, type SessionServices } from '@koppel/connector-sdk';
import { API_VERSION } from '../client.js';
import { API_TOKEN_FIELD, mijnwebwinkelErrors, PARTNER_TOKEN_FIELD } from '../errors.js';
import { apiBaseUrlOf, type MijnwebwinkelCredentials, type MijnwebwinkelSettings } from '../settings.js';
import { shopPacer } from '../shop-pacer.js';

const DEFAULT_RETRY_AFTER_SECONDS = 1;

export type Answer = { ok: true; body: unknown } | { ok: false; status: number; reason: string };

export type ProductClient = {
  call(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    options?: { query?: Record<string, string>; body?: unknown },
  ): Promise<Answer>;
};

/** The API's own words from an `ApiProblem` (`detail`) or `Error` (`description`) body. */
function detailOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const words = [parsed.detail, parsed.description, parsed.title, parsed.message].find(
      (value): value is string => typeof value === 'string' && value !== '',
    );
    return words ?? text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}

export function createProductClient(
  settings: MijnwebwinkelSettings,
  credentials: MijnwebwinkelCredentials,
  services: SessionServices,
): ProductClient {
  const base = `${apiBaseUrlOf(settings)}/v${API_VERSION}`;
  const bucket = shopPacer(credentials.apiToken);
  return {
    async call(method, path, options = {}) {
      await bucket.removeTokens(1);
      const search = new URLSearchParams({
        ...options.query,
        format: 'json',
        token: credentials.apiToken,
        partner_token: credentials.partnerToken,
      });
      const what = `${method} ${path}`;
      let response: Response;
      try {
        response = await services.fetch(`${base}${path}?${search.toString()}`, {
          method,
          headers: { accept: 'application/json', 'content-type': 'application/json' },
          ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
          signal: AbortSignal.timeout(services.requestTimeoutMs),
        });
      } catch (cause) {
        const reason = describeFetchFailure(cause, services.requestTimeoutMs).reason;
        throw mijnwebwinkelErrors.unavailable(
          `Mijnwebwinkel did not answer ${what}: ${reason}`,
          undefined,
          cause,
        );
      }
      const { status, kind, retryAfterSeconds } = classifyResponse(response, services.now());
      const text = await response.text().catch(() => '');
      switch (kind) {
        case 'ok':
          try {
            return { ok: true, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
          } catch (cause) {
            throw mijnwebwinkelErrors.badResponse(
              `Mijnwebwinkel answered ${what} with a non-JSON body`,
              cause,
            );
          }
        case 'rate-limited':
          throw mijnwebwinkelErrors.rateLimited(retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
        case 'unavailable':
          throw mijnwebwinkelErrors.unavailable(
            `Mijnwebwinkel answered ${status} to ${what}: ${detailOf(text)}`,
            retryAfterSeconds,
          );
        case 'auth-failed':
          throw mijnwebwinkelErrors.authFailed(
            `Mijnwebwinkel refused ${what} (HTTP ${status}): ${detailOf(text)}`,
            status === 401 ? API_TOKEN_FIELD : PARTNER_TOKEN_FIELD,
            status,
          );
        case 'rejected':
          return {
            ok: false,
            status,
            reason: `Mijnwebwinkel answered ${status} to ${what}: ${detailOf(text)}`,
          };
      }
    },
  };
}
