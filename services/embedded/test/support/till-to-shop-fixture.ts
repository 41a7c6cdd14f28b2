/**
 * Till to shop on real Kafka and Postgres (on pipeline-harness.ts): the MplusKASSA simulator as
 * the polled source (`getOrders`), the Mijnwebwinkel simulator as the target (`POST /orders`).
 * The shop simulator takes any number of orders with the same till reference (a shop order has
 * no number uniqueness), so "created once" is Koppel's doing.
 */
import { buildMplusSimulator, MPLUS_DEFAULT_CREDENTIALS, type MplusSimulator } from '@koppel/sim-mplus';
import { buildMijnwebwinkelSimulator, type MijnwebwinkelSimulator } from '@koppel/sim-mijnwebwinkel';
import { createPollScheduleRepository } from '@koppel/db';
import { mijnwebwinkelTargetConnector } from '@koppel/connector-mijnwebwinkel';
import { startPipelineHarness } from './pipeline-harness.js';

const STORE_TOKEN = 'mww-store-token';
const PARTNER_TOKEN = 'mww-partner-token';
/** The shop's "Afgerond" status (the simulator's default list). */
const ORDER_STATUS = 4;

async function inject(app: MplusSimulator['app'], method: 'POST' | 'PUT', url: string, payload: unknown) {
  const response = await app.inject({ method, url, payload: payload as Record<string, unknown> });
  if (response.statusCode >= 300) throw new Error(`${method} ${url} refused: ${response.body}`);
  return response.json() as Record<string, unknown>;
}

async function seedTill(mplus: MplusSimulator): Promise<number> {
  await inject(mplus.app, 'POST', '/_control/products', {
    products: [
      {
        productNumber: 1,
        description: 'Winkel',
        articles: [
          { articleNumber: 100236, description: 'Mok', price: 1000, vatCode: 2 },
          { articleNumber: 100237, description: 'Thee', price: 540, vatCode: 1 },
        ],
      },
    ],
  });
  await inject(mplus.app, 'PUT', '/_control/vat-groups', {
    vatGroups: [
      { branchNumber: 1, vatCode: 1, vatPercentage: 9 },
      { branchNumber: 1, vatCode: 2, vatPercentage: 21 },
    ],
  });
  const body = await inject(mplus.app, 'POST', '/_control/relations', {
    relations: [
      {
        name: 'Anna de Vries',
        email: 'anna@example.nl',
        address: 'Kerkstraat 12',
        zipcode: '1234 AB',
        city: 'Utrecht',
        country: 'NL',
      },
    ],
  });
  const number = (body.relations as { relationNumber: number }[] | undefined)?.[0]?.relationNumber;
  if (number === undefined) throw new Error('no relation number');
  return number;
}

async function seedShop(shop: MijnwebwinkelSimulator): Promise<void> {
  for (const [sku, name, price] of [
    ['100236', 'Mok', '10.00'],
    ['100237', 'Thee', '5.40'],
  ] as const) {
    const response = await shop.app.inject({
      method: 'POST',
      url: '/_control/articles',
      payload: { name, sku, categories: [{ id: 1 }], price: { default: price } },
    });
    if (response.statusCode !== 201) throw new Error(`the shop refused article ${sku}: ${response.body}`);
  }
}

export async function startTillToShopFixture() {
  // Only the one target connector this flow uses (every target's consumer made the stop take ~25 s).
  const harness = await startPipelineHarness({ name: 'till-to-shop', withoutTargetConnectors: true });
  await harness.startConnector(mijnwebwinkelTargetConnector, {});
  const mplus = buildMplusSimulator({ rateLimit: false });
  const mplusUrl = await harness.listen(mplus.app);
  const relationNumber = await seedTill(mplus);
  const shop = buildMijnwebwinkelSimulator({
    tokens: [{ token: STORE_TOKEN, partnerToken: PARTNER_TOKEN, partnerName: 'Koppel', active: true }],
    rateLimit: null,
  });
  const shopUrl = await harness.listen(shop.app);
  await seedShop(shop);
  const { connectionId } = await harness.createConnection({
    name: 'E2E MplusKASSA → Mijnwebwinkel',
    sourceSystem: 'mplus',
    // 10 s is the shortest interval the Mplus source allows.
    sourceSettings: { apiUrl: `${mplusUrl}/`, polling: { enabled: true, intervalSeconds: 10 } },
    sourceCredentials: { ...MPLUS_DEFAULT_CREDENTIALS },
    targetSystem: 'mijnwebwinkel',
    settings: { apiBaseUrl: shopUrl, orderStatus: ORDER_STATUS },
    credentials: { apiToken: STORE_TOKEN, partnerToken: PARTNER_TOKEN },
  });
  const schedules = createPollScheduleRepository(harness.database.db);

  /** Shop orders (the simulator's own state) whose internal comment names this till reference. */
  async function shopOrders(reference: string): Promise<{ number: number; total: string }[]> {
    const state = (await shop.app.inject({ url: '/_control/state' })).json() as {
      orders: { order: { number: number; comments: { internal: string }; price: { total: string } } }[];
    };
    return state.orders
      .filter((o) => o.order.comments.internal.split('\n').includes(`Koppel: ${reference}`))
      .map((o) => ({ number: o.order.number, total: o.order.price.total }));
  }

  return {
    mplus,
    shop,
    connectionId,
    schedules,
    shopOrders,
    /** Every order in the shop simulator. */
    async shopOrderCount(): Promise<number> {
      return ((await shop.app.inject({ url: '/_control/state' })).json() as { orders: unknown[] }).orders
        .length;
    },
    journey: (externalOrderId: string) => harness.journey.list(connectionId, externalOrderId),
    /** A till sale: 3 mugs at € 10.00 and a tea at € 5.40 (incl. VAT), optionally with an extOrderId. */
    async takeTillOrder(extOrderId?: string): Promise<{ orderId: string; orderString: string }> {
      return (await inject(mplus.app, 'POST', '/_control/till-orders', {
        order: {
          ...(extOrderId ? { extOrderId } : {}),
          employeeNumber: 999999,
          entryBranchNumber: 1,
          workplaceNumber: 1,
          relationNumber,
          vatMethod: 'VAT-METHOD-INCLUSIVE',
          lineList: {
            line: [
              { articleNumber: 100236, text: 'Mok', data: { quantity: 3, price: 1000 } },
              { articleNumber: 100237, text: 'Thee', data: { quantity: 1, price: 540 } },
            ],
          },
        },
      })) as { orderId: string; orderString: string };
    },
    close: () => harness.close(),
  };
}

export type TillToShopFixture = Awaited<ReturnType<typeof startTillToShopFixture>>;
