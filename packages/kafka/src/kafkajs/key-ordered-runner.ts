/**
 * Runs tasks concurrently, at most `limit` at once, while tasks of the same key run one after
 * another in submission order. A failed task fails the later tasks of its key without running
 * them (they must not overtake it). `submit` waits for a free slot, so a caller looping over a
 * batch is held back instead of queueing the whole batch in memory.
 */
export type KeyOrderedRunner = {
  submit(key: string, task: () => Promise<void>): Promise<void>;
  /** Waits until every submitted task settled; rejects with the first failure, if any. */
  drain(): Promise<void>;
  /** True once a task failed (callers stop submitting). */
  readonly failed: boolean;
};

export function createKeyOrderedRunner(limit: number): KeyOrderedRunner {
  const tails = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();
  let firstError: { error: unknown } | undefined;

  return {
    async submit(key, task) {
      while (running.size >= limit) await Promise.race(running).catch(() => {});
      const previous = tails.get(key) ?? Promise.resolve();
      const run = previous.then(task);
      tails.set(key, run);
      const tracked = run.then(
        () => {},
        (error: unknown) => {
          firstError ??= { error };
        },
      );
      const settled = tracked.finally(() => {
        running.delete(settled);
        if (tails.get(key) === run) tails.delete(key);
      });
      running.add(settled);
    },
    async drain() {
      while (running.size > 0) await Promise.all(running);
      if (firstError) throw firstError.error;
    },
    get failed() {
      return firstError !== undefined;
    },
  };
}
