/**
 * One connection's AccountView session: its parsed settings, a token manager that refreshes
 * under the runner's credentials lock (rotating refresh tokens, README "Tokens"), and an API
 * client with the connection's company and rate limit. The runner keeps one per connection, so
 * the access token is shared by all of that connection's deliveries; the token bucket is the
 * runner's shared one (every replica) or, without it, this session's own.
 */
import {
  type ConnectionContext,
  createKnownProducts,
  type KnownProducts,
  createLocalRateBucket,
  createRateLimiter,
  createTargetFetch,
  type SessionServices,
} from '@koppel/connector-sdk';
import { type AccountviewClient, createAccountviewClient } from './client.js';
import type { AccountviewCredentials, AccountviewSettings } from './settings.js';
import { createTokenManager, type TokenManager } from './token-manager.js';

export type AccountviewSession = {
  readonly connectionId: string;
  readonly settings: Readonly<AccountviewSettings>;
  readonly tokens: TokenManager;
  readonly client: AccountviewClient;
  /** Articles found lately, so a burst of orders checks each product once (`createKnownProducts`). */
  readonly knownProducts: KnownProducts;
};

export function openSession(
  connection: ConnectionContext<AccountviewSettings, AccountviewCredentials>,
  services: SessionServices,
): AccountviewSession {
  const { settings, credentials } = connection;
  const tokens = createTokenManager({
    apiBaseUrl: settings.apiBaseUrl,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    refreshToken: credentials.refreshToken,
    services: { ...services, fetch: createTargetFetch({ fetch: services.fetch }) },
  });
  const limiter = createRateLimiter(services.rateBucket ?? createLocalRateBucket(services.now), {
    vendor: 'AccountView',
    shape: settings.rateLimit,
  });
  const client = createAccountviewClient({
    apiBaseUrl: settings.apiBaseUrl,
    companyId: settings.companyId,
    tokens,
    fetch: createTargetFetch({ fetch: services.fetch, limiter }),
    timeoutMs: services.requestTimeoutMs,
  });
  return Object.freeze({
    connectionId: connection.connectionId,
    settings,
    tokens,
    client,
    knownProducts: createKnownProducts({ now: services.now }),
  });
}
