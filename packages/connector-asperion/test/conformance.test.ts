/** The shared target conformance suite, run against the Asperion simulator. */
import type { AddressInfo } from 'node:net';
import { runTargetConformance } from '@koppel/connector-sdk/testing';
import { buildAsperionSimulator, DEFAULT_CLIENT, DEFAULT_USER_ID } from '@koppel/sim-asperion';
import t from 'tap';
import { asperionConnector } from '../src/index.js';
import { makeCredentials, makeCustomer, makeOrder, makeSettings } from './fixtures/order-fixtures.js';

let next = 0;

await runTargetConformance(t, {
  connector: asperionConnector,
  async start() {
    const sim = buildAsperionSimulator({ rateLimit: false, permissive: true });
    await sim.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = sim.app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    const credentials = makeCredentials({
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: DEFAULT_CLIENT.clientSecret,
      refreshToken: sim.tokens.mintRefreshToken(DEFAULT_CLIENT.clientId, DEFAULT_USER_ID),
    });
    return {
      settings: makeSettings({ apiBaseUrl: baseUrl, identityBaseUrl: baseUrl }),
      credentials,
      wrongCredentials: { clientSecret: 'not-the-secret' },
      close: () => sim.app.close(),
      stock: {
        scope: { warehouses: [] },
        sku: 'BOOK-COOK-01',
        async setOnHand(onHand: number) {
          const res = await sim.app.inject({
            method: 'PUT',
            url: '/_control/articles/BOOK-COOK-01/stock',
            payload: { currentStock: onHand, reservedStock: 0 },
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
