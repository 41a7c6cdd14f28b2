/** The shared source suite's product-sink check over the Mijnwebwinkel connector and its simulator. */
import type { CatalogProduct } from '@koppel/connector-sdk';
import { runSourceConformance } from '@koppel/connector-sdk/testing';
import { buildMijnwebwinkelSimulator } from '@koppel/sim-mijnwebwinkel';
import t from 'tap';
import { mijnwebwinkelConnector } from '../src/index.js';

function product(index: number): CatalogProduct {
  return {
    sku: `CONF-${index}`,
    ean: `871234500010${index}`,
    name: `Mok ${index}`,
    priceGrossMinor: 1295,
    currency: 'EUR',
    vatRateBp: 2100,
    categories: [['Keuken']],
    images: [],
    characteristics: {},
    priceGroups: {},
    variants: [],
    active: true,
    changedAt: new Date('2026-11-30T10:00:00Z'),
  };
}

async function startProductSink() {
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
  return {
    connection: {
      settings: { apiBaseUrl: url },
      credentials,
      wrongCredentials: { apiToken: 'wrong' },
      close: () => sim.app.close(),
    },
    product,
    nameOf: async (sku: string) => sim.holder.state.articles.find((s) => s.article.sku === sku)?.article.name,
    count: async () => sim.holder.state.articles.length,
  };
}

t.test('Mijnwebwinkel passes the product-sink part of the source suite', async (t) => {
  await runSourceConformance(t, { connector: mijnwebwinkelConnector, webhookFixtures: [], startProductSink });
});
