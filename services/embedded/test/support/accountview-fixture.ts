/**
 * The whole order pipeline on the real broker and a Postgres database of its own, from the
 * Shoprenter simulator's webhooks to the AccountView simulator (permissive: it refuses no
 * duplicate, so only Koppel keeps a retry from booking twice). On pipeline-harness.ts; the
 * AccountView connector is started here with a short request timeout, so a "succeed,
 * then time out" answer is retried within the test.
 */
import { accountviewConnector } from '@koppel/connector-accountview';
import type { createJourneyRepository } from '@koppel/db';
import {
  ACCOUNTVIEW_DEFAULT_CLIENT,
  ACCOUNTVIEW_DEFAULT_COMPANY,
  type AccountviewSimulator,
  buildAccountviewSimulator,
} from '@koppel/sim-accountview';
import { buildShoprenterSimulator, type ShoprenterSimulator } from '@koppel/sim-shoprenter';
import type { RunningPipeline } from '../../src/compose-pipeline.js';
import { registerShoprenterWebhooks, shoprenterSource, startPipelineHarness } from './pipeline-harness.js';

/** The connector's timeout of one request in these tests (ms): short, so a held answer times out fast. */
export const ACCOUNTVIEW_TEST_TIMEOUT_MS = 1500;

export type AccountviewFixture = {
  pipeline: RunningPipeline;
  shoprenter: ShoprenterSimulator;
  accountview: AccountviewSimulator;
  connectionId: string;
  webhookUrl: string;
  /** Adds another connection to the same AccountView (settings/credentials laid over the working ones). */
  addConnection(overrides: {
    settings?: Record<string, unknown>;
    credentials?: Record<string, unknown>;
  }): Promise<{ connectionId: string; webhookUrl: string }>;
  /** The AccountView company's tables (CONTACT, SO_HDR, SO_LINE, …) as the simulator stores them. */
  tables(): Record<string, Record<string, unknown>[]>;
  journey(
    connectionId: string,
    externalOrderId: string,
  ): ReturnType<ReturnType<typeof createJourneyRepository>['list']>;
  close(): Promise<void>;
};

export function accountviewSettings(apiBaseUrl: string): Record<string, unknown> {
  return {
    apiBaseUrl,
    companyId: ACCOUNTVIEW_DEFAULT_COMPANY.Id,
    documentType: 'sales-order',
    vatCodes: [
      { vatRateBp: 2100, vatCode: '2' },
      { vatRateBp: 900, vatCode: '1' },
      { vatRateBp: 0, vatCode: '0' },
    ],
    shippingArticleCode: 'SHIP',
    paymentFeeArticleCode: 'FEE',
    discountArticleCode: 'DISC',
    roundingArticleCode: 'ROUND',
    paymentMethods: [{ shopPaymentMethod: 'BANK_TRANSFER', paymentTermsCode: '14D' }],
    rateLimit: { requestsPerSecond: 200, burst: 100 },
  };
}

export async function startAccountviewFixture(): Promise<AccountviewFixture> {
  const harness = await startPipelineHarness({ name: 'accountview', withoutTargetConnectors: true });
  const accountview = buildAccountviewSimulator({ rateLimit: false, permissive: true });
  const accountviewUrl = await harness.listen(accountview.app);
  const seeded = await accountview.app.inject({
    method: 'POST',
    url: '/_control/companies/default/articles',
    payload: {
      rows: ['MUG-01', 'TEA-01', 'SHIP', 'FEE', 'DISC', 'ROUND'].map((code) => ({
        ART_CODE: code,
        ART_DESC1: code,
        PX_SELL: '1',
      })),
    },
  });
  if (seeded.statusCode >= 300) throw new Error(`seeding AccountView articles failed: ${seeded.body}`);
  await harness.startConnector(accountviewConnector, {
    retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 },
    requestTimeoutMs: ACCOUNTVIEW_TEST_TIMEOUT_MS,
  });
  const shoprenter = buildShoprenterSimulator({ rateLimit: false });
  const shoprenterUrl = await harness.listen(shoprenter.app);

  const mintRefreshToken = () => {
    const client = ACCOUNTVIEW_DEFAULT_CLIENT;
    const redirectUri = client.redirectUris[0] ?? '';
    const code = accountview.tokens.createCode(client.clientId, redirectUri, [
      'readaccountviewdata',
      'updateaccountviewdata',
    ]);
    const known = accountview.tokens.authenticateClient(client.clientId, client.clientSecret);
    return accountview.tokens.exchangeCode(known, code, redirectUri).refresh_token;
  };
  const addConnection: AccountviewFixture['addConnection'] = (overrides) =>
    harness.createConnection({
      name: 'E2E shop → AccountView',
      ...shoprenterSource(shoprenterUrl),
      targetSystem: 'accountview',
      settings: { ...accountviewSettings(`${accountviewUrl}/api/v3`), ...overrides.settings },
      credentials: {
        clientId: ACCOUNTVIEW_DEFAULT_CLIENT.clientId,
        clientSecret: ACCOUNTVIEW_DEFAULT_CLIENT.clientSecret,
        refreshToken: mintRefreshToken(),
        ...overrides.credentials,
      },
    });
  const { connectionId, webhookUrl } = await addConnection({});
  await registerShoprenterWebhooks(shoprenter, webhookUrl);

  return {
    pipeline: harness.pipeline,
    shoprenter,
    accountview,
    connectionId,
    webhookUrl,
    addConnection,
    tables: () => {
      const company = accountview.store.state().companies[0];
      if (!company) throw new Error('the AccountView simulator has no company');
      return company.tables;
    },
    journey: (id, externalOrderId) => harness.journey.list(id, externalOrderId),
    close: () => harness.close(),
  };
}
