/**
 * Access tokens of one connection, from AccountView's OAuth token endpoint
 * (`POST <api>/token`, `grant_type=refresh_token`, client id and secret in the form body; see
 * README "Vendor facts"). AccountView rotates the refresh token on every refresh, and several
 * replicas share one connection: the refresh runs under the runner's credentials lock, starts
 * from the refresh token as stored now (another replica may have rotated it since this session
 * opened) and hands the new one back as `save`, so it is stored before the lock is released.
 */
import type { SessionServices } from '@koppel/connector-sdk';
import { appError } from '@koppel/errors';
import { z } from 'zod';
import { readJson, transientStatusError, transportError } from './http-errors.js';

export type TokenManager = {
  /** A live access token, refreshed when absent or about to expire (one refresh at a time). */
  getAccessToken(): Promise<string>;
  /** Forgets `token` after the API refused it (401), so the next call refreshes. */
  invalidate(token: string): void;
};

export type TokenManagerOptions = {
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The refresh token the session opened with; used when the store holds none. */
  refreshToken: string;
  services: Pick<SessionServices, 'withCredentialsLock' | 'fetch' | 'now' | 'requestTimeoutMs'>;
};

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().positive().optional(),
});
const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** Refresh this long before the stated expiry, so a token never expires mid-request. */
const EXPIRY_MARGIN_MS = 60_000;
/** When the token response states no lifetime (RFC 6749 §5.1 makes it optional). */
const DEFAULT_LIFETIME_S = 600;

export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const { services } = options;
  const tokenUrl = `${options.apiBaseUrl.replace(/\/+$/, '')}/token`;
  let current: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function requestTokens(refreshToken: string): Promise<z.infer<typeof tokenResponseSchema>> {
    let response: Response;
    try {
      response = await services.fetch(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          client_id: options.clientId,
          client_secret: options.clientSecret,
        }).toString(),
        signal: AbortSignal.timeout(services.requestTimeoutMs),
      });
    } catch (error) {
      throw transportError(error, 'token refresh', services.requestTimeoutMs);
    }
    const body = await readJson(response);
    const transient = transientStatusError(response, 'token refresh');
    if (transient) throw transient;
    if (!response.ok) throw tokenError(response.status, body);
    const parsed = tokenResponseSchema.safeParse(body);
    if (!parsed.success)
      throw appError('TARGET_REJECTED', 'AccountView answered the token refresh with an unexpected body', {
        details: { status: response.status },
      });
    return parsed.data;
  }

  async function refresh(): Promise<string> {
    const tokens = await services.withCredentialsLock(async (stored) => {
      const latest = typeof stored.refreshToken === 'string' ? stored.refreshToken : options.refreshToken;
      const answered = await requestTokens(latest);
      return { save: { refreshToken: answered.refresh_token }, result: answered };
    });
    const lifetimeMs = (tokens.expires_in ?? DEFAULT_LIFETIME_S) * 1000;
    current = { token: tokens.access_token, expiresAt: services.now() + lifetimeMs };
    return tokens.access_token;
  }

  return {
    async getAccessToken() {
      if (current && current.expiresAt - EXPIRY_MARGIN_MS > services.now()) return current.token;
      inFlight ??= refresh().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate(token) {
      if (current?.token === token) current = undefined;
    },
  };
}

/** RFC 6749 §5.2 errors in words a shop owner can act on. */
function tokenError(status: number, body: unknown) {
  const oauth = oauthErrorSchema.safeParse(body);
  const code = oauth.success ? oauth.data.error : undefined;
  if (code === 'invalid_client' || status === 401) {
    return appError(
      'TARGET_AUTH_FAILED',
      'AccountView does not accept the client id and secret; copy the API key and API secret from the AccountView Webservice portal again',
      { field: 'target.credentials.clientSecret', details: { status, error: code } },
    );
  }
  if (code === 'invalid_grant') {
    return appError(
      'TARGET_AUTH_FAILED',
      'AccountView no longer accepts the authorisation (refresh token revoked or already used); connect AccountView again',
      { field: 'target.credentials.refreshToken', details: { status, error: code } },
    );
  }
  return appError('TARGET_AUTH_FAILED', `AccountView refused the token refresh (HTTP ${status})`, {
    details: { status, ...(code ? { error: code } : {}) },
  });
}
