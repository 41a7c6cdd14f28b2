import t from 'tap';
import { createKnownProducts } from '../../src/index.js';

t.test('a found product is trusted for the window; a missing one is asked again every time', async (t) => {
  let clock = 1_000_000;
  const known = createKnownProducts({ ttlMs: 60_000, now: () => clock });
  const inTarget = new Set(['A', 'B']);
  const asked: string[] = [];
  const lookUp = async (sku: string) => {
    asked.push(sku);
    return inTarget.has(sku);
  };

  t.same(await known.missing(['A', 'B', 'C', 'A'], lookUp), ['C'], 'C is missing; A asked once');
  t.same(asked, ['A', 'B', 'C']);

  asked.length = 0;
  inTarget.add('C');
  t.same(await known.missing(['A', 'B', 'C'], lookUp), [], 'C, created meanwhile, counts at once');
  t.same(asked, ['C'], 'A and B were found lately: not asked again');

  asked.length = 0;
  inTarget.delete('A');
  clock += 60_000;
  t.same(await known.missing(['A', 'B'], lookUp), ['A'], 'after the window the target is asked again');
  t.same(asked, ['A', 'B']);

  asked.length = 0;
  t.same(await known.missing(['A'], lookUp), ['A'], 'a product found missing is not remembered as found');
  t.same(asked, ['A']);
});

t.test('a failed look-up passes its error through and remembers nothing', async (t) => {
  const known = createKnownProducts();
  const down = new Error('target down');
  await t.rejects(
    known.missing(['A'], async () => {
      throw down;
    }),
    down,
  );
  let asked = 0;
  t.same(
    await known.missing(['A'], async () => {
      asked += 1;
      return true;
    }),
    [],
  );
  t.equal(asked, 1, 'asked again after the failure');
});

t.test('a window of 0 asks every time', async (t) => {
  const known = createKnownProducts({ ttlMs: 0 });
  let asked = 0;
  const lookUp = async () => {
    asked += 1;
    return true;
  };
  await known.missing(['A'], lookUp);
  await known.missing(['A'], lookUp);
  t.equal(asked, 2);
});
