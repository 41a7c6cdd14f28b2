/**
 * Shoprenter REST client (OAuth API): a client-credentials token cached until shortly before it
 * expires (3600 s, no refresh token), Bearer calls on `<apiBase>/api/...` with
 * `Accept: application/json` (the default answer is XML) and the mandatory `Content-Type`, and
 * a client-side limit of 3 requests per second per shop, the documented limit (README.md).
 * https://doc.shoprenter.hu/development/api/12_acquiring_an_access_token.html
 * https://doc.shoprenter.hu/development/api/01_constraints_requirements.html
 */
import { classifyStatus, type SessionServices } from '@koppel/connector-sdk';
import { TokenBucket } from 'limiter';
import { z } from 'zod';
import { shoprenterErrors } from './errors.js';
import {
  apiBaseUrlOf,
  oauthBaseUrlOf,
  type ShoprenterCredentials,
  type ShoprenterSettings,
} from './settings.js';

/** Documented: 3 requests / application / shop / second; 429 beyond (README.md). */
export const REQUESTS_PER_SECOND = 3;
/**
 * Requests are spaced evenly, one per SPACING_MS: a burst-allowing bucket (3 at once, then 3/s)
 * lets 4-5 through in one second, which a per-second window counter (how the limit is documented,
 * and how the simulator counts) answers with 429. 50 ms spare keeps 4 requests more than a
 * second apart even when they arrive a little unevenly.
 */
const SPACING_MS = Math.ceil(1000 / REQUESTS_PER_SECOND) + 50;
/** Renew the token this long before it expires, so a call never carries a token about to lapse. */
const TOKEN_MARGIN_MS = 60_000;
const CREDENTIAL_FIELD = 'source.credentials.clientSecret';

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
});

export type ShoprenterClient = {
  /** Fetches a token now (or reuses the cached one): the check's first step. */
  token(): Promise<string>;
  /** GET `/api<path>` with a query; the parsed JSON body (callers validate it with zod). */
  get(path: string, query?: Record<string, string>): Promise<unknown>;
  /** PUT `/api<path>` with a JSON body (same limiter, token and errors as `get`); the parsed answer. */
  put(path: string, body: unknown): Promise<unknown>;
  /** POST `/api<path>` with a JSON body, e.g. `/batch` (same limiter, token and errors); the parsed answer. */
  post(path: string, body: unknown): Promise<unknown>;
};

export function createShoprenterClient(
  settings: ShoprenterSettings,
  credentials: ShoprenterCredentials,
  services: SessionServices,
): ShoprenterClient {
  const apiBase = `${apiBaseUrlOf(settings)}/api`;
  const tokenUrl = `${oauthBaseUrlOf(settings)}/${encodeURIComponent(settings.shopName)}/app/token`;
  const bucket = new TokenBucket({ bucketSize: 1, tokensPerInterval: 1, interval: SPACING_MS });
  let cached: { token: string; expiresAt: number } | undefined;

  async function send(url: string, init: RequestInit): Promise<Response> {
    await bucket.removeTokens(1);
    try {
      return await services.fetch(url, { ...init, signal: AbortSignal.timeout(services.requestTimeoutMs) });
    } catch (cause) {
      throw shoprenterErrors.unavailable(`Shoprenter did not answer: ${(cause as Error).message}`, cause);
    }
  }

  async function readJson(response: Response): Promise<unknown> {
    const text = await response.text();
    try {
      return text === '' ? {} : (JSON.parse(text) as unknown);
    } catch (cause) {
      throw shoprenterErrors.badResponse(
        `Shoprenter answered ${response.status} with a non-JSON body`,
        cause,
      );
    }
  }

  async function fetchToken(): Promise<string> {
    const { clientId, clientSecret } = credentials;
    if (clientId === undefined || clientSecret === undefined) {
      throw shoprenterErrors.authFailed(
        'the connection has no Shoprenter API client',
        'source.credentials.clientId',
        0,
      );
    }
    const response = await send(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }),
    });
    if (response.status === 400 || response.status === 401) {
      await response.body?.cancel();
      throw shoprenterErrors.authFailed(
        `Shoprenter refused the API client (HTTP ${response.status}): check the client id, secret and shop name`,
        CREDENTIAL_FIELD,
        response.status,
      );
    }
    await throwForStatus(response, tokenUrl);
    const parsed = tokenResponseSchema.safeParse(await readJson(response));
    if (!parsed.success) throw shoprenterErrors.badResponse('the token answer has no access_token');
    cached = {
      token: parsed.data.access_token,
      expiresAt: services.now() + parsed.data.expires_in * 1000 - TOKEN_MARGIN_MS,
    };
    return cached.token;
  }

  async function token(): Promise<string> {
    if (cached && cached.expiresAt > services.now()) return cached.token;
    return fetchToken();
  }

  async function call(
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    query: Record<string, string>,
    body?: unknown,
  ) {
    const search = new URLSearchParams(query).toString();
    const url = `${apiBase}${path}${search === '' ? '' : `?${search}`}`;
    for (let attempt = 1; ; attempt += 1) {
      const response = await send(url, {
        method,
        headers: {
          authorization: `Bearer ${await token()}`,
          accept: 'application/json',
          'content-type': 'application/json',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      // A token revoked or expired early: fetch a new one once, then it is the credentials.
      if (response.status === 401 && attempt === 1) {
        await response.body?.cancel();
        cached = undefined;
        continue;
      }
      await throwForStatus(response, path);
      return readJson(response);
    }
  }

  return {
    token,
    get: (path, query = {}) => call('GET', path, query),
    put: (path, body) => call('PUT', path, {}, body),
    post: (path, body) => call('POST', path, {}, body),
  };
}

async function throwForStatus(response: Response, what: string): Promise<void> {
  const kind = classifyStatus(response.status);
  if (kind === 'ok') return;
  const { status } = response;
  const body = await response.text().catch(() => '');
  const detail = body.slice(0, 200);
  switch (kind) {
    case 'auth-failed':
      throw shoprenterErrors.authFailed(
        `Shoprenter refused ${what} (HTTP ${status}): ${detail}`,
        CREDENTIAL_FIELD,
        status,
      );
    // No Retry-After is documented for 429; one second is the documented window.
    // https://doc.shoprenter.hu/development/api/01_constraints_requirements.html
    case 'rate-limited':
      throw shoprenterErrors.rateLimited(1);
    case 'unavailable':
      throw shoprenterErrors.unavailable(`Shoprenter answered ${status} to ${what}: ${detail}`);
    case 'rejected':
      throw shoprenterErrors.rejected(`Shoprenter answered ${status} to ${what}: ${detail}`, status);
  }
}
