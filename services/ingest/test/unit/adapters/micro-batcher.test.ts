import t from 'tap';
import { createMicroBatcher } from '../../../src/adapters/micro-batcher.js';

t.test('calls made together share one run and each gets its own outcome', async (t) => {
  const runs: number[][] = [];
  const double = createMicroBatcher<number, number>({
    run: async (items) => {
      runs.push([...items]);
      return items.map((n) =>
        n < 0 ? { ok: false, error: new Error(`negative ${n}`) } : { ok: true, value: n * 2 },
      );
    },
  });
  const results = await Promise.allSettled([double(1), double(-2), double(3)]);
  t.same(runs, [[1, -2, 3]], 'one run for the three calls, in call order');
  t.match(results, [
    { status: 'fulfilled', value: 2 },
    { status: 'rejected', reason: { message: 'negative -2' } },
    { status: 'fulfilled', value: 6 },
  ]);
});

t.test('calls made while a run is in flight leave together in the next run', async (t) => {
  const runs: string[][] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const echo = createMicroBatcher<string, string>({
    run: async (items) => {
      runs.push([...items]);
      if (runs.length === 1) await gate;
      return items.map((value) => ({ ok: true, value }));
    },
  });
  const first = echo('a');
  await new Promise((resolve) => setImmediate(resolve));
  const later = [echo('b'), echo('c')];
  release();
  t.same(await Promise.all([first, ...later]), ['a', 'b', 'c']);
  t.same(runs, [['a'], ['b', 'c']]);
});

t.test('a rejected run fails every call of it, and the next run still goes', async (t) => {
  let fail = true;
  const batcher = createMicroBatcher<number, number>({
    run: async (items) => {
      if (fail) throw new Error('database down');
      return items.map((value) => ({ ok: true, value }));
    },
  });
  const failed = await Promise.allSettled([batcher(1), batcher(2)]);
  t.match(failed, [{ status: 'rejected' }, { status: 'rejected' }]);
  fail = false;
  t.equal(await batcher(3), 3);
});

t.test('a run takes at most maxBatchSize calls', async (t) => {
  const sizes: number[] = [];
  const batcher = createMicroBatcher<number, number>({
    maxBatchSize: 2,
    run: async (items) => {
      sizes.push(items.length);
      return items.map((value) => ({ ok: true, value }));
    },
  });
  t.same(await Promise.all([1, 2, 3, 4, 5].map(batcher)), [1, 2, 3, 4, 5]);
  t.same(sizes, [2, 2, 1]);
});
