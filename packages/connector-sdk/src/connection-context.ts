import type { RateBucket } from './rate/rate-bucket.js';

/**
 * What a connector gets of one connection when it opens a session: its ids and its settings and
 * credentials, already parsed with the connector's own zod schemas (never raw JSON).
 */
export type ConnectionContext<Settings, Credentials> = {
  readonly connectionId: string;
  readonly tenantId: string;
  readonly settings: Settings;
  readonly credentials: Credentials;
};

/** A `fetch` the connector uses for every HTTP call, so tests and runners can wrap it. */
export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * The I/O a runner lends a session. Connectors never read env or the database themselves.
 */
export type SessionServices = {
  /**
   * Merges new credential values into the connection's sealed credentials (a rotated refresh
   * token). Resolves only once stored, so the old token is never used again after a crash.
   */
  saveCredentials(values: Record<string, unknown>): Promise<void>;
  /**
   * Runs `work` holding a lock on the connection's stored credentials, for a refresh that
   * rotates them (OAuth refresh tokens): `work` gets the credentials as stored now (another
   * replica may have rotated them since this session opened), and what it returns as `save` is
   * merged in before the lock is released. So two replicas never refresh with the same token.
   */
  withCredentialsLock<T>(
    work: (stored: Record<string, unknown>) => Promise<{ save?: Record<string, unknown>; result: T }>,
  ): Promise<T>;
  fetch: FetchLike;
  /** Clock in epoch milliseconds (token expiry, rate limits). */
  now(): number;
  /** Timeout of one outbound request, in milliseconds. */
  requestTimeoutMs: number;
  /**
   * The token bucket of this connection's calls to its system, shared by every replica (a row in
   * Postgres). Absent: the session keeps its own bucket in memory, which paces this process only.
   */
  rateBucket?: RateBucket;
};

/** One line of a connection check: a credential or setting, and whether it works. */
export type CheckFinding = {
  /** The credential or setting checked, as the admin API names it, e.g. `target.credentials.clientSecret`. */
  subject: string;
  ok: boolean;
  /** In words a shop owner understands: what works, or what is wrong and how to fix it. */
  message: string;
};
