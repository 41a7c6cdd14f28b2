/**
 * Two replicas of one Asperion connection share one token bucket in the real Postgres (issue 14,
 * "Target calls"): together they never call faster than the connection's rate, and a 429 with
 * Retry-After answered to one holds the other until then. Each control runs the same calls with
 * the in-memory bucket each session keeps without a runner's shared one, and shows the failure.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  bindRateBucket,
  createLocalRateBucket,
  type RateBucket,
  type SessionServices,
} from '@koppel/connector-sdk';
import { createPostgresDatabase, createTargetRateBucketRepository, migrateToLatest } from '@koppel/db';
import { isAppError } from '@koppel/errors';
import { buildAsperionSimulator, DEFAULT_CLIENT, DEFAULT_USER_ID } from '@koppel/sim-asperion';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import t from 'tap';
import { type AsperionSession, asperionConnector } from '../../src/index.js';
import { makeCredentials, makeSettings } from '../fixtures/order-fixtures.js';

const RATE = { requestsPerSecond: 10, burst: 2 };
const CALLS_PER_REPLICA = 12;
const WINDOW_MS = 1000;

const infra = await resolveInfrastructure();
const isolated = await createIsolatedDatabase(infra.databaseUrl);
const database = createPostgresDatabase(isolated.url);
t.teardown(async () => {
  await database.close();
  await isolated.drop();
});
await migrateToLatest(database.db);
const buckets = createTargetRateBucketRepository(database.db);

const sim = buildAsperionSimulator({ rateLimit: false });
await sim.app.listen({ port: 0, host: '127.0.0.1' });
t.teardown(() => sim.app.close());
const baseUrl = `http://127.0.0.1:${(sim.app.server.address() as AddressInfo).port}`;

/** A replica's session of the connection: its own refresh token and, as given, the shared bucket. */
function openReplica(rateBucket: RateBucket): AsperionSession {
  let refreshToken = sim.tokens.mintRefreshToken(DEFAULT_CLIENT.clientId, DEFAULT_USER_ID);
  const services: SessionServices = {
    async saveCredentials(values) {
      if (typeof values.refreshToken === 'string') refreshToken = values.refreshToken;
    },
    async withCredentialsLock(work) {
      const { save, result } = await work({ refreshToken });
      if (typeof save?.refreshToken === 'string') refreshToken = save.refreshToken;
      return result;
    },
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    requestTimeoutMs: 10_000,
    rateBucket,
  };
  const settings = makeSettings({ apiBaseUrl: baseUrl, identityBaseUrl: baseUrl, rateLimit: RATE });
  const credentials = makeCredentials({
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    refreshToken,
  });
  return asperionConnector.openSession(
    { connectionId: 'c-shared', tenantId: 'tenant-1', settings, credentials },
    services,
  );
}

/** Two replicas: sharing one Postgres bucket, or each with its own in memory (the control). */
async function twoReplicas(shared: boolean): Promise<[AsperionSession, AsperionSession]> {
  const key = { system: 'asperion', connectionId: `c-${randomUUID().slice(0, 8)}` };
  const bucket = () => (shared ? bindRateBucket(buckets, key) : createLocalRateBucket());
  const replicas: [AsperionSession, AsperionSession] = [openReplica(bucket()), openReplica(bucket())];
  // Each gets its access token first: the identity server is outside the API's bucket.
  for (const replica of replicas) await asperionConnector.findDebtorByEmail(replica, 'warm@example.com');
  await new Promise((resolve) => setTimeout(resolve, 1000 / RATE.requestsPerSecond));
  sim.kit.inspection.clear();
  return replicas;
}

const lookups = () => sim.kit.inspection.list({ method: 'GET', pathPrefix: '/v1/debtors' });

/** Most API calls the simulator received within any WINDOW_MS. */
function busiestWindow(): number {
  const times = lookups()
    .map((call) => Date.parse(call.at))
    .sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last += 1) {
    while ((times[last] ?? 0) - (times[first] ?? 0) >= WINDOW_MS) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

async function burstFromBoth(replicas: AsperionSession[]): Promise<void> {
  await Promise.all(
    replicas.flatMap((replica) =>
      Array.from({ length: CALLS_PER_REPLICA }, (_, i) =>
        asperionConnector.findDebtorByEmail(replica, `nobody-${i}@example.com`),
      ),
    ),
  );
}

// The bucket allows `burst` at once and `rate` a second after, on the database clock. A call
// reaches the simulator when its timer fires, and on a loaded machine late timers fire together
// (a stalled event loop, a take answered late while the pg pool opens connections): four calls
// (400 ms of slots) of tolerance for that. Seen at a load average of 40 on 2 cores: 11 to 14
// with the shared bucket; 24 (all of them) in the control.
const ALLOWED = RATE.burst + (RATE.requestsPerSecond * WINDOW_MS) / 1000 + 4;

t.test('two replicas sharing the bucket stay within the rate together', async (t) => {
  const replicas = await twoReplicas(true);
  const started = Date.now();
  await burstFromBoth(replicas);
  const elapsed = Date.now() - started;
  const busiest = busiestWindow();
  t.equal(lookups().length, 2 * CALLS_PER_REPLICA, 'every call went out');
  t.ok(busiest <= ALLOWED, `at most ${ALLOWED} calls in any ${WINDOW_MS} ms: ${busiest}`);
  const floor = ((2 * CALLS_PER_REPLICA - RATE.burst) * 1000) / RATE.requestsPerSecond - 100;
  t.ok(elapsed >= floor, `${2 * CALLS_PER_REPLICA} calls took ${elapsed} ms (at least ${floor})`);
});

t.test('control: two replicas with a bucket each call twice as fast', async (t) => {
  await burstFromBoth(await twoReplicas(false));
  const busiest = busiestWindow();
  t.ok(busiest > ALLOWED, `more than ${ALLOWED} calls in one ${WINDOW_MS} ms: ${busiest}`);
});

async function throttleNextLookup(retryAfterSeconds: number): Promise<void> {
  const response = await sim.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: {
      failNext: { count: 1, status: 429, retryAfterSeconds, method: 'GET', pathPrefix: '/v1/debtors' },
    },
  });
  if (response.statusCode !== 200) throw new Error(`fault plan refused: ${response.body}`);
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

t.test("a 429 with Retry-After answered to one replica holds the other's calls until then", async (t) => {
  const [first, second] = await twoReplicas(true);
  await throttleNextLookup(2);
  const throttled = await rejection(asperionConnector.findDebtorByEmail(first, 'a@example.com'));
  t.match(
    throttled,
    { code: 'TARGET_RATE_LIMITED', retryAfterSeconds: 2 },
    'the first replica is told to wait',
  );
  const started = Date.now();
  await asperionConnector.findDebtorByEmail(second, 'b@example.com');
  const waited = Date.now() - started;
  const [refused, accepted] = lookups();
  const gap = Date.parse(accepted?.at ?? '') - Date.parse(refused?.at ?? '');
  t.equal(refused?.status, 429);
  t.equal(accepted?.status, 200);
  t.ok(
    waited >= 1800 && gap >= 1800,
    `the other replica waited ${waited} ms; its call reached Asperion ${gap} ms after the 429`,
  );
});

t.test('control: with a bucket each, the other replica calls straight into the pause', async (t) => {
  const [first, second] = await twoReplicas(false);
  await throttleNextLookup(2);
  await rejection(asperionConnector.findDebtorByEmail(first, 'a@example.com'));
  const started = Date.now();
  await asperionConnector.findDebtorByEmail(second, 'b@example.com');
  const took = Date.now() - started;
  t.ok(took < 1500, `it did not wait out the 2 s pause (${took} ms)`);
});

t.test('a pause longer than a worker waits fails at once, retryable, without a call', async (t) => {
  const [first, second] = await twoReplicas(true);
  await throttleNextLookup(60);
  await rejection(asperionConnector.findDebtorByEmail(first, 'a@example.com'));
  const started = Date.now();
  const refusal = await rejection(asperionConnector.findDebtorByEmail(second, 'b@example.com'));
  t.ok(Date.now() - started < 5000, 'no worker sleeps through a minute');
  t.ok(isAppError(refusal) && refusal.retryable, 'retryable');
  t.match(refusal, { code: 'TARGET_RATE_LIMITED', details: { outcome: 'not-sent' } });
  const seconds = isAppError(refusal) ? (refusal.retryAfterSeconds ?? 0) : 0;
  t.ok(seconds >= 59 && seconds <= 61, `retry after the pause's rest (${seconds} s)`);
  t.equal(lookups().length, 1, 'only the throttled call reached Asperion');
});
