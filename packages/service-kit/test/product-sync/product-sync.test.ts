/**
 * The product sync runner on a real Postgres with the AccountView simulator as the source (over
 * HTTP) and an in-test shop sink that records what it is sent (the shop is neither Kafka nor
 * Postgres): a run killed after chunk 2 resumes without sending chunks 1-2 again, an unchanged
 * catalogue sends nothing, two runners never run one connection at once, and a shutdown stops a
 * run between chunks for another runner to resume.
 */
import { randomBytes } from 'node:crypto';
import {
  type AccountviewCredentials,
  accountviewConnector,
  credentialsSchema as accountviewCredentialsSchema,
} from '@koppel/connector-accountview';
import type {
  AnySourceConnector,
  CatalogProduct,
  ProductSinkCapability,
  ProductUpsertResult,
} from '@koppel/connector-sdk';
import {
  createConnectionRepository,
  createCredentialCipher,
  createPostgresDatabase,
  createProductSettingsRepository,
  createProductSyncItemRepository,
  createProductSyncRunRepository,
  createProductSyncScheduleRepository,
  hashWebhookSecret,
  migrateToLatest,
} from '@koppel/db';
import {
  ACCOUNTVIEW_DEFAULT_CLIENT,
  ACCOUNTVIEW_DEFAULT_COMPANY,
  buildAccountviewSimulator,
} from '@koppel/sim-accountview';
import { createMetricsRegistry } from '@koppel/telemetry';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import t from 'tap';
import { z } from 'zod';
import { type ProductSyncRunner, startProductSync } from '../../src/index.js';

const infra = await resolveInfrastructure();
const isolated = await createIsolatedDatabase(infra.databaseUrl);
const database = createPostgresDatabase(isolated.url);
await migrateToLatest(database.db);
const cipher = createCredentialCipher(randomBytes(32));
const connections = createConnectionRepository(database.db, cipher);
const repositories = {
  settings: createProductSettingsRepository(database.db),
  schedules: createProductSyncScheduleRepository(database.db),
  runs: createProductSyncRunRepository(database.db),
  items: createProductSyncItemRepository(database.db),
};

const sim = buildAccountviewSimulator({ rateLimit: false });
const simUrl = (await sim.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
const companyId = ACCOUNTVIEW_DEFAULT_COMPANY.Id;

const runners: ProductSyncRunner[] = [];
t.teardown(async () => {
  for (const runner of runners) await runner.stop();
  await sim.app.close();
  await database.close();
  await isolated.drop();
});

/** What the shop got: one entry per upsert call that went through. */
type Call = { runner: string; skus: string[]; options: { matchKey: string; updateProductInfo: boolean } };

/** A sink that records each call; `before` may throw (a crash before the call) or wait. */
function recordingSink(
  runner: string,
  calls: Call[],
  before: (call: number) => Promise<void> | void = () => {},
) {
  let attempts = 0;
  const sink: ProductSinkCapability<unknown> = {
    maxBatchSize: 50,
    async upsert(_session, products: readonly CatalogProduct[], options): Promise<ProductUpsertResult[]> {
      attempts += 1;
      await before(attempts);
      calls.push({ runner, skus: products.map((p) => p.sku), options });
      return products.map((p) => ({ sku: p.sku, outcome: 'created', shopProductId: `shop-${p.sku}` }));
    },
  };
  return sink;
}

function testShop(sink: ProductSinkCapability<unknown>): AnySourceConnector {
  return {
    system: 'test-shop',
    displayName: 'Test shop',
    settingsSchema: z.object({}).loose(),
    credentialsSchema: z.object({}).loose(),
    decodeOrder: () => {
      throw new Error('the test shop decodes no orders');
    },
    openSession: () => ({}),
    productSink: sink,
  };
}

function newRunner(shop: AnySourceConnector, instanceId: string): ProductSyncRunner {
  const runner = startProductSync(shop, {
    connections,
    ...repositories,
    metrics: createMetricsRegistry(`product-sync-test-${instanceId}-${runners.length}`),
    log: { info() {}, warn() {} },
    instanceId,
    // The loop stays idle: the tests drive ticks themselves.
    tickMs: 3_600_000,
    leaseMs: 5000,
    scheduleSyncMs: 0,
    backoff: { baseSeconds: 60, maxSeconds: 600 },
    session: { requestTimeoutMs: 5000 },
  });
  runners.push(runner);
  return runner;
}

function mintRefreshToken(): string {
  const client = ACCOUNTVIEW_DEFAULT_CLIENT;
  const redirectUri = client.redirectUris[0] ?? '';
  const code = sim.tokens.createCode(client.clientId, redirectUri, ['readaccountviewdata']);
  return sim.tokens.exchangeCode(
    sim.tokens.authenticateClient(client.clientId, client.clientSecret),
    code,
    redirectUri,
  ).refresh_token;
}

async function createConnection(id: string, products: Record<string, unknown>) {
  const credentials: AccountviewCredentials = accountviewCredentialsSchema.parse({
    clientId: ACCOUNTVIEW_DEFAULT_CLIENT.clientId,
    clientSecret: ACCOUNTVIEW_DEFAULT_CLIENT.clientSecret,
    refreshToken: mintRefreshToken(),
  });
  await connections.create({
    id,
    tenantId: 'tenant-products',
    name: 'Books to shop',
    sourceSystem: 'test-shop',
    targetSystem: accountviewConnector.system,
    webhookSecretHash: hashWebhookSecret('secret'),
    ipAllowlist: [],
    rules: {},
    settings: {
      apiBaseUrl: `${simUrl}/api/v3`,
      companyId,
      vatCodes: [{ vatRateBp: 2100, vatCode: '2' }],
      rateLimit: { requestsPerSecond: 500, burst: 500 },
    },
    credentials,
    active: true,
  });
  await repositories.settings.write(id, products);
}

async function seedArticles(rows: Record<string, unknown>[]) {
  const answer = await sim.app.inject({
    method: 'POST',
    url: `/_control/companies/${companyId}/articles`,
    payload: { rows },
  });
  if (answer.statusCode !== 201) throw new Error(`seeding articles failed: ${answer.body}`);
}

await sim.app.inject({
  method: 'POST',
  url: `/_control/companies/${companyId}/article-groups`,
  payload: {
    rows: [
      { AG_CODE: 'KLED', AG_DESC: 'Kleding' },
      { AG_CODE: 'INTERN', AG_DESC: 'Intern' },
    ],
  },
});
const skus = Array.from({ length: 9 }, (_, i) => `ART-0${i + 1}`);
await seedArticles([
  ...skus.map((sku, i) => ({
    ART_CODE: sku,
    ART_DESC1: `Artikel ${i + 1}`,
    PX_SELL: 10 + i,
    AG_CODE: 'KLED',
    VAT_CODE: '2',
  })),
  { ART_CODE: 'INT-01', ART_DESC1: 'Intern artikel', PX_SELL: 1, AG_CODE: 'INTERN', VAT_CODE: '2' },
]);

const settings = {
  direction: 'books-to-shop',
  chunkSize: 2,
  excludedGroups: ['intern'],
  intervalMinutes: 10,
};
const sentCount = (calls: Call[]) => {
  const count = new Map<string, number>();
  for (const call of calls) for (const sku of call.skus) count.set(sku, (count.get(sku) ?? 0) + 1);
  return count;
};

t.test('a run killed after chunk 2 resumes at chunk 3 and sends every product once', async (t) => {
  await createConnection('resume-1', settings);
  const calls: Call[] = [];
  let crash = true;
  const runner = newRunner(
    testShop(
      recordingSink('a', calls, (attempt) => {
        if (crash && attempt === 3) throw new Error('process killed during chunk 3');
      }),
    ),
    'a',
  );
  await runner.tick();
  t.same(
    calls.map((c) => c.skus),
    [
      ['ART-01', 'ART-02'],
      ['ART-03', 'ART-04'],
    ],
    'chunks 1 and 2 went out',
  );
  const [interrupted] = await repositories.runs.list('resume-1', { limit: 5 });
  t.equal(interrupted?.status, 'running', 'the run stays open');
  t.equal(interrupted?.chunkIndex, 2, 'its position is after chunk 2');
  t.match(interrupted?.lastError, /process killed/);
  const schedule = await repositories.schedules.find('resume-1');
  t.equal(schedule?.consecutiveFailures, 1, 'the attempt backs off');
  t.equal(schedule?.leaseOwner, null, 'and frees the lease');

  crash = false;
  await repositories.schedules.requestRun('resume-1', 600, false);
  await runner.tick();
  const counts = sentCount(calls);
  t.same(
    skus.map((sku) => counts.get(sku)),
    skus.map(() => 1),
    'each product reached the shop exactly once',
  );
  t.notOk(counts.has('INT-01'), 'the excluded group never did');
  t.same(
    calls.slice(2).map((c) => c.skus),
    [['ART-05', 'ART-06'], ['ART-07', 'ART-08'], ['ART-09']],
  );
  const [run, ...older] = await repositories.runs.list('resume-1', { limit: 5 });
  t.equal(older.length, 0, 'the same run was resumed, not a second one started');
  t.match(run, {
    status: 'completed',
    attempts: 2,
    chunksSent: 5,
    productsSent: 9,
    productsExcluded: 1,
    productsSkipped: 0,
  });
  const items = await repositories.items.list('resume-1', { limit: 100 });
  t.equal(items.length, 9);
  t.match(items[0], { sku: 'ART-01', outcome: 'created', shopProductId: 'shop-ART-01', runId: run?.id });
});

t.test('an unchanged catalogue sends nothing; a changed price sends that product only', async (t) => {
  await createConnection('unchanged-1', settings);
  const calls: Call[] = [];
  const runner = newRunner(testShop(recordingSink('a', calls)), 'a');
  await runner.tick();
  t.equal(sentCount(calls).size, 9, 'the first run sends the catalogue');

  calls.length = 0;
  await repositories.schedules.requestRun('unchanged-1', 600, false);
  await runner.tick();
  t.same(calls, [], 'nothing changed, nothing sent');
  const [second] = await repositories.runs.list('unchanged-1', { limit: 1 });
  t.match(second, { status: 'completed', trigger: 'manual', productsSent: 0, productsSkipped: 9 });
  t.ok(second?.changedSince, 'the second run reads changes since the first one started');

  await seedArticles([{ ART_CODE: 'ART-02', PX_SELL: 99.95 }]);
  await repositories.schedules.requestRun('unchanged-1', 600, false);
  await runner.tick();
  t.same(
    calls.map((c) => c.skus),
    [['ART-02']],
    'only the changed product goes out',
  );

  calls.length = 0;
  await repositories.schedules.requestRun('unchanged-1', 600, true);
  await runner.tick();
  t.equal(sentCount(calls).size, 9, 'a full resync sends every product again');
  t.equal((await repositories.schedules.find('unchanged-1'))?.fullRequested, false, 'and is done');
});

t.test('two runners never run one connection at once', async (t) => {
  await createConnection('lease-1', settings);
  const calls: Call[] = [];
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let entered = () => {};
  const inSink = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const hold = async (attempt: number) => {
    if (attempt === 1) {
      entered();
      await gate;
    }
  };
  const a = newRunner(testShop(recordingSink('a', calls, hold)), 'a');
  const b = newRunner(testShop(recordingSink('b', calls, hold)), 'b');
  const both = Promise.all([a.tick(), b.tick()]);
  await inSink;
  // While one runner is inside the shop call, the other finds the connection taken.
  await b.tick();
  await a.tick();
  release();
  await both;
  const runnersSeen = new Set(calls.map((c) => c.runner));
  t.equal(runnersSeen.size, 1, `one runner did the work (${[...runnersSeen].join(', ')})`);
  t.same(
    [...sentCount(calls).values()],
    skus.map(() => 1),
    'every product sent once',
  );
  const runs = await repositories.runs.list('lease-1', { limit: 5 });
  t.equal(runs.length, 1);
  t.equal(runs[0]?.attempts, 1, 'nobody else opened the run');
});

t.test('switching product sync off abandons the open run and drops the schedule', async (t) => {
  await createConnection('off-1', settings);
  const calls: Call[] = [];
  const runner = newRunner(
    testShop(
      recordingSink('a', calls, (attempt) => {
        if (attempt === 2) throw new Error('shop down');
      }),
    ),
    'a',
  );
  await runner.tick();
  await repositories.settings.write('off-1', { ...settings, direction: 'off' });
  await repositories.schedules.requestRun('off-1', 600, false);
  await runner.tick();
  const [run] = await repositories.runs.list('off-1', { limit: 1 });
  t.equal(run?.status, 'abandoned');
  t.equal(await repositories.schedules.find('off-1'), undefined);
});

t.test('a shutdown stops the run after the chunk under way; another runner resumes it', async (t) => {
  await createConnection('stop-1', settings);
  const calls: Call[] = [];
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let entered = () => {};
  const inSink = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const first = newRunner(
    testShop(
      recordingSink('first', calls, async (attempt) => {
        if (attempt === 2) {
          entered();
          await gate;
        }
      }),
    ),
    'first',
  );
  const ticking = first.tick();
  await inSink;
  const stopping = first.stop();
  release();
  await ticking;
  await stopping;
  t.same(
    calls.map((c) => c.skus),
    [
      ['ART-01', 'ART-02'],
      ['ART-03', 'ART-04'],
    ],
    'the chunk under way finished',
  );
  const [open] = await repositories.runs.list('stop-1', { limit: 1 });
  t.match(open, { status: 'running', chunkIndex: 2 }, 'and was recorded');
  const schedule = await repositories.schedules.find('stop-1');
  t.equal(schedule?.leaseOwner, null, 'the connection is free at once');
  t.equal(schedule?.consecutiveFailures, 0, 'a shutdown is no failure');

  await newRunner(testShop(recordingSink('second', calls)), 'second').tick();
  t.same(
    [...sentCount(calls).values()],
    skus.map(() => 1),
    'every product sent once across both runners',
  );
  const [done] = await repositories.runs.list('stop-1', { limit: 1 });
  t.match(done, { id: open?.id, status: 'completed', attempts: 2, productsSent: 9 });
});
