/**
 * The stock sink of one shop connector deployable (a shop system with `stockSink`): the consumer
 * of `stock.updated` that applies each update in Postgres (last write wins by source time), and
 * the pusher that brings applied updates into the shop in batches of the sink's `maxBatchSize`.
 * Started by the shop's deployable (`runSourcePoller`, `runConnector`) and by the embedded mode.
 */
import { hostname } from 'node:os';
import type { SessionOptions } from '@koppel/connector-registry';
import type { AnySourceConnector, StockSinkCapability } from '@koppel/connector-sdk';
import { topics } from '@koppel/contracts';
import {
  type ConnectionRepository,
  createStockAppliedRepository,
  createStockSettingsRepository,
  type Database,
  type JourneyRepository,
} from '@koppel/db';
import type { MessageBus, RetryPolicy } from '@koppel/kafka';
import type { ServiceMetrics } from '@koppel/telemetry';
import type { Kysely } from 'kysely';
import { startPipelineConsumer } from '../pipeline-consumer.js';
import type { BackoffOptions } from '../source-poller/poll-backoff.js';
import { createStockMetrics } from '../stock-reader/stock-metrics.js';
import { createStockApplyHandler } from './stock-apply-handler.js';
import { type StockPusher, startStockPusher } from './stock-pusher.js';
import { measuredSessionCache } from '../measured-session-options.js';

type Log = (obj: object, msg: string) => void;

export type StockSinkDeps = {
  db: Kysely<Database>;
  /** Opens the source side's sealed credentials. */
  connections: ConnectionRepository;
  bus: MessageBus;
  topicPrefix: string;
  journey: JourneyRepository;
  metrics: ServiceMetrics;
  log: { info: Log; warn: Log; error: Log };
  retry?: RetryPolicy;
  session?: SessionOptions;
  instanceId?: string;
  /** Pusher timing (tests shorten it). */
  pusher?: { tickMs?: number; leaseMs?: number; concurrency?: number; backoff?: BackoffOptions };
  /** Consumer group suffix (tests run two replicas of one group; default none). */
  groupId?: string;
};

export type StockSink = {
  /** The pusher, for tests that drive a round themselves. */
  pusher: StockPusher;
  stop(): Promise<void>;
};

/** Starts consuming `stock.updated` and pushing; undefined when the shop takes no stock. */
export async function startStockSink(
  connector: AnySourceConnector,
  deps: StockSinkDeps,
): Promise<StockSink | undefined> {
  const sink = connector.stockSink as StockSinkCapability<unknown> | undefined;
  if (!sink) return undefined;
  await deps.bus.ensureTopics([topics.stockUpdated], deps.topicPrefix);
  const sessions = measuredSessionCache(connector, 'source', 'stock-push', deps);
  const applied = createStockAppliedRepository(deps.db);
  const settings = createStockSettingsRepository(deps.db);
  const metrics = createStockMetrics(deps.metrics);
  const pusher = startStockPusher({
    system: connector.system,
    sink,
    sessionFor: (connectionId) => sessions.sessionFor(connectionId),
    applied,
    settings,
    journey: deps.journey,
    metrics,
    log: {
      info: (obj, msg) => deps.log.info(obj, msg ?? ''),
      warn: (obj, msg) => deps.log.warn(obj, msg ?? ''),
    },
    instanceId: deps.instanceId ?? hostname(),
    ...deps.pusher,
  });
  const subscription = await startPipelineConsumer({
    bus: deps.bus,
    journey: deps.journey,
    metrics: deps.metrics,
    topicPrefix: deps.topicPrefix,
    log: deps.log,
    retry: deps.retry,
    stage: `stock-sink.${connector.system}`,
    source: topics.stockUpdated,
    groupId: deps.groupId ?? `koppel-stock-sink-${connector.system}`,
    handler: createStockApplyHandler({
      system: connector.system,
      applied,
      settings,
      metrics,
      onApplied: () => pusher.wake(),
    }),
  });
  return {
    pusher,
    async stop() {
      // The consumer first (it commits what it applied), then the pusher finishes its batch.
      await subscription.stop();
      await pusher.stop();
    },
  };
}
