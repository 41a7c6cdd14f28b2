/**
 * The whole order pipeline on the real broker and a Postgres database of its own, from the
 * Shoprenter simulator's webhooks to the MplusKASSA simulator in permissive mode (it accepts a
 * reused extOrderId, so only Koppel keeps a retry from booking twice). On
 * pipeline-harness.ts; the Mplus connector is started here, alone, and the connection sets a short
 * request timeout (`target.settings.requestTimeoutMs`), so a "succeed, then time out" answer is
 * retried within the test.
 */
import { mplusConnector } from '@koppel/connector-mplus';
import type { createJourneyRepository } from '@koppel/db';
import { buildMplusSimulator, MPLUS_DEFAULT_CREDENTIALS, type MplusSimulator } from '@koppel/sim-mplus';
import { buildShoprenterSimulator, type ShoprenterSimulator } from '@koppel/sim-shoprenter';
import type { RunningPipeline } from '../../src/compose-pipeline.js';
import { registerShoprenterWebhooks, shoprenterSource, startPipelineHarness } from './pipeline-harness.js';

/** The connector's timeout of one SOAP call in these tests (ms): short, so a held answer times out fast. */
export const MPLUS_TEST_TIMEOUT_MS = 1000;

export type MplusFixture = {
  pipeline: RunningPipeline;
  shoprenter: ShoprenterSimulator;
  mplus: MplusSimulator;
  connectionId: string;
  /**
   * Arms the sim-kit rule `{kind: 'succeed-then-timeout', method: 'POST', path: '/'}` at the
   * moment the connector sends its next createOrder: every SOAP call is `POST /`, so the rule is
   * put in place by the connector's fetch right before that one call goes out.
   */
  holdNextCreateOrder(): void;
  journey(externalOrderId: string): ReturnType<ReturnType<typeof createJourneyRepository>['list']>;
  /** Another connection to the same tenant, its credentials laid over the working ones. */
  addConnection(overrides: {
    credentials?: Record<string, unknown>;
  }): Promise<{ connectionId: string; webhookUrl: string }>;
  /** The journey of an order on any connection of the fixture. */
  journeyOf(
    connectionId: string,
    externalOrderId: string,
  ): ReturnType<ReturnType<typeof createJourneyRepository>['list']>;
  close(): Promise<void>;
};

/** Articles of demoOrder's SKUs (MUG-01, TEA-01 mapped by the connection's table) and shipping. */
const ARTICLES = [
  { articleNumber: 100236, description: 'Mug', price: 1500, vatCode: 2 },
  { articleNumber: 100237, description: 'Tea', price: 540, vatCode: 1 },
  { articleNumber: 999, description: 'Verzendkosten', price: 0, vatCode: 2 },
  { articleNumber: 998, description: 'Afronding', price: 0, vatCode: 2 },
];

export function mplusSettings(apiUrl: string): Record<string, unknown> {
  return {
    apiUrl,
    taxCodes: [
      { vatRateBp: 2100, vatCode: 2 },
      { vatRateBp: 900, vatCode: 1 },
      { vatRateBp: 0, vatCode: 3 },
    ],
    revenueAccounts: [{ turnoverGroup: 800 }],
    articleNumbers: { 'MUG-01': 100236, 'TEA-01': 100237 },
    deliveryMethods: { WSESHIP: 'BEZORGEN_MET_AUTO' },
    shippingArticleNumber: 999,
    roundingArticleNumber: 998,
    requestTimeoutMs: MPLUS_TEST_TIMEOUT_MS,
  };
}

export async function startMplusFixture(): Promise<MplusFixture> {
  const harness = await startPipelineHarness({ name: 'mplus', withoutTargetConnectors: true });
  const mplus = buildMplusSimulator({ rateLimit: false, permissive: true });
  const mplusUrl = await harness.listen(mplus.app);
  const seeded = await mplus.app.inject({
    method: 'POST',
    url: '/_control/products',
    payload: { products: [{ productNumber: 1, description: 'Webshop', articles: ARTICLES }] },
  });
  if (seeded.statusCode >= 300) throw new Error(`seeding Mplus articles failed: ${seeded.body}`);

  let armed = false;
  const connectorFetch = (input: string | URL, init?: RequestInit) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    if (armed && body.includes('<ns:createOrder>')) {
      armed = false;
      mplus.kit.faults.configure({
        rules: [{ kind: 'succeed-then-timeout', method: 'POST', path: '/', count: 1, holdMs: 5000 }],
      });
    }
    return fetch(input, init);
  };
  await harness.startConnector(mplusConnector, {
    retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 },
    fetch: connectorFetch,
  });
  const shoprenter = buildShoprenterSimulator({ rateLimit: false });
  const shoprenterUrl = await harness.listen(shoprenter.app);
  const addConnection = (overrides: { credentials?: Record<string, unknown> }) =>
    harness.createConnection({
      tenantId: 'tenant-e2e-mplus',
      name: 'E2E shop → MplusKASSA',
      ...shoprenterSource(shoprenterUrl),
      targetSystem: 'mplus',
      settings: mplusSettings(mplusUrl),
      credentials: { ...MPLUS_DEFAULT_CREDENTIALS, ...overrides.credentials },
    });
  const { connectionId, webhookUrl } = await addConnection({});
  await registerShoprenterWebhooks(shoprenter, webhookUrl, { events: ['order_confirm'] });

  return {
    pipeline: harness.pipeline,
    shoprenter,
    mplus,
    connectionId,
    holdNextCreateOrder: () => {
      armed = true;
    },
    journey: (externalOrderId) => harness.journey.list(connectionId, externalOrderId),
    addConnection,
    journeyOf: (id, externalOrderId) => harness.journey.list(id, externalOrderId),
    close: () => harness.close(),
  };
}
