/**
 * The three stock sinks of the stock bench, each with its simulator started in-process on a free
 * port (rate limit on as documented or, where the vendor documents none, as the simulator
 * assumes), a catalogue of `n` SKUs seeded through the simulator's own handles, and the lower
 * bound of a full sync that the rate limit allows.
 */
import type { AddressInfo } from 'node:net';
import type { SessionServices, StockSinkCapability } from '@koppel/connector-sdk';
import { mijnwebwinkelConnector } from '@koppel/connector-mijnwebwinkel';
import { myshopConnector } from '@koppel/connector-myshop';
import { shoprenterConnector } from '@koppel/connector-shoprenter';
import type { AnySourceConnector } from '@koppel/connector-sdk';
import { buildMijnwebwinkelSimulator } from '@koppel/sim-mijnwebwinkel';
import { buildMyshopSimulator } from '@koppel/sim-myshop';
import { buildShoprenterSimulator } from '@koppel/sim-shoprenter';

export type BenchShop = {
  sink: StockSinkCapability<unknown>;
  open(services: SessionServices): unknown;
  quantityOf(sku: string): Promise<number | null | undefined>;
  /** Seconds the documented (or assumed) rate limit needs at least for `n` SKUs; undefined: no limit. */
  lowerBoundSeconds(n: number): number | undefined;
  limitText: string;
  /** Whether a second full sync costs fewer requests (ids cached by the session). */
  warmDiffers: boolean;
  close(): Promise<void>;
};

const skuOf = (i: number) => `SKU-${String(i).padStart(6, '0')}`;

function opener(connector: AnySourceConnector, settings: unknown, credentials: unknown) {
  const open = connector.openSession;
  const sink = connector.stockSink;
  if (!open || !sink) throw new Error(`${connector.system} has no stock sink`);
  return {
    sink,
    open: (services: SessionServices) =>
      open(
        {
          connectionId: 'bench',
          tenantId: 'bench',
          settings: connector.settingsSchema.parse(settings),
          credentials: connector.credentialsSchema.parse(credentials),
        },
        services,
      ),
  };
}

export async function startShoprenter(n: number): Promise<BenchShop> {
  const client = { clientId: 'bench-client', clientSecret: 'bench-secret' };
  // Seeded through the API's own `/batch` (200 product creates per request) with the limit off,
  // then the documented 3 requests/s per app switched on through sim-kit's limiter (the same
  // fixed one-second window; its 429 also carries a Retry-After). The control seed checks every
  // SKU against every product, too slow for 100,000.
  const sim = buildShoprenterSimulator({
    shopName: 'bench',
    clients: [{ ...client, scopes: [] }],
    rateLimit: false,
  });
  const authorization = `Bearer ${sim.issueToken(client.clientId)}`;
  for (let from = 0; from < n; from += 200) {
    const requests = Array.from({ length: Math.min(200, n - from) }, (_, k) => ({
      method: 'POST',
      uri: '/api/products',
      data: { sku: skuOf(from + k), stock1: 0 },
    }));
    const res = await sim.app.inject({
      method: 'POST',
      url: '/api/batch',
      headers: { authorization, accept: 'application/json' },
      payload: { data: { requests } },
    });
    if (res.statusCode !== 200 || res.body.includes('"statusCode":"4'))
      throw new Error(`seeding failed: ${res.body.slice(0, 300)}`);
  }
  sim.kit.controlledRateLimit.setLimit({ requests: 3, windowMs: 1000 });
  await sim.app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(sim.app.server.address() as AddressInfo).port}`;
  return {
    ...opener(shoprenterConnector, { shopName: 'bench', apiBaseUrl: baseUrl, oauthBaseUrl: baseUrl }, client),
    quantityOf: async (sku) => sim.state().products.find((p) => p.sku === sku)?.stock1,
    // Documented: batches of at most 200 sub-requests, 3 requests per second.
    lowerBoundSeconds: (count) => Math.ceil(count / 200) / 3,
    limitText: '3 requests/s (documented), batches of 200',
    warmDiffers: true,
    close: () => sim.app.close(),
  };
}

export async function startMijnwebwinkel(n: number): Promise<BenchShop> {
  const credentials = { apiToken: 'bench-token', partnerToken: 'bench-partner' };
  const sim = buildMijnwebwinkelSimulator({
    tokens: [
      {
        token: credentials.apiToken,
        partnerToken: credentials.partnerToken,
        partnerName: 'Koppel',
        active: true,
      },
    ],
    rateLimit: { requests: 10, windowMs: 1000 },
  });
  for (let i = 0; i < n; i += 1) {
    sim.articles.create({ name: skuOf(i), categories: [{ id: 1, name: '' }], sku: skuOf(i), stock: 0 });
  }
  const url = await sim.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    ...opener(mijnwebwinkelConnector, { apiBaseUrl: url }, credentials),
    quantityOf: async (sku) => sim.articles.find({ sku })?.article.stock,
    // No batch endpoint: one PATCH per article, plus the catalogue read (100 a page), at 10/s.
    lowerBoundSeconds: (count) => (count + Math.ceil(n / 100)) / 10,
    limitText: "10 requests/s (not documented; the simulator's assumption), one PATCH per article",
    warmDiffers: false,
    close: () => sim.app.close(),
  };
}

export async function startMyshop(n: number): Promise<BenchShop> {
  const shopNumber = '12345';
  const privateKey = 'bench-key';
  const sim = buildMyshopSimulator({ shops: [{ number: shopNumber, privateKey }] });
  const shop = sim.ctx.state.shops[0];
  if (!shop) throw new Error('no shop');
  const now = new Date().toISOString();
  for (let i = 0; i < n; i += 1) {
    shop.products.push({
      productId: String(100_000 + i),
      sku: skuOf(i),
      ean: '',
      name: skuOf(i),
      stock: 0,
      changedAt: now,
    });
  }
  await sim.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = sim.app.server.address() as AddressInfo;
  return {
    ...opener(myshopConnector, { shopNumber, rpcBaseUrl: `http://127.0.0.1:${port}/RPC` }, { privateKey }),
    quantityOf: async (sku) => shop.products.find((p) => p.sku === sku)?.stock,
    lowerBoundSeconds: () => undefined,
    limitText: 'none documented; 100 products per stock/update_n call, 2 requests per call (rpc id + call)',
    warmDiffers: false,
    close: () => sim.app.close(),
  };
}
