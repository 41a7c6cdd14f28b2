/**
 * Keeps a consumer's group membership alive while one record's handler runs. kafkajs only
 * heartbeats between records of `eachBatch` when told to, so a slow target call longer than the
 * session timeout (30 s) would otherwise get the consumer evicted and its partition - with the
 * same record - handed to another worker while the first still writes to the target.
 * https://kafka.js.org/docs/consuming#a-name-each-batch-a-eachbatch
 */
export async function withKeepAlive<T>(
  heartbeat: () => Promise<void>,
  intervalMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const timer = setInterval(() => {
    // A failed heartbeat means a rebalance is under way; kafkajs marks the batch stale and the
    // loop stops after this record. Nothing to do here but not crash the process.
    heartbeat().catch(() => {});
  }, intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
