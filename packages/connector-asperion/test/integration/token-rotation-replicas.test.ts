/**
 * Two replicas of the Asperion connector share one connection, whose refresh token Asperion
 * rotates on every use (the simulator refuses a spent one with `invalid_grant`, as IdentityServer
 * does: https://help.asperion.nl/api_en.aspx). Each replica has its own session cache, as two
 * processes would, over one real Postgres connection row. Refreshing under the row lock, from the
 * token stored there, every call of both succeeds; the control without the lock shows the race
 * this test exercises is real.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  type ConnectionRepository,
  createConnectionRepository,
  createCredentialCipher,
  createPostgresDatabase,
  hashWebhookSecret,
  migrateToLatest,
} from '@koppel/db';
import { createSessionCache } from '@koppel/connector-registry';
import { isAppError } from '@koppel/errors';
import { buildAsperionSimulator, DEFAULT_CLIENT, DEFAULT_USER_ID } from '@koppel/sim-asperion';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import t from 'tap';
import { type AsperionSession, asperionConnector } from '../../src/index.js';
import { makeCredentials, makeSettings } from '../fixtures/order-fixtures.js';

const ROUNDS = 5;
const CALLS_PER_REPLICA = 8;

const infra = await resolveInfrastructure();
const isolated = await createIsolatedDatabase(infra.databaseUrl);
const database = createPostgresDatabase(isolated.url);
t.teardown(async () => {
  await database.close();
  await isolated.drop();
});
await migrateToLatest(database.db);
const connections = createConnectionRepository(database.db, createCredentialCipher(randomBytes(32)));

const sim = buildAsperionSimulator({ rateLimit: false });
await sim.app.listen({ port: 0, host: '127.0.0.1' });
t.teardown(() => sim.app.close());
const baseUrl = `http://127.0.0.1:${(sim.app.server.address() as AddressInfo).port}`;

/** A connection whose target credentials hold a fresh refresh token of the simulator. */
async function newConnection(): Promise<string> {
  const id = `c-${randomUUID().slice(0, 8)}`;
  const settings = makeSettings({ apiBaseUrl: baseUrl, identityBaseUrl: baseUrl });
  await connections.create({
    id,
    tenantId: 'tenant-1',
    name: 'Two replicas',
    sourceSystem: 'shoprenter',
    targetSystem: 'asperion',
    webhookSecretHash: hashWebhookSecret(`hook-${id}`),
    ipAllowlist: [],
    rules: {},
    settings: { ...settings },
    active: true,
    credentials: makeCredentials({
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: DEFAULT_CLIENT.clientSecret,
      refreshToken: sim.tokens.mintRefreshToken(DEFAULT_CLIENT.clientId, DEFAULT_USER_ID),
    }),
  });
  return id;
}

/**
 * Rounds of: every access token expires at Asperion, then both replicas make many concurrent
 * API calls, each needing a refresh. Returns the failures (none expected).
 */
async function hammer(store: ConnectionRepository, connectionId: string) {
  const replicas = [
    createSessionCache<AsperionSession>(asperionConnector, store, 'target'),
    createSessionCache<AsperionSession>(asperionConnector, store, 'target'),
  ];
  const failures: unknown[] = [];
  let calls = 0;
  for (let round = 0; round < ROUNDS && failures.length === 0; round += 1) {
    sim.tokens.expireAccessTokens();
    const results = await Promise.allSettled(
      replicas.flatMap((replica) =>
        Array.from({ length: CALLS_PER_REPLICA }, async () => {
          const session = await replica.sessionFor(connectionId);
          return asperionConnector.findDebtorByEmail(session, 'nobody@example.nl');
        }),
      ),
    );
    calls += results.length;
    for (const r of results) if (r.status === 'rejected') failures.push(r.reason);
  }
  return { failures, calls };
}

t.test('two replicas refreshing under the row lock: every call succeeds, no invalid_grant', async (t) => {
  const connectionId = await newConnection();
  const { failures, calls } = await hammer(connections, connectionId);
  t.equal(calls, ROUNDS * 2 * CALLS_PER_REPLICA);
  t.same(
    failures.map((f) => (isAppError(f) ? `${f.code}: ${f.message}` : String(f))),
    [],
    'no call failed',
  );
  const stored = await connections.readCredentials(connectionId, 'target');
  const refreshed = await fetch(`${baseUrl}/connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: String(stored?.refreshToken),
      client_id: DEFAULT_CLIENT.clientId,
      client_secret: DEFAULT_CLIENT.clientSecret,
    }),
  });
  t.equal(refreshed.status, 200, 'the stored refresh token is the live one, not a spent one');
});

t.test('control: re-reading the token without the lock lets two replicas spend one token', async (t) => {
  const connectionId = await newConnection();
  // Each replica reads the stored token and saves its rotation, but nothing stops both from
  // reading the same token at once: what the lock prevents.
  const unlocked: ConnectionRepository = {
    ...connections,
    async withCredentialsLock(id, side, work) {
      const stored = (await connections.readCredentials(id, side)) ?? {};
      const { save, result } = await work(stored);
      if (save) await connections.mergeCredentials(id, save, side);
      return result;
    },
  };
  const { failures } = await hammer(unlocked, connectionId);
  t.ok(
    failures.some((f) => isAppError(f) && f.code === 'TARGET_AUTH_FAILED' && /invalid_grant/.test(f.message)),
    'some call failed with invalid_grant',
  );
});
