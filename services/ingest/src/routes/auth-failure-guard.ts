import type { AuthFailureRepository } from '@koppel/db';
import { AppError } from '@koppel/errors';
import { ingestErrors } from '../errors.js';

/** How many wrong secrets or signatures are tolerated, shared by every ingest replica. */
export type AuthFailurePolicy = {
  /** Failures one source address may have per window. */
  perAddress: number;
  /**
   * Failures one connection may have per window, from any address. Higher than per address:
   * while a connection is blocked its shop's own webhooks are refused too (the shop retries).
   */
  perConnection: number;
  /** Window length, in seconds; a blocked caller waits for its end (Retry-After). */
  windowSeconds: number;
};

export const DEFAULT_AUTH_FAILURE_POLICY: Readonly<AuthFailurePolicy> = Object.freeze({
  perAddress: 10,
  perConnection: 50,
  windowSeconds: 300,
});

/** The rejections that count as a failed authentication. */
const AUTH_FAILURE_CODES = new Set(['WEBHOOK_SECRET_INVALID', 'WEBHOOK_SIGNATURE_INVALID']);

export type AuthFailureGuard = {
  /**
   * Runs `authenticate` unless the address or connection used up its failures (429 with
   * Retry-After, before the credential is even looked at, so a blocked guess learns nothing);
   * a wrong secret or signature is counted and rethrown.
   */
  check(address: string, connectionId: string, authenticate: () => Promise<void>): Promise<void>;
};

export function createAuthFailureGuard(
  failures: AuthFailureRepository | undefined,
  policy: AuthFailurePolicy,
): AuthFailureGuard {
  if (!failures) return { check: (_address, _connectionId, authenticate) => authenticate() };
  const scopes = (address: string, connectionId: string) => ({
    address: `ingest:address:${address}`,
    connection: `ingest:connection:${connectionId}`,
  });
  return {
    async check(address, connectionId, authenticate) {
      const scope = scopes(address, connectionId);
      const retryAfter = await failures.blockedFor([
        { scope: scope.address, maxFailures: policy.perAddress },
        { scope: scope.connection, maxFailures: policy.perConnection },
      ]);
      if (retryAfter !== undefined) throw ingestErrors.tooManyAuthFailures(retryAfter);
      try {
        await authenticate();
      } catch (error) {
        if (error instanceof AppError && AUTH_FAILURE_CODES.has(error.code)) {
          await failures.recordFailure([scope.address, scope.connection], policy.windowSeconds);
        }
        throw error;
      }
    },
  };
}
