/**
 * InnVoice's throttle pauses the connection's rate limiter (issue 14): after a 429, told by the
 * HTTP status or only by `<error>429</error>` in the body, the next call waits out the
 * Retry-After; one longer than a worker waits is refused before sending, marked `not-sent`, so
 * the delivery ledger may retry a document create (README "Settings").
 */
import t from 'tap';
import { startHarness } from '../fixtures/simulator-harness.js';

const THROTTLED_BODY =
  '<?xml version="1.0" encoding="UTF-8"?><response><error>429</error><message>Túl sok kérés</message></response>';

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

for (const told of ['the HTTP status', 'the body only']) {
  t.test(`a throttle told by ${told}: the next call is refused before sending, not-sent`, async (t) => {
    const { sim, session } = await startHarness(t);
    sim.kit.faults.configure({
      failNext:
        told === 'the HTTP status'
          ? { count: 1, status: 429, retryAfterSeconds: 60 }
          : { count: 1, status: 200, body: THROTTLED_BODY },
    });
    const throttled = await outcome(session.client.get('/product', 'product look-up'));
    t.match(throttled, { code: 'TARGET_RATE_LIMITED' }, 'the throttled call fails retryable');
    const started = Date.now();
    const refused = await outcome(session.client.get('/product', 'product look-up'));
    t.ok(Date.now() - started < 5000, 'refused at once, not slept through');
    t.match(refused, { code: 'TARGET_RATE_LIMITED', retryable: true, details: { outcome: 'not-sent' } });
    t.equal(sim.kit.inspection.list().length, 1, 'only the throttled call reached InnVoice');
  });
}
