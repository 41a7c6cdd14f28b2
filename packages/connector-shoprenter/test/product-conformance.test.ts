/** The shared source suite's product-sink check over the Shoprenter connector and its simulator (3 requests/s on). */
import type { AddressInfo } from 'node:net';
import { runSourceConformance } from '@koppel/connector-sdk/testing';
import { buildShoprenterSimulator } from '@koppel/sim-shoprenter';
import t from 'tap';
import { shoprenterConnector } from '../src/index.js';
import { aProduct } from './product-sink-helpers.js';

async function startProductSink() {
  const client = { clientId: 'conf-client', clientSecret: 'conf-secret' };
  const sim = buildShoprenterSimulator({
    shopName: 'conf',
    clients: [{ ...client, scopes: [] }],
    rateLimit: { requests: 3, windowMs: 1000 },
  });
  await sim.app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(sim.app.server.address() as AddressInfo).port}`;
  return {
    connection: {
      settings: { shopName: 'conf', apiBaseUrl: baseUrl, oauthBaseUrl: baseUrl },
      credentials: client,
      wrongCredentials: { clientSecret: 'wrong' },
      close: () => sim.app.close(),
    },
    product: (index: number) =>
      aProduct({ sku: `CONF-${index}`, ean: `599000000010${index}`, name: `Termék ${index}`, images: [] }),
    nameOf: async (sku: string) => sim.state().products.find((p) => p.sku === sku)?.name,
    count: async () => sim.state().products.length,
  };
}

t.test('Shoprenter passes the product-sink part of the source suite', async (t) => {
  await runSourceConformance(t, { connector: shoprenterConnector, webhookFixtures: [], startProductSink });
});
