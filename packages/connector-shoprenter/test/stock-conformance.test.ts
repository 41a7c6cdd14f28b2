/** The shared source suite's stock-sink check over the Shoprenter connector and its simulator. */
import type { AddressInfo } from 'node:net';
import { runSourceConformance } from '@koppel/connector-sdk/testing';
import { buildShoprenterSimulator } from '@koppel/sim-shoprenter';
import t from 'tap';
import { shoprenterConnector } from '../src/index.js';

async function startStockSink() {
  const client = { clientId: 'conf-client', clientSecret: 'conf-secret' };
  const sim = buildShoprenterSimulator({ shopName: 'conf', clients: [{ ...client, scopes: [] }] });
  await sim.app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(sim.app.server.address() as AddressInfo).port}`;
  const articles = [1, 2, 3].map((i) => ({ sku: `CONF-${i}`, ean: `599000000000${i}` }));
  sim.seedProducts(articles.map((a) => ({ sku: a.sku, gtin: a.ean, name: a.sku, taxRate: '27' })));
  return {
    connection: {
      settings: { shopName: 'conf', apiBaseUrl: baseUrl, oauthBaseUrl: baseUrl },
      credentials: client,
      wrongCredentials: { clientSecret: 'wrong' },
      close: () => sim.app.close(),
    },
    articles,
    quantityOf: async (sku: string) => sim.state().products.find((p) => p.sku === sku)?.stock1,
  };
}

t.test('Shoprenter passes the stock-sink part of the source suite', async (t) => {
  await runSourceConformance(t, { connector: shoprenterConnector, webhookFixtures: [], startStockSink });
});
