import type { LeaseFence } from '@koppel/db';

/** Renews one claim's lease in the schedule table; false once another holder may have it. */
export type RenewLease = (connectionId: string, leaseToken: string, leaseMs: number) => Promise<boolean>;

/** A lease held while working on a claimed connection. */
export type HeldLease = {
  /** True once the lease may be another holder's: the work must stop before any write. */
  lost(): boolean;
  /** Stops renewing (the work is over; the row's lease is freed by its complete or fail). */
  release(): void;
};

/**
 * Keeps a claim's lease while its work runs: renewed every third of `leaseMs` (so two renewals
 * may fail before it expires), and counted lost on the first renewal that is refused or fails.
 */
export function holdLease(renew: RenewLease, claim: LeaseFence, leaseMs: number): HeldLease {
  let lost = false;
  const timer = setInterval(
    () => {
      renew(claim.connectionId, claim.leaseToken, leaseMs).then(
        (held) => {
          lost ||= !held;
        },
        () => {
          lost = true;
        },
      );
    },
    Math.max(10, Math.floor(leaseMs / 3)),
  );
  return { lost: () => lost, release: () => clearInterval(timer) };
}
