/**
 * The shared source conformance suite over the myShop connector: the primary poll against the
 * myShop simulator on a real port (rpc id handshake, sha1 pk, export XML), and the check telling
 * the working private key from a wrong one. myShop has no webhooks, so no webhook fixtures.
 */
import { runSourceConformance } from '@koppel/connector-sdk/testing';
import t from 'tap';
import { myshopConnector } from '../src/index.js';
import { companyOrder, connectionTo, placeOrder, startSim } from './sim-connection.js';

async function startPolled(orders: number) {
  const running = await startSim();
  for (let index = 0; index < orders; index += 1) await placeOrder(running.sim, companyOrder(index));
  // An aborted checkout is in the export too; it must not count as a placed order.
  await placeOrder(running.sim, { ...companyOrder(99), aborted: true });
  return { ...connectionTo(running.baseUrl), close: running.close };
}

t.test('myShop passes the source conformance suite', async (t) => {
  await runSourceConformance(t, { connector: myshopConnector, webhookFixtures: [], startPolled });
});
