import t from 'tap';
import { createGroupWriter } from '../src/group-writer.js';
import { foldSummaries, type JourneyRow } from '../src/repositories/journey-rows-sql.js';

t.test('writes asked for in one turn leave together, in call order', async (t) => {
  const statements: number[][] = [];
  const write = createGroupWriter(async (items: number[]) => {
    statements.push(items);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return items.map((n) => n * 10);
  });
  const results = await Promise.all([1, 2, 3, 4, 5].map((n) => write(n)));
  t.same(results, [10, 20, 30, 40, 50], 'each caller gets its own result');
  t.same(statements, [[1, 2, 3, 4, 5]], 'one statement');
});

t.test('writes that arrive while one is in flight leave together after it', async (t) => {
  const statements: number[][] = [];
  const write = createGroupWriter(async (items: number[]) => {
    statements.push(items);
    await new Promise((resolve) => setTimeout(resolve, 20));
    return items;
  });
  const first = write(1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  const later = [2, 3, 4].map((n) => write(n));
  await Promise.all([first, ...later]);
  t.same(statements, [[1], [2, 3, 4]]);
});

t.test('a failing group is retried row by row, so only the bad row fails', async (t) => {
  const statements: string[][] = [];
  const write = createGroupWriter(async (items: string[]) => {
    statements.push(items);
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (items.includes('bad')) throw new Error('refused');
    return items;
  });
  const outcomes = await Promise.allSettled(['a', 'b', 'bad', 'c'].map((s) => write(s)));
  t.same(
    outcomes.map((o) => o.status),
    ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
  );
  t.same(statements, [['a', 'b', 'bad', 'c'], ['a'], ['b'], ['bad'], ['c']]);
});

t.test('a group is bounded by maxRows', async (t) => {
  const sizes: number[] = [];
  const write = createGroupWriter(
    async (items: number[]) => {
      sizes.push(items.length);
      return items;
    },
    { maxRows: 3 },
  );
  await Promise.all(Array.from({ length: 8 }, (_, i) => write(i)));
  t.same(sizes, [3, 3, 2]);
});

const row = (externalOrderId: string, stage: string, detail: Record<string, unknown> = {}): JourneyRow => ({
  connectionId: 'c1',
  externalOrderId,
  stage,
  detail,
  traceId: null,
});

t.test('summaries fold as the single-row upserts one after another would', async (t) => {
  const folded = foldSummaries([
    row('2', 'received'),
    row('1', 'mapped', { order: { orderNumber: 'WEB-1', customer: { email: ' A@B.nl ' } } }),
    { ...row('1', 'retrying', { code: 'TARGET_UNAVAILABLE', reason: '503' }), traceId: 't1' },
    { ...row('1', 'debtor_created', { debtorId: 'D1' }), traceId: 't2' },
    row('1', 'written_back'),
    row('1', 'replayed'),
    row('1', 'replayed'),
  ]);
  t.same(
    folded.map((s) => s.externalOrderId),
    ['1', '2'],
    'one change per order, sorted by order',
  );
  t.match(folded[0], {
    statusStage: 'replayed',
    statusReason: null,
    orderNumber: 'WEB-1',
    customerEmail: 'a@b.nl',
    debtorId: 'D1',
    traceId: 't1',
    replays: 2,
  });
  t.match(folded[1], { statusStage: 'received', replays: 0 });
});
