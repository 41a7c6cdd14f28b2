import { isAppError } from '@koppel/errors';
import t from 'tap';
import {
  classifyResponse,
  classifyStatus,
  describeFetchFailure,
  parseRetryAfter,
  targetTransientStatusError,
  targetTransportError,
} from '../../src/index.js';

t.test('classifyStatus: one meaning of a status for every connector', async (t) => {
  const cases: [number, string][] = [
    [200, 'ok'],
    [201, 'ok'],
    [204, 'ok'],
    [429, 'rate-limited'],
    [408, 'unavailable'],
    [500, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [401, 'auth-failed'],
    [403, 'auth-failed'],
    [400, 'rejected'],
    [404, 'rejected'],
    [409, 'rejected'],
    [422, 'rejected'],
    [302, 'rejected'],
  ];
  for (const [status, kind] of cases) t.equal(classifyStatus(status), kind, `${status} → ${kind}`);
});

t.test('parseRetryAfter: delay-seconds or an HTTP date, never below 1 s', async (t) => {
  const now = Date.parse('2026-01-05T10:00:00Z');
  t.equal(parseRetryAfter('7', now), 7);
  t.equal(parseRetryAfter(' 120 ', now), 120);
  t.equal(parseRetryAfter('0', now), 1, 'a zero would retry at once');
  t.equal(parseRetryAfter('Mon, 05 Jan 2026 10:00:30 GMT', now), 30);
  t.equal(parseRetryAfter('Mon, 05 Jan 2026 10:00:29 GMT', now + 500), 29, 'rounds up');
  t.equal(parseRetryAfter('Mon, 05 Jan 2026 09:00:00 GMT', now), 1, 'a date past is 1 s');
  t.equal(parseRetryAfter(null, now), undefined);
  t.equal(parseRetryAfter('', now), undefined);
  t.equal(parseRetryAfter('soon', now), undefined);
  t.equal(parseRetryAfter('-5', now), undefined);
});

t.test('classifyResponse reads Retry-After only where a retry follows', async (t) => {
  const limited = classifyResponse(new Response('', { status: 429, headers: { 'retry-after': '9' } }));
  t.same(limited, { status: 429, kind: 'rate-limited', retryAfterSeconds: 9 });
  const down = classifyResponse(new Response('', { status: 503, headers: { 'retry-after': '4' } }));
  t.same(down, { status: 503, kind: 'unavailable', retryAfterSeconds: 4 });
  const refused = classifyResponse(new Response('', { status: 400, headers: { 'retry-after': '4' } }));
  t.same(refused, { status: 400, kind: 'rejected', retryAfterSeconds: undefined });
});

t.test('describeFetchFailure: timeout, a system code (sent or not), a bare message', async (t) => {
  const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
  t.match(describeFetchFailure(timeout, 1500), {
    timedOut: true,
    reason: 'timed out after 1500 ms',
    notSent: false,
  });
  const refused = new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
  });
  t.match(describeFetchFailure(refused, 1), {
    code: 'ECONNREFUSED',
    reason: 'failed: ECONNREFUSED',
    notSent: true,
  });
  const reset = new TypeError('fetch failed', {
    cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
  });
  t.match(
    describeFetchFailure(reset, 1),
    { code: 'ECONNRESET', notSent: false },
    'a reset may have been sent',
  );
  t.match(describeFetchFailure(new Error('boom'), 1), { code: undefined, reason: 'failed: boom' });
});

t.test('target errors: retryable TARGET_* AppErrors naming the vendor', async (t) => {
  const limited = targetTransientStatusError(
    'Acme',
    new Response('', { status: 429 }),
    'creating an invoice',
    {
      operation: 'create',
    },
  );
  t.ok(isAppError(limited));
  t.match(limited, {
    code: 'TARGET_RATE_LIMITED',
    retryable: true,
    retryAfterSeconds: 30,
    message: 'Acme throttled creating an invoice; retry after 30 s',
    details: { status: 429, operation: 'create' },
  });
  t.match(targetTransientStatusError('Acme', new Response('', { status: 502 }), 'x'), {
    code: 'TARGET_UNAVAILABLE',
    retryable: true,
    message: 'Acme x failed with HTTP 502',
  });
  t.equal(targetTransientStatusError('Acme', new Response('', { status: 422 }), 'x'), undefined);
  t.equal(targetTransientStatusError('Acme', new Response('', { status: 401 }), 'x'), undefined);
  const timeout = new DOMException('aborted', 'TimeoutError');
  t.match(targetTransportError('Acme', timeout, 'x', 800), {
    code: 'TARGET_UNAVAILABLE',
    retryable: true,
    message: 'Acme x timed out after 800 ms',
  });
});
