/**
 * MyOnlineStore Connect API client: GET `<apiBase>/v1<path>` with the shop owner's `token` and
 * Koppel's `partner_token` as query parameters (the spec's global security lists both) and
 * `format=json`. The spec declares only 422 errors; 401/403/429/5xx are mapped as a third-party
 * SDK does (README "Vendor facts"): 401 → the API token, 403 → the partner token, 429 and 5xx →
 * retryable, with the Retry-After the API sends.
 * https://myonlinestore.github.io/public-api-docs/
 */
import { classifyResponse, describeFetchFailure, type SessionServices } from '@koppel/connector-sdk';
import { API_TOKEN_FIELD, mijnwebwinkelErrors, PARTNER_TOKEN_FIELD } from './errors.js';
import { apiBaseUrlOf, type MijnwebwinkelCredentials, type MijnwebwinkelSettings } from './settings.js';

/** The API line Koppel reads ("API v1.1" in Asperion's importer; spec `version` enum `1`). */
export const API_VERSION = '1';
/** Wait after a 429 that names no Retry-After. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;

export type MijnwebwinkelClient = {
  /** GET `/v1<path>` with a query; the parsed JSON body (callers validate it with zod). */
  get(path: string, query?: Record<string, string>): Promise<unknown>;
};

/** Retry-After in seconds, read as for every connector (kept exported for this package's API). */
export { parseRetryAfter } from '@koppel/connector-sdk';

export function createMijnwebwinkelClient(
  settings: MijnwebwinkelSettings,
  credentials: MijnwebwinkelCredentials,
  services: SessionServices,
): MijnwebwinkelClient {
  const base = `${apiBaseUrlOf(settings)}/v${API_VERSION}`;

  async function get(path: string, query: Record<string, string> = {}): Promise<unknown> {
    const search = new URLSearchParams({
      ...query,
      format: 'json',
      token: credentials.apiToken,
      partner_token: credentials.partnerToken,
    });
    let response: Response;
    try {
      response = await services.fetch(`${base}${path}?${search.toString()}`, {
        method: 'GET',
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(services.requestTimeoutMs),
      });
    } catch (cause) {
      throw mijnwebwinkelErrors.unavailable(
        `Mijnwebwinkel did not answer ${path}: ${describeFetchFailure(cause, services.requestTimeoutMs).reason}`,
        undefined,
        cause,
      );
    }
    await throwForStatus(response, path, services.now());
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw mijnwebwinkelErrors.badResponse(`Mijnwebwinkel answered ${path} with a non-JSON body`, cause);
    }
  }

  return { get };
}

/** The API's own words from an `Error {code, message, description}` or `ApiProblem` body. */
function detailOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const words = [parsed.detail, parsed.description, parsed.title, parsed.message].find(
      (value): value is string => typeof value === 'string' && value !== '',
    );
    return words ?? body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
}

async function throwForStatus(response: Response, path: string, nowMs: number): Promise<void> {
  const { status, kind, retryAfterSeconds } = classifyResponse(response, nowMs);
  if (kind === 'ok') return;
  const detail = detailOf(await response.text().catch(() => ''));
  switch (kind) {
    case 'auth-failed':
      throw mijnwebwinkelErrors.authFailed(
        status === 401
          ? `Mijnwebwinkel refused the API token (HTTP 401): ${detail}`
          : `Mijnwebwinkel refused the partner token (HTTP ${status}): ${detail}`,
        status === 401 ? API_TOKEN_FIELD : PARTNER_TOKEN_FIELD,
        status,
      );
    case 'rate-limited':
      throw mijnwebwinkelErrors.rateLimited(retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
    case 'unavailable':
      throw mijnwebwinkelErrors.unavailable(
        `Mijnwebwinkel answered ${status} to ${path}: ${detail}`,
        retryAfterSeconds,
      );
    case 'rejected':
      throw mijnwebwinkelErrors.rejected(`Mijnwebwinkel answered ${status} to ${path}: ${detail}`, status);
  }
}
