/** The shared source suite's stock-sink check over the Mijnwebwinkel connector and its simulator. */
import { runSourceConformance } from '@koppel/connector-sdk/testing';
import { buildMijnwebwinkelSimulator } from '@koppel/sim-mijnwebwinkel';
import t from 'tap';
import { mijnwebwinkelConnector } from '../src/index.js';

async function startStockSink() {
  const credentials = { apiToken: 'conf-token', partnerToken: 'conf-partner' };
  const sim = buildMijnwebwinkelSimulator({
    tokens: [
      {
        token: credentials.apiToken,
        partnerToken: credentials.partnerToken,
        partnerName: 'Koppel',
        active: true,
      },
    ],
  });
  const url = await sim.app.listen({ port: 0, host: '127.0.0.1' });
  const res = await sim.app.inject({
    method: 'POST',
    url: '/_control/articles',
    payload: {
      name: 'Shirt',
      categories: [{ id: 1 }],
      sku: 'CONF-1',
      extra: { invisible: { barcode: '8712345000001' } },
      variants: [{ id: 5, sku: 'CONF-1-M', extra: { invisible: { barcode: '8712345000002' } } }],
    },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  await sim.app.inject({
    method: 'POST',
    url: '/_control/articles',
    payload: { name: 'Mok', categories: [{ id: 1 }], sku: 'CONF-2' },
  });
  const quantityOf = async (sku: string) => {
    for (const { article } of sim.holder.state.articles) {
      if (article.sku === sku) return article.stock;
      const variant = article.variants.find((v) => v.sku === sku);
      if (variant) return variant.stock;
    }
    return undefined;
  };
  return {
    connection: {
      settings: { apiBaseUrl: url },
      credentials,
      wrongCredentials: { apiToken: 'wrong' },
      close: () => sim.app.close(),
    },
    articles: [
      { sku: 'CONF-1', ean: '8712345000001' },
      { sku: 'CONF-1-M', ean: '8712345000002' },
      { sku: 'CONF-2' },
    ],
    quantityOf,
  };
}

t.test('Mijnwebwinkel passes the stock-sink part of the source suite', async (t) => {
  await runSourceConformance(t, { connector: mijnwebwinkelConnector, webhookFixtures: [], startStockSink });
});
