/**
 * The write-back consumer of one source connector, for any source with a `writeBack`:
 * `orders.booked` in (every target's bookings; records of other sources are skipped), the
 * connector's write-back through its source sessions (one per connection, cached), retries and
 * dead letters by the shared pipeline consumer. Started by the source's poller deployable
 * (`runSourcePoller`) and by the embedded mode.
 */
import type { AnySourceConnector } from '@koppel/connector-sdk';
import type { SessionOptions } from '@koppel/connector-registry';
import { topics } from '@koppel/contracts';
import type { ConnectionRepository } from '@koppel/db';
import type { RetryPolicy, Subscription } from '@koppel/kafka';
import { startPipelineConsumer } from '../pipeline-consumer.js';
import type { PipelineStageDeps } from '../run-consumer-deployable.js';
import { createWriteBackHandler } from './write-back-handler.js';
import { measuredSessionCache } from '../measured-session-options.js';

type Log = (obj: object, msg: string) => void;

export type SourceWriteBackDeps = Omit<PipelineStageDeps, 'log'> & {
  log: { info: Log; warn: Log; error: Log };
  /** Opens the source side's sealed credentials. */
  connections: ConnectionRepository;
  retry?: RetryPolicy;
  /** Timeout, fetch and clock of the source sessions (the registry's defaults when absent). */
  session?: SessionOptions;
};

/** Starts consuming `orders.booked` for the connector; resolves `undefined` if it does not write back. */
export async function startSourceWriteBack(
  connector: AnySourceConnector,
  deps: SourceWriteBackDeps,
): Promise<Subscription | undefined> {
  if (!connector.writeBack) return undefined;
  await deps.bus.ensureTopics([topics.ordersBooked], deps.topicPrefix);
  const sessions = measuredSessionCache(connector, 'source', 'write-back', deps);
  const handler = createWriteBackHandler({
    connector,
    sessionFor: (connectionId) => sessions.sessionFor(connectionId),
    journey: deps.journey,
    log: deps.log,
  });
  return startPipelineConsumer({
    bus: deps.bus,
    journey: deps.journey,
    metrics: deps.metrics,
    topicPrefix: deps.topicPrefix,
    log: deps.log,
    retry: deps.retry,
    stage: `write-back.${connector.system}`,
    source: topics.ordersBooked,
    groupId: `koppel-write-back-${connector.system}`,
    handler,
  });
}
