/**
 * The Asperion target connector: the delivery pipeline's steps (dedupe, debtor by e-mail, product
 * check, invoice) as calls of the Asperion REST API (targets.md §1, §6). Mapping is pure and lives
 * in domain/. A session holds one connection's settings, token cache and rate limiter.
 */
import type { TargetConnector } from '@koppel/connector-sdk';
import { type AsperionClient, createAsperionClient, type RateLimitOptions } from './asperion-client.js';
import { createDebtor, findDebtorByEmail, updateDebtor } from './asperion-debtors.js';
import { createDocument, findDocument, findMissingProducts } from './asperion-documents.js';
import type { AsperionSettings } from './asperion-settings.js';
import { documentNumber } from './domain/map-invoice.js';
import { createTokenManager, type FetchLike } from './token-manager.js';

export const ASPERION_SYSTEM = 'asperion';

export type AsperionConnectorDeps = {
  /** Saves (encrypted) the refresh token Asperion rotated for a connection; awaited before reuse. */
  onRefreshTokenRotated: (connectionId: string, refreshToken: string) => Promise<void>;
  /** HTTP implementation; Node's global fetch by default. */
  fetch?: FetchLike;
  /** Clock in epoch milliseconds (token expiry); Date.now by default. */
  now?: () => number;
  /** Timeout of one API or token request in ms (default 30 000). */
  requestTimeoutMs?: number;
  /** Client-side token bucket per connection (default 4 req/s, burst 8). */
  rateLimit?: RateLimitOptions;
  /** Language of Asperion's validation messages (default en-US). */
  language?: 'nl-NL' | 'en-US';
};

/** One connection's settings plus its live API client (token cache, rate limiter). */
export type AsperionSession = {
  readonly connectionId: string;
  readonly settings: Readonly<AsperionSettings>;
  readonly client: AsperionClient;
};

export type AsperionConnector = TargetConnector<AsperionSession> & {
  /** Builds a session; keep it per connection so the access token and rate limit are shared. */
  openSession(connectionId: string, settings: Readonly<AsperionSettings>): AsperionSession;
};

export function createAsperionConnector(deps: AsperionConnectorDeps): AsperionConnector {
  function openSession(connectionId: string, settings: Readonly<AsperionSettings>): AsperionSession {
    const tokens = createTokenManager({
      identityBaseUrl: settings.identityBaseUrl,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      refreshToken: settings.refreshToken,
      onRefreshTokenRotated: (token) => deps.onRefreshTokenRotated(connectionId, token),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.requestTimeoutMs ? { timeoutMs: deps.requestTimeoutMs } : {}),
    });
    const client = createAsperionClient({
      apiBaseUrl: settings.apiBaseUrl,
      tenantId: settings.tenantId,
      tokens,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.requestTimeoutMs ? { timeoutMs: deps.requestTimeoutMs } : {}),
      ...(deps.rateLimit ? { rateLimit: deps.rateLimit } : {}),
      ...(deps.language ? { language: deps.language } : {}),
    });
    return Object.freeze({ connectionId, settings, client });
  }

  return {
    system: ASPERION_SYSTEM,
    documentNumberFor: (order, session) => documentNumber(order, session.settings.invoiceNumberPrefix),
    openSession,
    findDocument,
    findDebtorByEmail,
    createDebtor,
    updateDebtor,
    findMissingProducts,
    createDocument,
  };
}
