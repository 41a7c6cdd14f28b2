/**
 * `/batch` calls of the product sink (POST, PUT and GET sub-requests), through the session's
 * client so its 3 requests/s limiter is the one every call of the shop shares. The answer is
 * HTTP 200 even when sub-requests fail (04_batch.md): each sub-request's status is read here.
 * 429 and 5xx throw retryable AppErrors (the whole upsert is retried; it matches by SKU/EAN
 * first, so a retry updates what a failed try created), 401/403 throw SOURCE_AUTH_FAILED, any
 * other 4xx is that product's refusal, with the shop's message.
 * https://doc.shoprenter.hu/development/api/04_batch.html
 */
import { classifyStatus } from '@koppel/connector-sdk';
import { shoprenterErrors } from '../errors.js';
import type { ShoprenterSession } from '../poll-orders.js';
import { apiBaseUrlOf } from '../settings.js';
import { MAX_BATCH_REQUESTS } from '../stock/batch-call.js';
import { batchAnswerSchema } from '../stock/batch-schemas.js';
import { errorBodySchema } from './catalog-schemas.js';

export type CatalogSubRequest = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  data?: Record<string, unknown>;
};

export type SubOutcome = { ok: true; body: unknown } | { ok: false; status: number; reason: string };

/** Sends any number of sub-requests, 200 per `/batch`, one batch after the other (never in parallel). */
export async function sendCatalogBatch(
  session: ShoprenterSession,
  requests: readonly CatalogSubRequest[],
): Promise<SubOutcome[]> {
  const outcomes: SubOutcome[] = [];
  for (let start = 0; start < requests.length; start += MAX_BATCH_REQUESTS) {
    const chunk = requests.slice(start, start + MAX_BATCH_REQUESTS);
    const body = {
      data: {
        requests: chunk.map((r) => ({
          method: r.method,
          uri: `${apiBaseUrlOf(session.settings)}/api${r.path}`,
          ...(r.data === undefined ? {} : { data: r.data }),
        })),
      },
    };
    const parsed = batchAnswerSchema.safeParse(await session.client.post('/batch', body));
    if (!parsed.success || parsed.data.requests.request.length !== chunk.length) {
      throw shoprenterErrors.badResponse('the /batch answer does not hold one result per sub-request');
    }
    for (const [index, answer] of parsed.data.requests.request.entries()) {
      outcomes.push(outcomeOf(answer.response.header.statusCode, answer.response.body, chunk[index]));
    }
  }
  return outcomes;
}

function outcomeOf(status: number, body: unknown, request: CatalogSubRequest | undefined): SubOutcome {
  const what = `${request?.method ?? ''} ${request?.path.split('?')[0] ?? ''}`;
  const message = errorBodySchema.safeParse(body).data?.message ?? '';
  switch (classifyStatus(status)) {
    case 'ok':
      return { ok: true, body };
    // No Retry-After is documented for Shoprenter's 429; its window is one second.
    case 'rate-limited':
      throw shoprenterErrors.rateLimited(1);
    case 'unavailable':
      throw shoprenterErrors.unavailable(`Shoprenter answered ${status} to ${what} in a batch: ${message}`);
    case 'auth-failed':
      throw shoprenterErrors.authFailed(
        `Shoprenter refused ${what} in a batch (HTTP ${status}): ${message}`,
        'source.credentials.clientSecret',
        status,
      );
    case 'rejected':
      return {
        ok: false,
        status,
        reason: `Shoprenter answered ${status} to ${what}: ${message || 'no message'}`,
      };
  }
}
