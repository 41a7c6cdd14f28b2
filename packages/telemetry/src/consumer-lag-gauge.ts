import { Gauge, type Registry } from 'prom-client';

/** Records of one partition a consumer group has not committed yet. */
export type ConsumerLagSample = { group: string; topic: string; partition: number; lag: number };

/** Reads the lag of the groups a process consumes (`createConsumerLagReader` of @koppel/kafka). */
export type ConsumerLagSource = () => Promise<ConsumerLagSample[]>;

/** A scrape never waits longer than this for the broker; a slow answer leaves the gauge empty. */
const LAG_READ_TIMEOUT_MS = 2_000;

/**
 * `koppel_consumer_lag_records{group,topic,partition}`, read from the broker at scrape time
 * from every source watched (the runtime watches its bus's subscriptions). Several replicas of
 * one deployable report the same group: dashboards take `max by (group, topic, partition)`.
 */
export function createConsumerLagGauge(registry: Registry) {
  const sources = new Set<ConsumerLagSource>();
  new Gauge({
    name: 'koppel_consumer_lag_records',
    help: 'Records of a partition not yet committed by the consumer group (high watermark minus committed offset)',
    labelNames: ['group', 'topic', 'partition'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const source of sources) {
        const samples = await withTimeout(source(), LAG_READ_TIMEOUT_MS).catch(() => []);
        for (const sample of samples) {
          this.set(
            { group: sample.group, topic: sample.topic, partition: String(sample.partition) },
            sample.lag,
          );
        }
      }
    },
  });
  return {
    /** Reports this source's lag on every scrape until the returned function is called. */
    watchConsumerLag(source: ConsumerLagSource): () => void {
      sources.add(source);
      return () => sources.delete(source);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`consumer lag read timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
