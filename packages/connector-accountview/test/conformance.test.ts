/** The shared target conformance suite, run against the AccountView simulator. */
import { runTargetConformance } from '@koppel/connector-sdk/testing';
import { ACCOUNTVIEW_DEFAULT_COMPANY } from '@koppel/sim-accountview';
import t from 'tap';
import { accountviewConnector } from '../src/index.js';
import { makeCustomer, makeOrder, makeSettings } from './fixtures/order-fixtures.js';
import { startSimulator } from './fixtures/simulator-harness.js';

let next = 0;

await runTargetConformance(t, {
  connector: accountviewConnector,
  async start() {
    const av = await startSimulator({ permissive: true });
    return {
      settings: makeSettings({ apiBaseUrl: av.apiBaseUrl, companyId: ACCOUNTVIEW_DEFAULT_COMPANY.Id }),
      credentials: av.credentials,
      wrongCredentials: { clientSecret: 'not-the-secret' },
      close: av.close,
      stock: {
        scope: { warehouses: [] },
        sku: 'BOOK-1',
        async setOnHand(onHand: number) {
          const res = await av.sim.app.inject({
            method: 'PUT',
            url: '/_control/companies/default/stock',
            payload: { rows: [{ artCode: 'BOOK-1', quantity: onHand }] },
          });
          if (res.statusCode !== 200) throw new Error(`setting stock failed: ${res.body}`);
        },
      },
    };
  },
  order() {
    next += 1;
    const order = makeOrder({ orderNumber: `C-${next}`, email: `conformance-${next}@example.nl` });
    return { order, customer: makeCustomer(order) };
  },
});
