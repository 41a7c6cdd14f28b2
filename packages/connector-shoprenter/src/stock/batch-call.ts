/**
 * One `POST /batch` through the session's client (so its 3 requests/s limiter and token are
 * shared with every other call of the shop). The answer is HTTP 200 even when sub-requests fail,
 * so each sub-request's `statusCode` is read here: 429 and 5xx make the whole call retryable
 * (setting a quantity is idempotent), 404 is left to the caller, any other 4xx is a rejection.
 * https://doc.shoprenter.hu/development/api/04_batch.html
 */
import { classifyStatus } from '@koppel/connector-sdk';
import { shoprenterErrors } from '../errors.js';
import type { ShoprenterSession } from '../poll-orders.js';
import { apiBaseUrlOf } from '../settings.js';
import { type BatchSubResponse, batchAnswerSchema } from './batch-schemas.js';

/** Documented: at most 200 sub-requests per batch (04_batch.md; README.md "Stock"). */
export const MAX_BATCH_REQUESTS = 200;

export type SubRequest = { method: 'GET' | 'PUT'; path: string; data?: Record<string, unknown> };

/** Sends the sub-requests (at most 200) and answers their responses in the same order. */
export async function callBatch(
  session: ShoprenterSession,
  requests: readonly SubRequest[],
): Promise<BatchSubResponse[]> {
  if (requests.length === 0) return [];
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw new RangeError(`a Shoprenter batch takes at most ${MAX_BATCH_REQUESTS} sub-requests`);
  }
  const base = `${apiBaseUrlOf(session.settings)}/api`;
  const body = {
    data: {
      requests: requests.map((r) => ({
        method: r.method,
        uri: `${base}${r.path}`,
        ...(r.data === undefined ? {} : { data: r.data }),
      })),
    },
  };
  const parsed = batchAnswerSchema.safeParse(await session.client.post('/batch', body));
  if (!parsed.success) throw shoprenterErrors.badResponse('the /batch answer has no requests.request list');
  const responses = parsed.data.requests.request;
  if (responses.length !== requests.length) {
    throw shoprenterErrors.badResponse(
      `the /batch answer holds ${responses.length} results for ${requests.length} sub-requests`,
    );
  }
  return responses;
}

/** `ok`, `not-found` (404), or throws the AppError the sub-request's status calls for. */
export function readSubStatus(response: BatchSubResponse, what: string): 'ok' | 'not-found' {
  const status = response.response.header.statusCode;
  if (status === 404) return 'not-found';
  const kind = classifyStatus(status);
  const detail = JSON.stringify(response.response.body ?? '').slice(0, 200);
  switch (kind) {
    case 'ok':
      return 'ok';
    // No Retry-After is documented for Shoprenter's 429; its window is one second.
    case 'rate-limited':
      throw shoprenterErrors.rateLimited(1);
    case 'unavailable':
      throw shoprenterErrors.unavailable(`Shoprenter answered ${status} to ${what} in a batch: ${detail}`);
    case 'auth-failed':
      throw shoprenterErrors.authFailed(
        `Shoprenter refused ${what} in a batch (HTTP ${status}): ${detail}`,
        'source.credentials.clientSecret',
        status,
      );
    case 'rejected':
      throw shoprenterErrors.rejected(
        `Shoprenter answered ${status} to ${what} in a batch: ${detail}`,
        status,
      );
  }
}
