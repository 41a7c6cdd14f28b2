/**
 * Product sync end to end with real connectors on both sides, each against its simulator over
 * HTTP, on a real Postgres: the InnVoice catalogue (`GET /{company}/product`) goes through the
 * runner into Shoprenter through its real product sink. With "update product information" off,
 * a product the shop owner renamed keeps its name and only takes the new price from the books;
 * switched on later, the information the shop has not taken yet is sent.
 */
import { randomBytes } from 'node:crypto';
import { innvoiceConnector } from '@koppel/connector-innvoice';
import { shoprenterConnector } from '@koppel/connector-shoprenter';
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
import { buildInnvoiceSimulator, INNVOICE_DEFAULT_CREDENTIALS } from '@koppel/sim-innvoice';
import { buildShoprenterSimulator } from '@koppel/sim-shoprenter';
import { createMetricsRegistry } from '@koppel/telemetry';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import t from 'tap';
import { startProductSync } from '../../src/index.js';

const infra = await resolveInfrastructure();
const isolated = await createIsolatedDatabase(infra.databaseUrl);
const database = createPostgresDatabase(isolated.url);
await migrateToLatest(database.db);
const connections = createConnectionRepository(database.db, createCredentialCipher(randomBytes(32)));
const repositories = {
  settings: createProductSettingsRepository(database.db),
  schedules: createProductSyncScheduleRepository(database.db),
  runs: createProductSyncRunRepository(database.db),
  items: createProductSyncItemRepository(database.db),
};

const books = buildInnvoiceSimulator({ rateLimit: false });
const booksUrl = (await books.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
const CLIENT = { clientId: 'koppel-products', clientSecret: 'koppel-products-secret' };
const OWNER = { clientId: 'shop-owner', clientSecret: 'shop-owner-secret' };
const shop = buildShoprenterSimulator({
  shopName: 'hu-shop',
  clients: [
    { ...CLIENT, scopes: ['products'] },
    { ...OWNER, scopes: ['products'] },
  ],
  rateLimit: false,
});
const shopUrl = (await shop.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');

const runner = startProductSync(shoprenterConnector, {
  connections,
  ...repositories,
  metrics: createMetricsRegistry('product-sync-e2e'),
  log: { info() {}, warn() {} },
  findTarget: (system) => (system === innvoiceConnector.system ? innvoiceConnector : undefined),
  instanceId: 'e2e',
  tickMs: 3_600_000,
  scheduleSyncMs: 0,
  session: { requestTimeoutMs: 5000 },
});

t.teardown(async () => {
  await runner.stop();
  await books.app.close();
  await shop.app.close();
  await database.close();
  await isolated.drop();
});

/** The shop owner's own REST call. */
const owner = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) => {
  const res = await shop.app.inject({
    method,
    url: `/api${url}`,
    headers: { authorization: `Bearer ${shop.issueToken(OWNER.clientId)}`, accept: 'application/json' },
    ...(payload === undefined ? {} : { payload }),
  });
  return res.json() as Record<string, unknown>;
};
const shopProduct = (sku: string) => shop.state().products.find((p) => p.sku === sku);

await connections.create({
  id: 'hu-books-to-shop',
  tenantId: 'tenant-hu',
  name: 'InnVoice catalogue into Shoprenter',
  sourceSystem: shoprenterConnector.system,
  targetSystem: innvoiceConnector.system,
  webhookSecretHash: hashWebhookSecret('secret'),
  ipAllowlist: [],
  rules: {},
  settings: { apiBaseUrl: booksUrl, company: 'koppeldemo', invoicePadId: 1 },
  credentials: {
    username: INNVOICE_DEFAULT_CREDENTIALS.username,
    password: INNVOICE_DEFAULT_CREDENTIALS.password,
  },
  sourceSettings: { shopName: 'hu-shop', apiBaseUrl: shopUrl, oauthBaseUrl: shopUrl },
  sourceCredentials: CLIENT,
  active: true,
});
await repositories.settings.write('hu-books-to-shop', {
  direction: 'books-to-shop',
  updateProductInfo: false,
  chunkSize: 2,
});
// The wholesale price group of the books is a customer group in the shop.
await owner('POST', '/customerGroups', { name: 'Nagyker (nettó)' });

t.test(
  'the books’ catalogue lands in the shop; the owner’s enrichment survives a price change',
  async (t) => {
    await runner.tick();
    const [first] = await repositories.runs.list('hu-books-to-shop', { limit: 1 });
    t.match(
      first,
      { status: 'completed', productsSent: 3, productsRefused: 0, chunksSent: 2 },
      first?.lastError ?? '',
    );
    const mug = shopProduct('MUG-001');
    t.ok(mug, 'MUG-001 was created in the shop');
    t.equal(mug?.price, '2354.3307', '2990 Ft gross at 27 % is 2354.3307 net');
    const items = await repositories.items.list('hu-books-to-shop', { limit: 10 });
    t.same(
      items.map((i) => [i.sku, i.outcome, i.shopProductId !== null]),
      [
        ['BOOK-HU-01', 'created', true],
        ['MUG-001', 'created', true],
        ['TSHIRT-BLK-M', 'created', true],
      ],
    );

    // The owner gives the mug a better name in the shop; the books rename it and raise its price.
    const language = ((await owner('GET', '/languages?full=1')).items as { id: string }[])[0]?.id;
    const mugId = items.find((i) => i.sku === 'MUG-001')?.shopProductId;
    await owner('PUT', `/productExtend/${mugId}`, {
      productDescriptions: [{ name: 'Kézműves bögre', language: { id: language } }],
    });
    const changed = await books.app.inject({
      method: 'POST',
      url: '/_control/companies/koppeldemo/products',
      payload: {
        products: [
          {
            sku: 'MUG-001',
            name: 'Bögre (új név)',
            vatLabel: '27%',
            prices: [{ priceGroupId: 1, amount: 3810 }],
          },
        ],
      },
    });
    t.equal(changed.statusCode, 201);
    await repositories.schedules.requestRun('hu-books-to-shop', 600, false);
    await runner.tick();
    const [second] = await repositories.runs.list('hu-books-to-shop', { limit: 1 });
    t.match(second, { status: 'completed', productsSent: 1, productsSkipped: 2 }, 'only the mug went out');
    t.equal(shopProduct('MUG-001')?.price, '3000.0000', 'the new price (3810 Ft gross)');
    t.equal(shopProduct('MUG-001')?.name, 'Kézműves bögre', 'the owner’s name is kept');
    const [mugItem] = (await repositories.items.list('hu-books-to-shop', { limit: 10 })).filter(
      (i) => i.sku === 'MUG-001',
    );
    t.equal(mugItem?.outcome, 'price-and-stock-only');

    // Switching "update product information" on sends the information the shop has not taken yet.
    await repositories.settings.write('hu-books-to-shop', {
      direction: 'books-to-shop',
      updateProductInfo: true,
      chunkSize: 2,
    });
    await repositories.schedules.requestRun('hu-books-to-shop', 600, false);
    await runner.tick();
    const [third] = await repositories.runs.list('hu-books-to-shop', { limit: 1 });
    t.match(third, { status: 'completed', productsSent: 1, productsSkipped: 2 }, 'only the mug again');
    t.equal(shopProduct('MUG-001')?.name, 'Bögre (új név)', 'now the books’ name wins');
  },
);
