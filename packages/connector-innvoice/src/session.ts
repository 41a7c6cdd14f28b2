/**
 * One connection's InnVoice session: settings, the API client, and the per-connection memory the
 * document and debtor steps need because InnVoice offers no look-up by order or by e-mail
 * (README "Duplicates", "Customers"): the documents booked through this session by order
 * reference, and the buyers already filed. A create whose answer was lost is Koppel's ledger's
 * to remember (target-delivery, `documentLookup: 'none'`), so it survives a restart.
 */
import {
  type ConnectionContext,
  createLocalRateBucket,
  createRateLimiter,
  createTargetFetch,
  type SessionServices,
  type TargetDebtor,
  type TargetDocument,
} from '@koppel/connector-sdk';
import { createInnvoiceClient, type InnvoiceClient } from './client.js';
import type { InnvoiceCredentials, InnvoiceSettings } from './settings.js';

export type BookedDocument = TargetDocument & { techId: string };

export type InnvoiceSession = {
  readonly connectionId: string;
  readonly settings: Readonly<InnvoiceSettings>;
  readonly client: InnvoiceClient;
  /** Order reference → the document InnVoice made for it. */
  readonly booked: Map<string, BookedDocument>;
  /** Normalised e-mail → the buyer as Koppel files it (InnVoice keeps it inline). */
  readonly debtors: Map<string, TargetDebtor>;
};

export function openSession(
  connection: ConnectionContext<InnvoiceSettings, InnvoiceCredentials>,
  services: SessionServices,
): InnvoiceSession {
  const { settings, credentials } = connection;
  // The runner's bucket is shared by every replica; without one the session keeps its own.
  const limiter = createRateLimiter(services.rateBucket ?? createLocalRateBucket(services.now), {
    vendor: 'InnVoice',
    shape: settings.rateLimit,
  });
  const client = createInnvoiceClient({
    apiBaseUrl: settings.apiBaseUrl,
    company: settings.company,
    username: credentials.username,
    password: credentials.password,
    fetch: createTargetFetch({ fetch: services.fetch, limiter }),
    timeoutMs: services.requestTimeoutMs,
    pause: limiter.pause,
  });
  return Object.freeze({
    connectionId: connection.connectionId,
    settings,
    client,
    booked: new Map(),
    debtors: new Map(),
  });
}
