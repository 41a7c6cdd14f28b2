/**
 * One connection's AccountView session: its parsed settings, a token manager that refreshes
 * under the runner's credentials lock (rotating refresh tokens, README "Tokens"), and an API
 * client with the connection's company and rate limit. The runner keeps one per connection, so
 * the access token and the token bucket are shared by all of that connection's deliveries.
 */
import type { ConnectionContext, SessionServices } from '@koppel/connector-sdk';
import { type AccountviewClient, createAccountviewClient } from './client.js';
import type { AccountviewCredentials, AccountviewSettings } from './settings.js';
import { createTokenManager, type TokenManager } from './token-manager.js';

export type AccountviewSession = {
  readonly connectionId: string;
  readonly settings: Readonly<AccountviewSettings>;
  readonly tokens: TokenManager;
  readonly client: AccountviewClient;
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
    services,
  });
  const client = createAccountviewClient({
    apiBaseUrl: settings.apiBaseUrl,
    companyId: settings.companyId,
    tokens,
    fetch: services.fetch,
    timeoutMs: services.requestTimeoutMs,
    rateLimit: settings.rateLimit,
  });
  return Object.freeze({ connectionId: connection.connectionId, settings, tokens, client });
}
