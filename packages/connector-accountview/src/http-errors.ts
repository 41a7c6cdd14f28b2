/**
 * Transport failures and the HTTP statuses that mean "later", shared by the data API and its token endpoint,
 * as AppErrors: the classification is @koppel/connector-sdk's, the same for every vendor. The
 * delivery pipeline owns retries: retryable errors (timeouts, resets, 5xx, 429) are retried there
 * with backoff, the rest dead-lettered.
 */
import { readJson, targetTransientStatusError, targetTransportError } from '@koppel/connector-sdk';
import type { AppError } from '@koppel/errors';

export { readJson };

/** fetch threw: timeout (AbortSignal.timeout), refused or reset connection, DNS failure. */
export function transportError(error: unknown, what: string, timeoutMs: number): AppError {
  return targetTransportError('AccountView', error, what, timeoutMs);
}

/** 429 and 5xx, the statuses that mean "later", or undefined for any other status. */
export function transientStatusError(response: Response, what: string): AppError | undefined {
  return targetTransientStatusError('AccountView', response, what);
}
