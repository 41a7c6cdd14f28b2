/** The shared source conformance suite, run against the Mplus simulator's till orders (getOrders). */
import { runSourceConformance } from '@koppel/connector-sdk/testing';
import { MPLUS_DEFAULT_CREDENTIALS } from '@koppel/sim-mplus';
import t from 'tap';
import { mplusSourceConnector } from '../src/index.js';
import { startSimulator } from './fixtures/simulator-harness.js';
import { placeTillOrder, seedRelation } from './fixtures/till-orders.js';

await runSourceConformance(t, {
  connector: mplusSourceConnector,
  webhookFixtures: [],
  async startPolled(orders) {
    const { sim, apiUrl } = await startSimulator();
    const relation = await seedRelation(sim, 'anna@example.nl');
    for (let i = 0; i < orders; i += 1) await placeTillOrder(sim, relation);
    return {
      settings: { apiUrl },
      credentials: { ...MPLUS_DEFAULT_CREDENTIALS },
      wrongCredentials: { secret: 'not-the-secret' },
      close: () => sim.app.close(),
    };
  },
});
