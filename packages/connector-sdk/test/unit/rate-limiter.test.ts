import { isAppError } from '@koppel/errors';
import t from 'tap';
import {
  createHostPool,
  createLocalRateBucket,
  createRateLimiter,
  createTargetFetch,
  type FetchLike,
} from '../../src/index.js';
import { pauseBucket, takeToken } from '../../src/rate/local-rate-bucket.js';

const shape = { requestsPerSecond: 2, burst: 2 };

t.test('the bucket arithmetic: burst, queue, refill capped at the burst, pause', async (t) => {
  let state: Parameters<typeof takeToken>[0];
  const waits: number[] = [];
  for (let i = 0; i < 4; i += 1) {
    const next = takeToken(state, 10_000, shape);
    state = next.state;
    waits.push(next.take.waitMs);
  }
  t.same(waits, [0, 0, 500, 1000], 'two at once, then one slot per 500 ms');
  const later = takeToken(state, 70_000, shape);
  t.same(later.take, { waitMs: 0, blockedMs: 0 }, 'a minute later the bucket is full again');
  t.equal(later.state.tokens, 1, 'full means the burst, no more');
  const paused = pauseBucket(later.state, 70_000, 3);
  t.same(
    takeToken(paused, 71_000, shape).take,
    { waitMs: 2500, blockedMs: 2000 },
    'a pause holds, then an empty bucket',
  );
});

t.test(
  'the limiter sleeps its wait, and refuses a wait past maxWaitMs without spending a token',
  async (t) => {
    let now = 0;
    const slept: number[] = [];
    const bucket = createLocalRateBucket(() => now);
    const limiter = createRateLimiter(bucket, {
      vendor: 'Acme',
      shape,
      maxWaitMs: 2000,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    for (let i = 0; i < 3; i += 1) await limiter.acquire();
    t.same(slept, [500], 'the third call waited for its slot');
    await limiter.pause(30);
    const refusal = await limiter.acquire().then(
      () => undefined,
      (error: unknown) => error,
    );
    t.ok(isAppError(refusal), 'refused with an AppError');
    if (isAppError(refusal)) {
      t.equal(refusal.code, 'TARGET_RATE_LIMITED');
      t.equal(refusal.retryable, true);
      t.equal(refusal.retryAfterSeconds, 31, 'the pause and the queue');
      t.equal(refusal.details?.outcome, 'not-sent', 'the call never left');
      t.match(refusal.message, /Acme asked for a pause/);
    }
    now = 30_000;
    await limiter.acquire();
    // The slot the third call reserved stays counted behind the pause; the refused take is not (1500 ms).
    t.same(slept, [500, 1000], 'the refused token was given back');
  },
);

t.test('the target fetch: a token first, the pool as dispatcher, a 429 pauses the limiter', async (t) => {
  const pool = createHostPool({ connectionsPerHost: 2 });
  t.teardown(() => pool.close());
  const events: string[] = [];
  const answers = [
    new Response('{}', { status: 429, headers: { 'retry-after': '7' } }),
    new Response('{}', { status: 429 }),
    new Response('{}', { status: 200 }),
  ];
  const fetch: FetchLike = async (_input, init) => {
    events.push(`fetch ${init?.dispatcher === pool ? 'pooled' : 'unpooled'} ${init?.method}`);
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    return answer;
  };
  const targetFetch = createTargetFetch({
    fetch,
    pool,
    limiter: {
      acquire: async () => {
        events.push('acquire');
      },
      pause: async (seconds) => {
        events.push(`pause ${seconds}`);
      },
    },
  });
  for (let i = 0; i < 3; i += 1) await targetFetch('http://target.example/x', { method: 'GET' });
  t.same(events, [
    'acquire',
    'fetch pooled GET',
    'pause 7',
    'acquire',
    'fetch pooled GET',
    'pause 30',
    'acquire',
    'fetch pooled GET',
  ]);
});
