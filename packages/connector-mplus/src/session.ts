/**
 * One connection's Mplus session: its parsed settings, a SOAP client on the tenant's host with
 * its ident and secret, and the PLU → article number look-ups made for this connection (filled
 * by `findMissingProducts`, read by `createDocument`). The runner keeps one per connection.
 */
import { type ConnectionContext, createTargetFetch, type SessionServices } from '@koppel/connector-sdk';
import { createMplusClient, type MplusClient } from './client.js';
import type { MplusCredentials, MplusSettings } from './settings.js';

export type MplusSession = {
  readonly connectionId: string;
  readonly settings: Readonly<MplusSettings>;
  readonly client: MplusClient;
  /** PLU → article number, as `getProducts` answered it. */
  readonly pluArticles: Map<string, string>;
};

export function openSession(
  connection: ConnectionContext<MplusSettings, MplusCredentials>,
  services: SessionServices,
): MplusSession {
  const { settings, credentials } = connection;
  const client = createMplusClient({
    apiUrl: settings.apiUrl,
    ident: credentials.ident,
    secret: credentials.secret,
    // Keep-alive connections to the tenant's host; no rate limiter: Mplus documents none (README.md).
    fetch: createTargetFetch({ fetch: services.fetch }),
    timeoutMs: settings.requestTimeoutMs ?? services.requestTimeoutMs,
  });
  return Object.freeze({ connectionId: connection.connectionId, settings, client, pluArticles: new Map() });
}
