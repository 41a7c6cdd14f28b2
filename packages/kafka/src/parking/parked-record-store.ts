/** Where a parked record came from and what it carries. */
export type ParkedRecordSource = {
  groupId: string;
  topic: string;
  partition: number;
  offset: string;
  key: string;
  value: Uint8Array;
  headers: Record<string, string>;
};

export type ParkedRecord = ParkedRecordSource & { id: string; attempts: number; lastError: string | null };

/** Failed attempts so far, the wait before the next one (database clock) and why it failed. */
export type ParkingState = { attempts: number; delayMs: number; lastError: string | null };

/**
 * Durable storage of records waiting out a long retry outside their partition (implemented by
 * `createParkedRecordRepository` of @koppel/db on the `parked_records` table). Only the oldest
 * record of a key is ever due, so a key's records are re-driven in order.
 */
export type ParkedRecordStore = {
  /** Commits the row before resolving; parking the same source offset twice keeps one row. */
  park(source: ParkedRecordSource, state: ParkingState): Promise<void>;
  hasParked(groupId: string, topic: string, key: string): Promise<boolean>;
  /** Due heads of key, at most one per key, leased for `leaseMs` (replicas skip locked rows). */
  claimDue(groupId: string, topic: string, limit: number, leaseMs: number): Promise<ParkedRecord[]>;
  reschedule(id: string, state: ParkingState): Promise<void>;
  remove(id: string): Promise<void>;
};

/** When a retry waits long enough to be parked instead of holding the partition. */
export type ParkingOptions = {
  store: ParkedRecordStore;
  /** A backoff above this (milliseconds) parks the record; any Retry-After parks it too. Default 2000. */
  parkAboveMs?: number;
  /** How often the re-driver looks for due records when it found none (milliseconds). Default 1000. */
  pollIntervalMs?: number;
  /** Due records re-driven at once (one per key). Default 16. */
  batchSize?: number;
  /** How long a claimed record stays invisible to other replicas (milliseconds). Default 300 000. */
  leaseMs?: number;
};
