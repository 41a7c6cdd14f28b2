import { createAsperionConnector } from '@koppel/connector-asperion';
import { topics } from '@koppel/contracts';
import {
  type ConnectionRepository,
  createDebtorBindingRepository,
  createDeliveryLedgerRepository,
  type Database,
  type JourneyRepository,
} from '@koppel/db';
import type { MessageBus, RetryPolicy, Subscription } from '@koppel/kafka';
import { startPipelineConsumer } from '@koppel/service-kit';
import type { ServiceMetrics } from '@koppel/telemetry';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { createSessionCache } from './adapters/session-cache.js';
import { createDeliveryRequestHandler } from './consumers/delivery-request-handler.js';

export type AsperionConnectorServiceDeps = {
  bus: MessageBus;
  db: Kysely<Database>;
  connections: ConnectionRepository;
  journey: JourneyRepository;
  metrics: ServiceMetrics;
  topicPrefix: string;
  log: FastifyBaseLogger;
  retry?: RetryPolicy;
  requestTimeoutMs?: number;
  /** Client-side limit per connection; the connector's default (4/s, burst 8) when absent. */
  rateLimit?: { requestsPerSecond: number; burst: number };
};

/** Starts consuming deliveries.asperion; stop() commits what was processed. */
export function startAsperionConnector(deps: AsperionConnectorServiceDeps): Promise<Subscription> {
  const connector = createAsperionConnector({
    onRefreshTokenRotated: (connectionId, refreshToken) =>
      deps.connections.mergeCredentials(connectionId, { refreshToken }),
    ...(deps.requestTimeoutMs ? { requestTimeoutMs: deps.requestTimeoutMs } : {}),
    ...(deps.rateLimit ? { rateLimit: deps.rateLimit } : {}),
  });
  const handler = createDeliveryRequestHandler({
    connector,
    sessions: createSessionCache(connector, deps.connections),
    stores: {
      ledger: createDeliveryLedgerRepository(deps.db),
      bindings: createDebtorBindingRepository(deps.db),
      journey: deps.journey,
    },
    metrics: deps.metrics,
  });
  return startPipelineConsumer({
    ...deps,
    stage: 'delivery.asperion',
    source: topics.deliveriesAsperion,
    groupId: 'koppel-connector-asperion',
    handler,
  });
}
