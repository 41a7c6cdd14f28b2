import { runSourceConformance } from '@koppel/connector-sdk/testing';
import t from 'tap';
import { mijnwebwinkelConnector } from '../src/index.js';
import { PARTNER_TOKEN, placeOrder, STORE_TOKEN, startSimulator } from './support/simulator.js';

await runSourceConformance(t, {
  connector: mijnwebwinkelConnector,
  webhookFixtures: [],
  async startPolled(orders) {
    const sim = await startSimulator();
    for (let i = 0; i < orders; i += 1) await placeOrder(sim);
    return {
      settings: { apiBaseUrl: sim.url },
      credentials: { apiToken: STORE_TOKEN, partnerToken: PARTNER_TOKEN },
      wrongCredentials: { partnerToken: 'someone-elses-partner-token' },
      close: () => sim.app.close(),
    };
  },
});
