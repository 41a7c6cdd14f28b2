/**
 * Group commit for single-row writes: the writes asked for in one turn of the event loop leave
 * together as one multi-row statement (one round trip) instead of one each, and while a statement
 * is in flight, the writes that arrive wait and leave together after it. A caller still resolves
 * only once its own row is committed, so callers see exactly what a single-row write gives them;
 * the consumers of a batch (records of different keys running concurrently) thereby share round
 * trips without changing any handler.
 *
 * The first statement waits for the turn to end (`setImmediate`: the records of a poll that start
 * together ask together) rather than leaving at once with one row: with PGlite, which runs a
 * statement without yielding, nothing could join a statement in flight, so nothing was grouped.
 *
 * Writes leave in call order (a row written after another, across callers, gets a later id) and
 * one statement is in flight at a time. If a multi-row statement fails, each of its writes is
 * tried alone, so one bad row fails only its own caller.
 */
export type GroupWriter<In, Out> = (item: In) => Promise<Out>;

type Pending<In, Out> = { item: In; resolve: (value: Out) => void; reject: (error: unknown) => void };

export type GroupWriterOptions = {
  /** Most rows in one statement (default 500; Postgres takes at most 65,535 parameters). */
  maxRows?: number;
};

/**
 * `writeMany` writes the items in one statement and answers one result per item, in order.
 */
export function createGroupWriter<In, Out>(
  writeMany: (items: In[]) => Promise<Out[]>,
  options: GroupWriterOptions = {},
): GroupWriter<In, Out> {
  const maxRows = options.maxRows ?? 500;
  let pending: Pending<In, Out>[] = [];
  let flushing = false;

  async function writeAlone(entry: Pending<In, Out>): Promise<void> {
    try {
      const [result] = await writeMany([entry.item]);
      entry.resolve(result as Out);
    } catch (error) {
      entry.reject(error);
    }
  }

  async function flush(): Promise<void> {
    flushing = true;
    try {
      while (pending.length > 0) {
        const batch = pending.slice(0, maxRows);
        pending = pending.slice(batch.length);
        if (batch.length === 1) {
          const only = batch[0];
          if (only) await writeAlone(only);
          continue;
        }
        let results: Out[] | undefined;
        try {
          results = await writeMany(batch.map((entry) => entry.item));
        } catch {
          // One row may be at fault (a value the column refuses): each is tried on its own.
          for (const entry of batch) await writeAlone(entry);
          continue;
        }
        for (const [index, entry] of batch.entries()) entry.resolve(results[index] as Out);
      }
    } finally {
      flushing = false;
    }
  }

  let scheduled = false;
  const flushAfterTurn = () => {
    scheduled = false;
    if (!flushing) void flush();
  };

  return (item: In) =>
    new Promise<Out>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (!flushing && !scheduled) {
        scheduled = true;
        setImmediate(flushAfterTurn);
      }
    });
}
