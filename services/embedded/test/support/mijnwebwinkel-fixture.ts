import { createPollScheduleRepository } from '@koppel/db';
import { buildAsperionSimulator } from '@koppel/sim-asperion';
import { buildMijnwebwinkelSimulator, type MijnwebwinkelSimulator } from '@koppel/sim-mijnwebwinkel';
import { asperionTarget, countAsperionDocuments, startPipelineHarness } from './pipeline-harness.js';

const STORE_TOKEN = 'mww-store-token';
const PARTNER_TOKEN = 'mww-partner-token';

/**
 * The whole pipeline on real Kafka and Postgres with the Mijnwebwinkel simulator as the (polled)
 * source and the Asperion simulator, permissive, as the target (on pipeline-harness.ts): it would take a second invoice
 * with the same number, so "booked once" is Koppel's doing.
 */
export async function startMijnwebwinkelFixture(options: { rules?: Record<string, unknown> } = {}) {
  const harness = await startPipelineHarness();
  const asperion = buildAsperionSimulator({ rateLimit: false, permissive: true });
  const asperionUrl = await harness.listen(asperion.app);
  const shop: MijnwebwinkelSimulator = buildMijnwebwinkelSimulator({
    tokens: [{ token: STORE_TOKEN, partnerToken: PARTNER_TOKEN, partnerName: 'Koppel', active: true }],
    rateLimit: null,
  });
  const shopUrl = await harness.listen(shop.app);
  // Mijnwebwinkel sends no webhooks: the connection's secret is one nobody knows.
  const { connectionId } = await harness.createConnection({
    name: 'E2E Mijnwebwinkel → Asperion',
    rules: options.rules ?? {},
    sourceSystem: 'mijnwebwinkel',
    sourceSettings: { apiBaseUrl: shopUrl, polling: { enabled: true, intervalSeconds: 1 } },
    sourceCredentials: { apiToken: STORE_TOKEN, partnerToken: PARTNER_TOKEN },
    ...asperionTarget(asperion, asperionUrl),
  });
  const schedules = createPollScheduleRepository(harness.database.db);
  return {
    shop,
    asperion,
    connectionId,
    schedules,
    journey: (externalOrderId: string) => harness.journey.list(connectionId, externalOrderId),
    /** Invoices in the Asperion simulator with this number (the simulator's own count). */
    invoiceCount: (number: string) => countAsperionDocuments(asperion, number),
    async placeOrder(body: Record<string, unknown> = {}): Promise<number> {
      const response = await shop.app.inject({
        method: 'POST',
        url: '/_control/orders',
        payload: {
          debtor: {
            email: 'klant@example.nl',
            invoice: {
              name: 'Klaas Klant',
              street: 'Dorpsstraat',
              number: '12a',
              zipcode: '1234AB',
              city: 'Utrecht',
            },
          },
          lines: [
            { type: 'custom', description: 'Theepot', unit_price: '24.95', rate: '21.00' },
            { type: 'custom', description: 'Verzendkosten', unit_price: '4.95', rate: '21.00' },
          ],
          ...body,
        },
      });
      if (response.statusCode !== 201) throw new Error(`the shop refused the order: ${response.body}`);
      return (response.json() as { number: number }).number;
    },
    async changeOrder(number: number, change: Record<string, unknown>): Promise<void> {
      const response = await shop.app.inject({
        method: 'PATCH',
        url: `/_control/orders/${number}`,
        payload: change,
      });
      if (response.statusCode !== 200) throw new Error(`the shop refused the change: ${response.body}`);
    },
    close: () => harness.close(),
  };
}

export type MijnwebwinkelFixture = Awaited<ReturnType<typeof startMijnwebwinkelFixture>>;
