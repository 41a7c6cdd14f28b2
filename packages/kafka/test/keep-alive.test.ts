import t from 'tap';
import { withKeepAlive } from '../src/kafkajs/keep-alive.js';

t.test('a slow handler heartbeats while it works, and stops when done', async (t) => {
  let beats = 0;
  const result = await withKeepAlive(
    async () => {
      beats += 1;
    },
    20,
    async () => {
      await new Promise((resolve) => setTimeout(resolve, 130));
      return 'done';
    },
  );
  t.equal(result, 'done');
  t.ok(beats >= 4, `heartbeats were sent during the work (${beats})`);
  const after = beats;
  await new Promise((resolve) => setTimeout(resolve, 60));
  t.equal(beats, after, 'no heartbeat after the work ended');
});

t.test('a failing heartbeat (rebalance) neither crashes nor hides the handler result', async (t) => {
  const failure = withKeepAlive(
    () => Promise.reject(new Error('rebalancing')),
    10,
    async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error('handler failed');
    },
  );
  await t.rejects(failure, /handler failed/);
});
