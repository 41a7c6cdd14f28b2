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
    };
  },
  order() {
    next += 1;
    const order = makeOrder({ orderNumber: `C-${next}`, email: `conformance-${next}@example.nl` });
    return { order, customer: makeCustomer(order) };
  },
});
