/**
 * The offsets of one partition's batch that may be committed: records finish out of order when
 * different keys run concurrently, but a commit says "everything before this is done", so only
 * the contiguous finished prefix of the started records counts. Offsets must be started in
 * increasing order (as a batch delivers them); gaps between them (compaction) do not matter.
 */
export type OffsetTracker = {
  start(offset: string): void;
  /** Marks a record done; returns the new last offset of the finished prefix when it moved. */
  finish(offset: string): string | undefined;
  /** The last offset of the finished prefix, if any record finished since the tracker began. */
  readonly committable: string | undefined;
  /** Started records not finished yet. */
  readonly unfinished: number;
};

export function createOffsetTracker(): OffsetTracker {
  const started: string[] = [];
  const finished = new Set<string>();
  let head = 0;
  let committable: string | undefined;
  return {
    start(offset) {
      const last = started[started.length - 1];
      if (last !== undefined && BigInt(offset) <= BigInt(last)) {
        throw new Error(`offset ${offset} started after ${last}; offsets must increase`);
      }
      started.push(offset);
    },
    finish(offset) {
      finished.add(offset);
      const before = committable;
      while (head < started.length) {
        const next = started[head];
        if (next === undefined || !finished.has(next)) break;
        finished.delete(next);
        committable = next;
        head += 1;
      }
      return committable !== before ? committable : undefined;
    },
    get committable() {
      return committable;
    },
    get unfinished() {
      return started.length - head;
    },
  };
}
