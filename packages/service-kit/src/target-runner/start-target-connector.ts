/**
 * The consumer of one target connector deployable, for any target: `deliveries.<system>` in,
 * orders booked through the connector's sessions (one per connection, cached), retries and
 * dead letters by the shared pipeline consumer.
 */
import type { AnyTargetConnector } from '@koppel/connector-sdk';
import { createSessionCache, type SessionOptions } from '@koppel/connector-registry';
import { deliveryTopicFor } from '@koppel/contracts';
import {
  type ConnectionRepository,
  createConnectionPauseRepository,
  createDebtorBindingRepository,
  createDeliveryLedgerRepository,
  createParkedRecordRepository,
  createTargetRateBucketRepository,
  type Database,
} from '@koppel/db';
import type { RetryPolicy, Subscription } from '@koppel/kafka';
import type { Kysely } from 'kysely';
import { startPipelineConsumer } from '../pipeline-consumer.js';
import type { PipelineStageDeps } from '../run-consumer-deployable.js';
import { createBookingLatencyRecorder } from './booking-latency.js';
import { createDeliveryRequestHandler } from './delivery-request-handler.js';
import { measuredSessionOptions } from '../measured-session-options.js';

export type TargetConnectorDeps = PipelineStageDeps & {
  db: Kysely<Database>;
  /** Opens the target side's sealed credentials and saves rotated ones. */
  connections: ConnectionRepository;
  retry?: RetryPolicy;
  /** Timeout of one request to the target in milliseconds (the registry's default, 30 000, when absent). */
  requestTimeoutMs?: number;
  /** HTTP and clock of the sessions; Node's fetch and Date.now when absent (tests wrap them). */
  fetch?: SessionOptions['fetch'];
  /**
   * True (the default): one rate-limit bucket per connection in Postgres, shared by every replica.
   * False: each session's bucket in memory, for a process that is its targets' one caller (embedded).
   */
  sharedRateBuckets?: boolean;
};

/** Starts consuming the connector's delivery topic; stop() commits what was processed. */
export async function startTargetConnector(
  connector: AnyTargetConnector,
  deps: TargetConnectorDeps,
): Promise<Subscription> {
  const source = deliveryTopicFor(connector.system);
  // The runtime ensures only the core topics; this deployable's own topic is ensured here, so a
  // new target needs no change to the runtime (idempotent when delivery created it already).
  await deps.bus.ensureTopics([source], deps.topicPrefix);
  const sessions = createSessionCache(
    connector,
    deps.connections,
    'target',
    // Every call to the target measured (latency, status, 429 waits) and traced.
    measuredSessionOptions(
      {
        requestTimeoutMs: deps.requestTimeoutMs,
        // One rate-limit bucket per connection in Postgres, shared by every replica (issue 14).
        ...(deps.sharedRateBuckets === false
          ? {}
          : { rateBuckets: createTargetRateBucketRepository(deps.db) }),
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      },
      { system: connector.system, operation: 'delivery', metrics: deps.metrics },
    ),
  );
  const handler = createDeliveryRequestHandler({
    connector,
    sessionFor: (connectionId) => sessions.sessionFor(connectionId),
    stores: {
      ledger: createDeliveryLedgerRepository(deps.db),
      bindings: createDebtorBindingRepository(deps.db),
      journey: deps.journey,
    },
    metrics: deps.metrics,
    bus: deps.bus,
    topicPrefix: deps.topicPrefix,
    // A paused connection's orders wait here, parked, before any call to the target.
    pausedSince: createConnectionPauseRepository(deps.db).pausedSince,
    recordBooked: createBookingLatencyRecorder(deps.db, deps.metrics, connector.system),
  });
  return startPipelineConsumer({
    bus: deps.bus,
    journey: deps.journey,
    metrics: deps.metrics,
    topicPrefix: deps.topicPrefix,
    log: deps.log,
    retry: deps.retry,
    stage: `delivery.${connector.system}`,
    source,
    groupId: `koppel-connector-${connector.system}`,
    handler,
    // A target that is down for minutes must not hold up the other connections on its
    // partitions: long retries wait in Postgres (per order key, in order), not in the consumer.
    parking: { store: createParkedRecordRepository(deps.db) },
  });
}
