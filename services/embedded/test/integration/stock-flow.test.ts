/**
 * Stock end to end on real Kafka and Postgres through the composed pipeline: the MplusKASSA
 * simulator's stock (amountFree of branch 1) reaches the Mijnwebwinkel simulator's article stock,
 * a change at the till follows through Mplus's change feed, and a web order (which the shop takes
 * off its own stock, and Koppel books at the till) never makes the shop show more than the till
 * can still sell.
 */
import { createStockSettingsRepository } from '@koppel/db';
import { buildMijnwebwinkelSimulator } from '@koppel/sim-mijnwebwinkel';
import { buildMplusSimulator, MPLUS_DEFAULT_CREDENTIALS } from '@koppel/sim-mplus';
import t from 'tap';
import { eventually } from '../support/eventually.js';
import { startPipelineHarness } from '../support/pipeline-harness.js';

const STORE_TOKEN = 'mww-stock-token';
const PARTNER_TOKEN = 'mww-stock-partner';
const SKU = '100301';

const harness = await startPipelineHarness({ name: 'stock' });
t.teardown(() => harness.close());
const mplus = buildMplusSimulator({ rateLimit: false });
const mplusUrl = await harness.listen(mplus.app);
const shop = buildMijnwebwinkelSimulator({
  tokens: [{ token: STORE_TOKEN, partnerToken: PARTNER_TOKEN, partnerName: 'Koppel', active: true }],
  rateLimit: null,
});
const shopUrl = await harness.listen(shop.app);

async function control(app: typeof mplus.app, method: 'POST' | 'PUT', url: string, payload: object) {
  const response = await app.inject({ method, url, payload });
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json() as unknown;
}
await control(mplus.app, 'POST', '/_control/products', {
  products: [
    {
      productNumber: 1,
      description: 'Webshop',
      articles: [
        { articleNumber: Number(SKU), description: 'Theepot Blauw', price: 2495, vatCode: 2 },
        { articleNumber: 999, description: 'Verzendkosten', price: 0, vatCode: 2, stockArticle: false },
        { articleNumber: 998, description: 'Afronding', price: 0, vatCode: 2, stockArticle: false },
      ],
    },
  ],
});
const setTillStock = (quantity: number) =>
  control(mplus.app, 'PUT', '/_control/stock', {
    rows: [{ branchNumber: 1, articleNumber: Number(SKU), quantity, mode: 'set' }],
  });
await setTillStock(12);
await control(shop.app as unknown as typeof mplus.app, 'POST', '/_control/articles', {
  name: 'Theepot Blauw',
  categories: [{ id: 1, name: 'Thee' }],
  sku: SKU,
  price: { default: '24.95' },
  stock: 0,
});
const shopStock = () => shop.articles.find({ sku: SKU })?.article.stock;
/** When the reader last completed a read of the connection (its schedule row). */
const lastReadAt = async (id: string) => {
  const row = await harness.database.db
    .selectFrom('stock_read_schedules')
    .select('last_read_at')
    .where('connection_id', '=', id)
    .executeTakeFirst();
  return row?.last_read_at ? new Date(row.last_read_at).getTime() : 0;
};

const { connectionId } = await harness.createConnection({
  name: 'E2E Mijnwebwinkel → MplusKASSA stock',
  sourceSystem: 'mijnwebwinkel',
  sourceSettings: { apiBaseUrl: shopUrl, polling: { enabled: true, intervalSeconds: 1 } },
  sourceCredentials: { apiToken: STORE_TOKEN, partnerToken: PARTNER_TOKEN },
  targetSystem: 'mplus',
  settings: {
    apiUrl: mplusUrl,
    taxCodes: [
      { vatRateBp: 2100, vatCode: 2 },
      { vatRateBp: 900, vatCode: 1 },
      { vatRateBp: 0, vatCode: 3 },
    ],
    shippingArticleNumber: 999,
    roundingArticleNumber: 998,
    defaultDeliveryMethod: 'BEZORGEN_MET_AUTO',
  },
  credentials: { ...MPLUS_DEFAULT_CREDENTIALS },
});
await createStockSettingsRepository(harness.database.db).save(connectionId, {
  enabled: true,
  warehouses: ['1'],
  changeIntervalSeconds: 1,
});
for (const reader of harness.pipeline.stock.readers) reader.syncSoon();

t.test("the till's free stock reaches the shop's article", async (t) => {
  // The first reading waits for the stock consumer group to form on fresh topics: slow under CI load.
  await eventually('the shop at 12', () => (shopStock() === 12 ? true : undefined), 60_000);
  t.equal(shopStock(), 12);
});

t.test('a stock count at the till follows through the change feed', async (t) => {
  await setTillStock(9);
  await eventually('the shop at 9', () => (shopStock() === 9 ? true : undefined), 30_000);
  t.pass('the shop shows the counted stock');
});

t.test('a web order never leaves the shop above what the till can still sell', async (t) => {
  let highest = 0;
  const sampler = setInterval(() => {
    highest = Math.max(highest, shopStock() ?? 0);
  }, 10);
  t.teardown(() => clearInterval(sampler));
  const order = (await control(shop.app as unknown as typeof mplus.app, 'POST', '/_control/orders', {
    debtor: {
      email: 'stock@example.nl',
      invoice: {
        name: 'Klaas Klant',
        street: 'Dorpsstraat',
        number: '12',
        zipcode: '1234AB',
        city: 'Utrecht',
      },
    },
    lines: [{ type: 'article', sku: SKU, quantity: 2 }],
    payment_status: 'captured',
  })) as { number: number };
  t.equal(shopStock(), 7, 'the shop took the sale off its own stock');
  highest = 7;
  // Koppel polls the order, maps it and holds its 2 units until the till has booked it: the till
  // still shows 9 free (or 7 once booked), and the shop must stay at 7 either way.
  await eventually(
    'the order held',
    () =>
      harness.database.db
        .selectFrom('stock_order_holds')
        .select('units')
        .where('connection_id', '=', connectionId)
        .where('external_order_id', '=', String(order.number))
        .executeTakeFirst(),
    30_000,
  );
  // Reads at least two change intervals (1 s) after the hold began.
  const heldAt = Date.now();
  await eventually(
    'two more reads of the till',
    async () => ((await lastReadAt(connectionId)) > heldAt + 2000 ? true : undefined),
    30_000,
  );
  await eventually('the last push settled', async () => {
    const row = await harness.database.db
      .selectFrom('stock_applied')
      .select('status')
      .where('connection_id', '=', connectionId)
      .where('sku', '=', SKU)
      .executeTakeFirst();
    return row?.status === 'updated' ? true : undefined;
  });
  clearInterval(sampler);
  t.equal(shopStock(), 7, 'in step with what the till can sell');
  t.equal(highest, 7, 'never above it');
  const report = await harness.database.db
    .selectFrom('stock_applied')
    .select(['status', 'pushed_quantity'])
    .where('connection_id', '=', connectionId)
    .where('sku', '=', SKU)
    .executeTakeFirst();
  t.equal(report?.status, 'updated');
});
