/**
 * The pipeline on real Kafka and Postgres with a myShop connection: the myShop simulator (the
 * primary poll's source) and the Asperion simulator in permissive mode as the target, so
 * "booked once" is Koppel's doing, counted in the target.
 * On pipeline-harness.ts.
 */

import { createPollScheduleRepository } from '@koppel/db';
import { buildAsperionSimulator } from '@koppel/sim-asperion';
import { buildMyshopSimulator } from '@koppel/sim-myshop';
import { asperionTarget, countAsperionDocuments, startPipelineHarness } from './pipeline-harness.js';

export const MYSHOP_SHOP = '24680';
const PRIVATE_KEY = 'e2e-private-key';

export async function startMyshopFixture() {
  const harness = await startPipelineHarness();
  const asperion = buildAsperionSimulator({ rateLimit: false, permissive: true });
  const asperionUrl = await harness.listen(asperion.app);
  const myshop = buildMyshopSimulator({
    shops: [{ number: MYSHOP_SHOP, privateKey: PRIVATE_KEY }],
    changeTimeGranularity: 'day',
  });
  const myshopUrl = await harness.listen(myshop.app);
  // myShop sends no webhooks: the connection's secret is one nobody knows.
  const { connectionId } = await harness.createConnection({
    name: 'E2E myShop → Asperion',
    sourceSystem: 'myshop',
    sourceSettings: {
      shopNumber: MYSHOP_SHOP,
      rpcBaseUrl: `${myshopUrl}/RPC`,
      polling: { enabled: true, intervalSeconds: 5 },
    },
    sourceCredentials: { privateKey: PRIVATE_KEY },
    ...asperionTarget(asperion, asperionUrl),
  });
  const schedules = createPollScheduleRepository(harness.database.db);
  return {
    myshop,
    asperion,
    connectionId,
    schedules,
    journey: (externalOrderId: string) => harness.journey.list(connectionId, externalOrderId),
    /** Invoices in the target with this document number (the permissive target would keep two). */
    invoicesNumbered: (number: string) => countAsperionDocuments(asperion, number),
    close: () => harness.close(),
  };
}
export type MyshopFixture = Awaited<ReturnType<typeof startMyshopFixture>>;
