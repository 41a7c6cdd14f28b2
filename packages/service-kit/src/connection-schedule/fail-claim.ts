import type { JourneyRepository, LeaseFence } from '@koppel/db';
import type { AppError } from '@koppel/errors';
import { type BackoffOptions, pollBackoffSeconds } from '../source-poller/poll-backoff.js';

/** A claim as the schedule repositories hand it out: fenced by its token, with its failure count. */
type FailableClaim = LeaseFence & { consecutiveFailures: number };

type Log = { warn(obj: object, msg?: string): void };

/**
 * Records a failed attempt on a claim and frees it: the schedule is due again after the backoff
 * (`pollBackoffSeconds`: exponential, capped, at least the source's Retry-After). Returns that wait.
 */
export async function backOffClaim<C extends FailableClaim>(
  fail: (claim: C, error: string, backoffSeconds: number) => Promise<void>,
  claim: C,
  error: AppError,
  backoff: BackoffOptions,
): Promise<number> {
  const retryInSeconds = pollBackoffSeconds(error, claim.consecutiveFailures, backoff);
  await fail(claim, `${error.code}: ${error.message}`, retryInSeconds);
  return retryInSeconds;
}

/**
 * Journals a failed attempt under the runner's own external order id (so the admin API's journey
 * view of the connection shows it beside its orders) and logs it. A journal write that fails is
 * not a second failure: the schedule already holds the error.
 */
export async function journalClaimFailure(
  deps: { journey: JourneyRepository; log: Log },
  failure: {
    claim: FailableClaim;
    journeyOrderId: string;
    kind: string;
    system: string;
    error: AppError;
    retryInSeconds: number;
    /** More facts for the journey entry. */
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  const { claim, error, retryInSeconds } = failure;
  await deps.journey
    .record(claim.connectionId, failure.journeyOrderId, 'failed', {
      kind: failure.kind,
      system: failure.system,
      code: error.code,
      message: error.message,
      ...failure.detail,
      retryable: error.retryable,
      retryInSeconds,
      consecutiveFailures: claim.consecutiveFailures + 1,
    })
    .catch(() => {});
  deps.log.warn({ connectionId: claim.connectionId, code: error.code, retryInSeconds }, error.message);
}
