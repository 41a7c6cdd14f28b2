import {
  createDeliveryLedgerRepository,
  type createJourneyRepository,
  type DatabaseHandle,
} from '@koppel/db';
import type { MessageBus } from '@koppel/kafka';
import { type AsperionSimulator, buildAsperionSimulator } from '@koppel/sim-asperion';
import { buildShoprenterSimulator, type ShoprenterSimulator } from '@koppel/sim-shoprenter';
import type { RunningPipeline } from '../../src/compose-pipeline.js';
import {
  asperionTarget,
  registerShoprenterWebhooks,
  shoprenterSource,
  startPipelineHarness,
} from './pipeline-harness.js';

export type PipelineFixture = {
  pipeline: RunningPipeline;
  database: DatabaseHandle;
  databaseUrl: string;
  bus: MessageBus;
  kafkaBrokers: string[];
  topicPrefix: string;
  credentialsKeyHex: string;
  shoprenter: ShoprenterSimulator;
  asperion: AsperionSimulator;
  asperionUrl: string;
  ingestUrl: string;
  connectionId: string;
  webhookUrl: string;
  invoices(): ReturnType<AsperionSimulator['state']>['administrations'][number]['salesInvoices'];
  debtors(): ReturnType<AsperionSimulator['state']>['administrations'][number]['debtors'];
  delivered(): Promise<number>;
  /** Makes the Shoprenter simulator lose its next `count` webhooks (they are never sent). */
  dropNextWebhooks(count: number): Promise<void>;
  journey(externalOrderId: string): ReturnType<ReturnType<typeof createJourneyRepository>['list']>;
  close(): Promise<void>;
};

/**
 * The whole order pipeline on the real broker and a real Postgres database of its own, with
 * topics under a unique prefix, the Shoprenter simulator sending webhooks to a listening ingest,
 * and the Asperion simulator as the target.
 */
export async function startPipelineFixture(
  options: {
    withoutTargetConnectors?: boolean;
    /** Turn the Shoprenter reconciliation poll on (every 5 s) with the simulator's OAuth client. */
    polling?: boolean;
    /**
     * The Asperion simulator accepts duplicate invoice numbers (default), so "booked once" is
     * Koppel's doing and a double booking shows in the count; false = the vendor's own refusal.
     */
    permissiveTarget?: boolean;
    /** Retry policy of the target connectors (default: 8 attempts, 100 ms doubling to 2 s). */
    deliveryRetry?: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
    /** Timeout of one request to the target (default 30 s; the "succeed, then time out" test shortens it). */
    targetRequestTimeoutMs?: number;
    rules?: Record<string, unknown>;
    /** Keep the Asperion simulator's own rate limit (default: off, so bulk tests run fast). */
    asperionRateLimit?: boolean;
    /** The connector's client-side limit per connection (default 500/s, burst 100). */
    connectorRateLimit?: { requestsPerSecond: number; burst: number };
    /** Format of the Shoprenter webhooks (Shoprenter offers both per webhook parameter). */
    webhookType?: 'json' | 'xml';
  } = {},
): Promise<PipelineFixture> {
  const harness = await startPipelineHarness({
    withoutTargetConnectors: options.withoutTargetConnectors,
    deliveryRetry: options.deliveryRetry,
    targetRequestTimeoutMs: options.targetRequestTimeoutMs,
  });
  const asperion = buildAsperionSimulator({
    ...(options.asperionRateLimit ? {} : { rateLimit: false }),
    permissive: options.permissiveTarget ?? true,
  });
  const asperionUrl = await harness.listen(asperion.app);
  const shoprenter = buildShoprenterSimulator({ rateLimit: false });
  const shoprenterUrl = await harness.listen(shoprenter.app);
  const { connectionId, webhookUrl } = await harness.createConnection({
    name: 'E2E shop → Asperion',
    rules: options.rules ?? {},
    ...shoprenterSource(shoprenterUrl, options.polling ?? false),
    ...asperionTarget(asperion, asperionUrl, options.connectorRateLimit),
  });
  await registerShoprenterWebhooks(shoprenter, webhookUrl, { type: options.webhookType ?? 'json' });

  const admin = () => {
    const first = asperion.state().administrations[0];
    if (!first) throw new Error('the Asperion simulator has no administration');
    return first;
  };
  const ledger = createDeliveryLedgerRepository(harness.database.db);
  return {
    pipeline: harness.pipeline,
    database: harness.database,
    databaseUrl: harness.databaseUrl,
    bus: harness.bus,
    kafkaBrokers: harness.kafkaBrokers,
    topicPrefix: harness.topicPrefix,
    credentialsKeyHex: harness.credentialsKeyHex,
    shoprenter,
    asperion,
    asperionUrl,
    ingestUrl: harness.ingestUrl,
    connectionId,
    webhookUrl,
    invoices: () => admin().salesInvoices,
    debtors: () => admin().debtors,
    delivered: () => ledger.countDelivered(connectionId),
    async dropNextWebhooks(count) {
      shoprenter.dropNextWebhooks({ count });
    },
    journey: (externalOrderId) => harness.journey.list(connectionId, externalOrderId),
    close: () => harness.close(),
  };
}
