import t from 'tap';
import {
  AppError,
  appError,
  errorCatalogue,
  isAppError,
  PROBLEM_CONTENT_TYPE,
  toAppError,
  toProblemDetails,
} from '../src/index.js';

t.test(
  'the catalogue: stable SCREAMING_SNAKE codes, each with an HTTP status and retryability',
  async (t) => {
    for (const [code, entry] of Object.entries(errorCatalogue)) {
      t.match(code, /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/, `${code} is SCREAMING_SNAKE`);
      t.ok(entry.httpStatus >= 400 && entry.httpStatus < 600, `${code} has an error status`);
      // Only server-side or rate trouble is worth retrying; a caller's mistake never is.
      if (entry.retryable) t.ok(entry.httpStatus === 429 || entry.httpStatus >= 500, `${code} retryable`);
    }
    t.match(errorCatalogue, {
      VALIDATION_FAILED: { httpStatus: 400, retryable: false },
      UNAUTHENTICATED: { httpStatus: 401, retryable: false },
      NOT_FOUND: { httpStatus: 404, retryable: false },
      TARGET_RATE_LIMITED: { httpStatus: 429, retryable: true },
      TARGET_UNAVAILABLE: { httpStatus: 503, retryable: true },
      TARGET_REJECTED: { httpStatus: 502, retryable: false },
      INTERNAL_ERROR: { httpStatus: 500, retryable: true },
    });
  },
);

t.test('appError takes status and retryability from the catalogue; options may override', async (t) => {
  const limited = appError('TARGET_RATE_LIMITED', 'slow down', { retryAfterSeconds: 30 });
  t.type(limited, AppError);
  t.type(limited, Error);
  t.match(limited, {
    name: 'AppError',
    code: 'TARGET_RATE_LIMITED',
    httpStatus: 429,
    retryable: true,
    retryAfterSeconds: 30,
  });
  const overridden = appError('TARGET_UNAVAILABLE', 'gone for good', { retryable: false, httpStatus: 502 });
  t.match(overridden, { httpStatus: 502, retryable: false });
  const cause = new Error('socket hang up');
  t.equal(appError('BUS_UNAVAILABLE', 'x', { cause }).cause, cause, 'the cause is kept');
});

t.test('a bare AppError is a non-retryable 500 by default', async (t) => {
  t.match(new AppError('SOMETHING', 'x'), { httpStatus: 500, retryable: false, field: undefined });
});

t.test('toAppError keeps AppErrors and wraps anything else as a retryable INTERNAL_ERROR', async (t) => {
  const original = appError('CONFLICT', 'exists');
  t.equal(toAppError(original), original);
  const wrapped = toAppError(new RangeError('boom'));
  t.match(wrapped, { code: 'INTERNAL_ERROR', httpStatus: 500, retryable: true, message: 'boom' });
  t.type(wrapped.cause, RangeError);
  t.match(toAppError('a string'), { code: 'INTERNAL_ERROR', message: 'a string' });
  t.ok(isAppError(wrapped));
  t.notOk(isAppError(new Error('x')));
  t.notOk(
    isAppError({ code: 'NOT_FOUND', httpStatus: 404, retryable: false }),
    'look-alikes are not AppErrors',
  );
});

t.test('toProblemDetails renders RFC 9457 problem details', async (t) => {
  t.equal(PROBLEM_CONTENT_TYPE, 'application/problem+json');
  const full = appError('TARGET_RATE_LIMITED', 'Asperion asks to wait', {
    field: 'body.orders[0].email',
    retryAfterSeconds: 12,
    details: { system: 'asperion' },
  });
  t.same(toProblemDetails(full, '/webhooks/shoprenter/demo'), {
    type: 'https://koppel.dev/problems/target-rate-limited',
    title: 'TARGET_RATE_LIMITED',
    status: 429,
    detail: 'Asperion asks to wait',
    code: 'TARGET_RATE_LIMITED',
    field: 'body.orders[0].email',
    instance: '/webhooks/shoprenter/demo',
    retryAfter: 12,
    details: { system: 'asperion' },
  });
  const bare = toProblemDetails(appError('NOT_FOUND', 'no such order'));
  t.same(
    bare,
    {
      type: 'https://koppel.dev/problems/not-found',
      title: 'NOT_FOUND',
      status: 404,
      detail: 'no such order',
      code: 'NOT_FOUND',
    },
    'optional members are left out, not set to undefined',
  );
  t.same(Object.keys(bare), ['type', 'title', 'status', 'detail', 'code']);
  t.equal(JSON.parse(JSON.stringify(toProblemDetails(full))).retryAfter, 12, 'survives JSON');
});
