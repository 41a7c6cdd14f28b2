/** The shared target conformance suite, run against the Mplus simulator. */
import { runTargetConformance } from '@koppel/connector-sdk/testing';
import { MPLUS_DEFAULT_CREDENTIALS } from '@koppel/sim-mplus';
import t from 'tap';
import { mplusConnector } from '../src/index.js';
import { makeCustomer, makeOrder, makeSettings } from './fixtures/order-fixtures.js';
import { startSimulator } from './fixtures/simulator-harness.js';

let next = 0;

await runTargetConformance(t, {
  connector: mplusConnector,
  async start() {
    const { sim, apiUrl } = await startSimulator({ permissive: true });
    return {
      settings: makeSettings({ apiUrl }),
      credentials: { ...MPLUS_DEFAULT_CREDENTIALS },
      wrongCredentials: { secret: 'not-the-secret' },
      close: () => sim.app.close(),
      stock: {
        scope: { warehouses: ['1'] },
        sku: '100237',
        async setOnHand(onHand: number) {
          const rows = [{ branchNumber: 1, articleNumber: 100237, quantity: onHand }];
          const res = await sim.app.inject({ method: 'PUT', url: '/_control/stock', payload: { rows } });
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
