/** The shared source suite's stock-sink check over the myShop connector and its simulator. */
import { runSourceConformance } from '@koppel/connector-sdk/testing';
import t from 'tap';
import { myshopConnector } from '../src/index.js';
import { connectionTo, SHOP, startSim } from './sim-connection.js';

async function startStockSink() {
  const running = await startSim();
  const quantityOf = async (sku: string) =>
    running.sim.ctx.state.shops.find((s) => s.number === SHOP)?.products.find((p) => p.sku === sku)?.stock;
  return {
    connection: { ...connectionTo(running.baseUrl), close: running.close },
    articles: [
      { sku: 'MOK-W', ean: '8712345678906' },
      { sku: 'THEE-1', ean: '8712345678913' },
    ],
    quantityOf,
  };
}

t.test('myShop passes the stock-sink part of the source suite', async (t) => {
  await runSourceConformance(t, { connector: myshopConnector, webhookFixtures: [], startStockSink });
});
