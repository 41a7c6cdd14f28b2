import {
  bindRateBucket,
  type ConnectionContext,
  type FetchLike,
  pooledFetch,
  type RateBucketStore,
  type SessionServices,
} from '@koppel/connector-sdk';
import type { Connection, ConnectionRepository, ConnectionSide } from '@koppel/db';
import { type AppError, appError } from '@koppel/errors';
import type { z } from 'zod';

/** What a connector needs to open sessions: its schemas and `openSession`. */
export type SessionOpener<Session> = {
  system: string;
  settingsSchema: z.ZodType;
  credentialsSchema: z.ZodType;
  connectionSchema?: z.ZodType;
  openSession?(connection: ConnectionContext<unknown, unknown>, services: SessionServices): Session;
};

export type SessionOptions = {
  /** Timeout of one outbound request in milliseconds (default 30 000). */
  requestTimeoutMs?: number;
  fetch?: FetchLike;
  now?: () => number;
  /**
   * Where a connection's rate-limit bucket lives. A runner passes `@koppel/db`'s
   * `createTargetRateBucketRepository`, so every replica takes from one bucket per connection and
   * system and all of them wait out a target's Retry-After; absent, each session keeps its own
   * bucket in memory.
   */
  rateBuckets?: RateBucketStore<{ system: string; connectionId: string }>;
};

/**
 * Parses one side of a connection with the connector's schemas. A stored connection that no
 * longer parses (the schema grew, or it was written around the admin API) is a permanent
 * VALIDATION_FAILED naming the field, e.g. `target.settings.tenantId`.
 */
export function parseConnectionSide(
  opener: Pick<SessionOpener<unknown>, 'settingsSchema' | 'credentialsSchema' | 'connectionSchema'>,
  connection: Pick<Connection, 'id' | 'tenantId'>,
  side: ConnectionSide,
  settings: unknown,
  credentials: unknown,
): ConnectionContext<unknown, unknown> {
  const parsedSettings = opener.settingsSchema.safeParse(settings);
  if (!parsedSettings.success) throw invalid(side, 'settings', parsedSettings.error.issues);
  const parsedCredentials = opener.credentialsSchema.safeParse(credentials);
  if (!parsedCredentials.success) throw invalid(side, 'credentials', parsedCredentials.error.issues);
  const across = opener.connectionSchema?.safeParse({
    settings: parsedSettings.data,
    credentials: parsedCredentials.data,
  });
  if (across && !across.success) {
    const part = across.error.issues[0]?.path[0] === 'credentials' ? 'credentials' : 'settings';
    throw invalid(
      side,
      part,
      across.error.issues.map((issue) => ({ ...issue, path: issue.path.slice(1) })),
    );
  }
  return Object.freeze({
    connectionId: connection.id,
    tenantId: connection.tenantId,
    settings: parsedSettings.data,
    credentials: parsedCredentials.data,
  });
}

function invalid(
  side: ConnectionSide,
  part: 'settings' | 'credentials',
  issues: readonly z.core.$ZodIssue[],
): AppError {
  const issue = issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const field = path === '' ? `${side}.${part}` : `${side}.${part}.${path}`;
  return appError('VALIDATION_FAILED', `${field}: ${issue?.message ?? 'invalid'}`, {
    field,
    details: { issues: issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) },
  });
}

/** The runner's I/O for one connection's session: credentials saved sealed, fetch, clock, timeout. */
export type SessionServicesInput = {
  connections: ConnectionRepository;
  connectionId: string;
  side: ConnectionSide;
  /** The connector's system: with `options.rateBuckets`, the key of the shared rate bucket. */
  system: string;
  options?: SessionOptions;
  /** Told of every credential value the session saved itself (a rotated refresh token). */
  onSaved?: (values: Record<string, unknown>) => void;
};

export function createSessionServices({
  connections,
  connectionId,
  side,
  system,
  options = {},
  onSaved = () => {},
}: SessionServicesInput): SessionServices {
  const rateBucket = options.rateBuckets
    ? bindRateBucket(options.rateBuckets, { system, connectionId })
    : undefined;
  return {
    ...(rateBucket ? { rateBucket } : {}),
    async saveCredentials(values) {
      await connections.mergeCredentials(connectionId, values, side);
      onSaved(values);
    },
    async withCredentialsLock(work) {
      return connections.withCredentialsLock(connectionId, side, async (stored) => {
        const outcome = await work(stored);
        if (outcome.save) onSaved(outcome.save);
        return outcome;
      });
    },
    fetch: options.fetch ?? pooledFetch,
    now: options.now ?? Date.now,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
  };
}

/** Loads a connection and one side's settings and opened credentials. */
async function loadSide(connections: ConnectionRepository, connectionId: string, side: ConnectionSide) {
  const connection = await connections.find(connectionId);
  if (!connection) {
    throw appError('NOT_FOUND', `connection ${connectionId} no longer exists`, { field: 'connectionId' });
  }
  const settings = side === 'target' ? connection.settings : connection.sourceSettings;
  const credentials = (await connections.readCredentials(connectionId, side)) ?? {};
  return { connection, settings, credentials };
}

/** Opens a fresh session for one connection (a check, an admin call): nothing is cached. */
export async function openConnectionSession<Session>(
  opener: SessionOpener<Session>,
  connections: ConnectionRepository,
  connectionId: string,
  side: ConnectionSide,
  options: SessionOptions = {},
): Promise<Session> {
  const { connection, settings, credentials } = await loadSide(connections, connectionId, side);
  const context = parseConnectionSide(opener, connection, side, settings, credentials);
  if (!opener.openSession) throw new Error(`connector ${opener.system} opens no sessions`);
  return opener.openSession(
    context,
    createSessionServices({ connections, connectionId, side, system: opener.system, options }),
  );
}

/**
 * One live session (token cache, rate limiter) per connection, as a runner keeps them. A session
 * is rebuilt when the connection's settings or credentials change, but not when only a value
 * that sessions rotate themselves changed (a refresh token rotated here or by another replica):
 * rebuilding would throw the access token away and make replicas refresh for each other.
 */
export function createSessionCache<Session>(
  opener: SessionOpener<Session>,
  connections: ConnectionRepository,
  side: ConnectionSide,
  options: SessionOptions = {},
) {
  const sessions = new Map<
    string,
    { settings: unknown; credentials: Record<string, unknown>; sealedCredentials: string; session: Session }
  >();
  /** Credential keys a session of the connection saved itself (e.g. `refreshToken`). */
  const selfSavedKeys = new Map<string, Set<string>>();

  // A value the session rotates itself (or another replica's session rotated) must not throw the
  // session away: the stored value is re-read under the credentials lock when it is used.
  const fingerprintOf = (connectionId: string, settings: unknown, credentials: Record<string, unknown>) => {
    const rotating = selfSavedKeys.get(connectionId) ?? new Set<string>();
    const stable = Object.fromEntries(Object.entries(credentials).filter(([key]) => !rotating.has(key)));
    return JSON.stringify([settings, stable]);
  };

  return {
    async sessionFor(connectionId: string): Promise<Session> {
      // One query per call. The credentials are opened (decrypted) only when their sealed value
      // changed since the cached session was checked: a record of a busy connection costs one read.
      const found = await connections.findWithSealedCredentials(connectionId, side);
      if (!found) {
        throw appError('NOT_FOUND', `connection ${connectionId} no longer exists`, { field: 'connectionId' });
      }
      const { connection, sealedCredentials } = found;
      const settings = side === 'target' ? connection.settings : connection.sourceSettings;
      const cached = sessions.get(connectionId);
      if (
        cached &&
        cached.sealedCredentials === sealedCredentials &&
        // The same object when the connection came from a cache (no change since): no stringify.
        (cached.settings === settings || JSON.stringify(cached.settings) === JSON.stringify(settings))
      ) {
        return cached.session;
      }
      const credentials = connections.openCredentials(sealedCredentials);
      const fingerprint = fingerprintOf(connectionId, settings, credentials);
      // Both sides are compared with today's set of rotating keys (it grows as sessions save).
      if (cached && fingerprintOf(connectionId, cached.settings, cached.credentials) === fingerprint) {
        cached.sealedCredentials = sealedCredentials;
        return cached.session;
      }
      const context = parseConnectionSide(opener, connection, side, settings, credentials);
      if (!opener.openSession) throw new Error(`connector ${opener.system} opens no sessions`);
      const services = createSessionServices({
        connections,
        connectionId,
        side,
        system: opener.system,
        options,
        onSaved: (values) => {
          const keys = selfSavedKeys.get(connectionId) ?? new Set<string>();
          for (const key of Object.keys(values)) keys.add(key);
          selfSavedKeys.set(connectionId, keys);
        },
      });
      const session = opener.openSession(context, services);
      sessions.set(connectionId, { settings, credentials, sealedCredentials, session });
      return session;
    },
    /** Forgets a connection's session (deleted or deactivated connection). */
    forget(connectionId: string): void {
      sessions.delete(connectionId);
      selfSavedKeys.delete(connectionId);
    },
  };
}

export type SessionCache<Session> = ReturnType<typeof createSessionCache<Session>>;
