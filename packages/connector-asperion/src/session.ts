/**
 * One connection's Asperion session: its parsed settings, a token manager that saves every
 * rotated refresh token through the runner before reusing it, and an API client with the
 * connection's rate limit. The runner keeps one per connection, so the access token is shared by
 * all of that connection's deliveries; the token bucket is the runner's shared one (every
 * replica) or, without it, this session's own.
 */
import {
  type ConnectionContext,
  createKnownProducts,
  createLocalRateBucket,
  type KnownProducts,
  createRateLimiter,
  createTargetFetch,
  type SessionServices,
} from '@koppel/connector-sdk';
import { type AsperionClient, createAsperionClient } from './client.js';
import type { AsperionCredentials, AsperionSettings } from './settings.js';
import { createTokenManager, type TokenManager } from './token-manager.js';

export type AsperionSession = {
  readonly connectionId: string;
  readonly settings: Readonly<AsperionSettings>;
  readonly tokens: TokenManager;
  readonly client: AsperionClient;
  /** Articles found lately, so a burst of orders checks each product once (`createKnownProducts`). */
  readonly knownProducts: KnownProducts;
};

export function openSession(
  connection: ConnectionContext<AsperionSettings, AsperionCredentials>,
  services: SessionServices,
): AsperionSession {
  const { settings, credentials } = connection;
  const tokens = createTokenManager({
    identityBaseUrl: settings.identityBaseUrl,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    refreshToken: credentials.refreshToken,
    // Asperion spends the old refresh token on every refresh (README.md): the new one is
    // stored sealed before the session uses it again.
    onRefreshTokenRotated: (refreshToken) => services.saveCredentials({ refreshToken }),
    // Replicas share the connection's refresh token: each refresh runs under a lock on the
    // connection row and starts from the token stored there (the other replica may have rotated it).
    lockCredentials: (work) =>
      services.withCredentialsLock(async (stored) => {
        const current = typeof stored.refreshToken === 'string' ? stored.refreshToken : undefined;
        const { rotated, result } = await work(current);
        return { save: rotated === undefined ? undefined : { refreshToken: rotated }, result };
      }),
    fetch: createTargetFetch({ fetch: services.fetch }),
    now: services.now,
    timeoutMs: services.requestTimeoutMs,
  });
  const limiter = createRateLimiter(services.rateBucket ?? createLocalRateBucket(services.now), {
    vendor: 'Asperion',
    shape: settings.rateLimit,
  });
  const client = createAsperionClient({
    apiBaseUrl: settings.apiBaseUrl,
    tenantId: settings.tenantId,
    tokens,
    fetch: createTargetFetch({ fetch: services.fetch, limiter }),
    timeoutMs: services.requestTimeoutMs,
    language: settings.language,
  });
  return Object.freeze({
    connectionId: connection.connectionId,
    settings,
    tokens,
    client,
    knownProducts: createKnownProducts({ now: services.now }),
  });
}
