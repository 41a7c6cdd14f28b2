/**
 * OAuth 2.0 tokens of one Asperion connection. Asperion's identity server (IdentityServer paths
 * `/connect/token`, client id and secret in the form body - "AuthStyleInParams", README.md,
 * https://help.asperion.nl/api_en.aspx) issues short-lived access tokens and rotates the refresh
 * token on every refresh: the old one stops working, so each new one is saved before it is used
 * again. With several replicas of a connector sharing one connection, a refresh runs under the
 * connection's credentials lock (`lockCredentials`): inside it the stored refresh token is read
 * again, so a replica whose token another replica already rotated refreshes with the stored one
 * instead of the spent one (which Asperion answers with `invalid_grant`).
 */
import { appError } from '@koppel/errors';
import { z } from 'zod';
import { type FetchLike, postForm } from './token-request.js';

export type { FetchLike } from './token-request.js';

export type TokenManagerOptions = {
  identityBaseUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Persists a rotated refresh token; awaited before the token is used for another refresh. */
  onRefreshTokenRotated: (refreshToken: string) => Promise<void>;
  /**
   * Runs a refresh holding a lock on the stored credentials (`SessionServices.withCredentialsLock`):
   * `work` gets the refresh token as stored now, and the one it returns as `rotated` is stored
   * before the lock is released. When set, it replaces `onRefreshTokenRotated` for refreshes.
   */
  lockCredentials?: CredentialsLock;
  fetch?: FetchLike;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  /** Refresh this long before the access token expires (seconds, default 60). */
  refreshMarginSeconds?: number;
  /** Timeout of one token request (ms, default 15 000). */
  timeoutMs?: number;
};

/** A lock on the connection's stored refresh token; see `TokenManagerOptions.lockCredentials`. */
export type CredentialsLock = <T>(
  work: (storedRefreshToken: string | undefined) => Promise<{ rotated?: string; result: T }>,
) => Promise<T>;

export type TokenManager = {
  /** A valid access token: cached, or fetched by one refresh shared by all concurrent callers. */
  getAccessToken(): Promise<string>;
  /** Forgets `accessToken` if it is still the cached one (after a 401), so the next call refreshes. */
  invalidate(accessToken: string): void;
};

export type TokenSet = { accessToken: string; refreshToken: string | undefined; expiresInSeconds: number };

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().default(3600),
  refresh_token: z.string().min(1).optional(),
  token_type: z.string().optional(),
});

export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const now = options.now ?? Date.now;
  const marginMs = (options.refreshMarginSeconds ?? 60) * 1000;
  let refreshToken = options.refreshToken;
  /** A rotated token whose persisting failed: retried before anything else. */
  let unsaved: string | undefined;
  let cached: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function persist(token: string): Promise<void> {
    try {
      await options.onRefreshTokenRotated(token);
      unsaved = undefined;
    } catch (cause) {
      unsaved = token;
      throw appError('INTERNAL_ERROR', 'could not save the rotated Asperion refresh token', { cause });
    }
  }

  const validToken = (): string | undefined =>
    cached !== undefined && now() < cached.expiresAt - marginMs ? cached.token : undefined;

  async function obtain(): Promise<string> {
    if (options.lockCredentials) return obtainLocked(options.lockCredentials);
    if (unsaved !== undefined) await persist(unsaved);
    return validToken() ?? refresh();
  }

  /** One refresh-token grant; the rotated token is kept in memory, the caller stores it. */
  async function refresh(): Promise<string> {
    const tokens = await requestTokens(
      options,
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      'refresh the Asperion access token',
    );
    cached = { token: tokens.accessToken, expiresAt: now() + tokens.expiresInSeconds * 1000 };
    if (tokens.refreshToken !== undefined && tokens.refreshToken !== refreshToken) {
      // The old refresh token is spent from here on: keep the new one even if saving it fails,
      // and retry the save before the next caller gets a token.
      refreshToken = tokens.refreshToken;
      unsaved = tokens.refreshToken;
      if (!options.lockCredentials) await persist(tokens.refreshToken);
    }
    return tokens.accessToken;
  }

  /**
   * Refresh under the connection's credentials lock, so replicas take turns. Inside the lock the
   * stored token wins over this session's (another replica rotated it), unless this session holds
   * a newer one it could not save yet; the access token is fetched only if still needed.
   */
  async function obtainLocked(lock: CredentialsLock): Promise<string> {
    let saving = false;
    try {
      const token = await lock(async (stored) => {
        if (unsaved === undefined && stored !== undefined) refreshToken = stored;
        const token = validToken() ?? (await refresh());
        saving = unsaved !== undefined;
        return { rotated: unsaved, result: token };
      });
      unsaved = undefined;
      return token;
    } catch (cause) {
      if (!saving) throw cause;
      throw appError('INTERNAL_ERROR', 'could not save the rotated Asperion refresh token', { cause });
    }
  }

  return {
    getAccessToken() {
      if (cached !== undefined && unsaved === undefined && now() < cached.expiresAt - marginMs) {
        return Promise.resolve(cached.token);
      }
      inFlight ??= obtain().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate(accessToken) {
      if (cached?.token === accessToken) cached = undefined;
    },
  };
}

export type AuthorizationCodeOptions = Pick<
  TokenManagerOptions,
  'identityBaseUrl' | 'clientId' | 'clientSecret' | 'fetch' | 'timeoutMs'
>;

/**
 * Step two of the connect flow: the code Asperion sent to `redirectUri` becomes the first access
 * and refresh token. The caller stores the refresh token (and the tenant id chosen afterwards).
 */
export async function exchangeAuthorizationCode(
  options: AuthorizationCodeOptions,
  code: string,
  redirectUri: string,
): Promise<TokenSet> {
  return requestTokens(
    options,
    { grant_type: 'authorization_code', code, redirect_uri: redirectUri },
    'exchange the Asperion authorization code',
  );
}

/** Step one of the connect flow: where to send the user to log in and grant Koppel access. */
export function buildAuthorizeUrl(
  options: Pick<TokenManagerOptions, 'identityBaseUrl' | 'clientId'>,
  redirectUri: string,
  state: string,
): string {
  const url = new URL(identityUrl(options.identityBaseUrl, '/connect/authorize'));
  url.search = new URLSearchParams({
    client_id: options.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    state,
  }).toString();
  return url.toString();
}

/** Joins without `new URL(path, base)`, which would drop a base path such as `/identity`. */
function identityUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

async function requestTokens(
  options: AuthorizationCodeOptions,
  grant: Record<string, string>,
  purpose: string,
): Promise<TokenSet> {
  const body = await postForm({
    url: identityUrl(options.identityBaseUrl, '/connect/token'),
    form: { ...grant, client_id: options.clientId, client_secret: options.clientSecret },
    fetch: options.fetch ?? fetch,
    timeoutMs: options.timeoutMs ?? 15_000,
    purpose,
  });
  const parsed = tokenResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw appError('TARGET_REJECTED', `Asperion identity server answered an unexpected token response`, {
      details: { issues: parsed.error.issues.map((issue) => issue.path.join('.')) },
    });
  }
  return {
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token,
    expiresInSeconds: parsed.data.expires_in,
  };
}
