/**
 * Keeps a database lease (delivery lease, debtor claim) alive while slow target calls run, and
 * checks it right before a target write. A heartbeat renews it every third of its length; a
 * renewal the database refuses (expired, or taken over with a new fence) marks it lost, and
 * `confirm` then throws, so the worker stops before writing. A heartbeat that fails for another
 * reason (database briefly away) is ignored: `confirm` asks the database again anyway.
 */
import type { AppError } from '@koppel/errors';

export type LeaseKeeper = {
  /** Renews the lease now; throws `lost()` when it is no longer this worker's. */
  confirm(): Promise<void>;
  /** Stops the heartbeat (idempotent). */
  stop(): void;
};

export function keepLease(renew: () => Promise<boolean>, leaseMs: number, lost: () => AppError): LeaseKeeper {
  let held = true;
  let beating = false;
  const timer = setInterval(
    () => {
      if (beating || !held) return;
      beating = true;
      renew()
        .then((ok) => {
          if (!ok) held = false;
        })
        .catch(() => {})
        .finally(() => {
          beating = false;
        });
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return {
    async confirm() {
      if (held) held = await renew();
      if (!held) throw lost();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
