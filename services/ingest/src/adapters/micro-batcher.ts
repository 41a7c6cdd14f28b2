/** What one item of a batch came to: its own value or its own error. */
export type BatchOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export type MicroBatcherOptions<T, R> = {
  /**
   * Runs one batch and returns one outcome per item, in the items' order. A rejection fails
   * every item of the batch with that error.
   */
  run: (items: readonly T[]) => Promise<readonly BatchOutcome<R>[]>;
  /** Most items one run gets (bounds a statement's parameters); the rest wait for the next run. */
  maxBatchSize?: number;
};

type Waiting<T, R> = { item: T; resolve: (value: R) => void; reject: (error: unknown) => void };

/**
 * Lets concurrent callers share one round trip, as the producer's group commit does
 * (`@koppel/kafka`, kafkajs/group-commit.ts) and the journey repository's (`@koppel/db`
 * group-writer.ts, not exported by the package; this one can give way to it once it is): items submitted within one event-loop turn, or
 * while the previous run is in flight, go out together in the next run. Each caller awaits its
 * own outcome. Runs leave one after another, so items keep their submission order.
 */
export function createMicroBatcher<T, R>(options: MicroBatcherOptions<T, R>): (item: T) => Promise<R> {
  const maxBatchSize = options.maxBatchSize ?? 250;
  let queue: Waiting<T, R>[] = [];
  let busy = false;

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatchSize);
        queue = queue.slice(batch.length);
        await settle(batch);
      }
    } finally {
      busy = false;
    }
  }

  async function settle(batch: Waiting<T, R>[]): Promise<void> {
    let outcomes: readonly BatchOutcome<R>[];
    try {
      outcomes = await options.run(batch.map((waiting) => waiting.item));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, index) => {
      const outcome = outcomes[index];
      if (!outcome) waiting.reject(new Error(`the batch returned no outcome for item ${index}`));
      else if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (busy) return;
      busy = true;
      // setImmediate, not a microtask: requests whose bytes arrived in the same poll phase join in.
      setImmediate(() => void drain());
    });
}

/** Runs `one` for each item on its own, concurrently, collecting outcomes (a failed batch's fallback). */
export async function settleEach<T, R>(
  items: readonly T[],
  one: (item: T) => Promise<R>,
): Promise<BatchOutcome<R>[]> {
  const settled = await Promise.allSettled(items.map((item) => one(item)));
  return settled.map((result) =>
    result.status === 'fulfilled' ? { ok: true, value: result.value } : { ok: false, error: result.reason },
  );
}
