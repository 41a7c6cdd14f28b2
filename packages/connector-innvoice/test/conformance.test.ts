/** The shared target conformance suite, run against the InnVoice simulator. */
import { runTargetConformance } from '@koppel/connector-sdk/testing';
import t from 'tap';
import { innvoiceConnector } from '../src/index.js';
import { makeCustomer, makeOrder, makeSettings } from './fixtures/order-fixtures.js';
import { CREDENTIALS, startSimulator } from './fixtures/simulator-harness.js';

let next = 0;

await runTargetConformance(t, {
  connector: innvoiceConnector,
  async start() {
    const { sim, baseUrl } = await startSimulator(t);
    return {
      settings: makeSettings({ apiBaseUrl: baseUrl, rateLimit: { requestsPerSecond: 50, burst: 50 } }),
      credentials: CREDENTIALS,
      wrongCredentials: { password: 'not-the-password' },
      close: () => sim.app.close(),
      stock: {
        scope: { warehouses: ['1'] },
        sku: 'BOOK-HU-01',
        async setOnHand(onHand: number) {
          const res = await sim.app.inject({
            method: 'PUT',
            url: '/_control/companies/koppeldemo/products/BOOK-HU-01/stock',
            payload: { warehouseId: 1, quantity: onHand },
          });
          if (res.statusCode !== 200) throw new Error(`setting stock failed: ${res.body}`);
        },
      },
    };
  },
  order() {
    next += 1;
    const order = makeOrder({ orderNumber: `C-${next}` });
    return { order, customer: makeCustomer(order) };
  },
});
