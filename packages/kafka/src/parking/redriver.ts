import type { ParkedRecord, ParkingOptions } from './parked-record-store.js';

export type Redriver = { stop(): Promise<void> };

export type RedriverOptions = {
  parking: ParkingOptions;
  groupId: string;
  topic: string;
  /** Handles one claimed record: re-runs it and removes, reschedules or dead-letters it. */
  redrive: (record: ParkedRecord) => Promise<void>;
  onError?: (error: unknown) => void;
};

/**
 * The loop that brings parked records back: claims due heads of key (one per key, so a key's
 * records go in order), re-drives them concurrently and looks again at once; sleeps a poll
 * interval when nothing is due. Replicas of the group run the same loop and share the rows
 * (`FOR UPDATE SKIP LOCKED`, lease on the row). A record whose re-drive throws stays leased and
 * comes back when the lease ends. `stop` waits for the re-drives under way.
 */
export function startRedriver(options: RedriverOptions): Redriver {
  const { store } = options.parking;
  const pollIntervalMs = options.parking.pollIntervalMs ?? 1000;
  const batchSize = options.parking.batchSize ?? 16;
  const leaseMs = options.parking.leaseMs ?? 300_000;
  let running = true;
  let wake: (() => void) | undefined;
  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    while (running) {
      try {
        const due = await store.claimDue(options.groupId, options.topic, batchSize, leaseMs);
        if (due.length === 0) {
          await idle(pollIntervalMs);
          continue;
        }
        const results = await Promise.allSettled(due.map((record) => options.redrive(record)));
        for (const result of results) if (result.status === 'rejected') options.onError?.(result.reason);
      } catch (error) {
        options.onError?.(error);
        if (running) await idle(pollIntervalMs);
      }
    }
  })();

  return {
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
