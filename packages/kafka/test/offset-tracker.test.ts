import t from 'tap';
import { createKeyOrderedRunner, createOffsetTracker } from '../src/index.js';

t.test('only the contiguous finished prefix is committable', async (t) => {
  const tracker = createOffsetTracker();
  for (const offset of ['10', '11', '13', '14']) tracker.start(offset);
  t.equal(tracker.finish('11'), undefined, 'a later record finishing first commits nothing');
  t.equal(tracker.finish('14'), undefined);
  t.equal(tracker.committable, undefined);
  t.equal(tracker.finish('10'), '11', 'the lowest unfinished one finishing moves the prefix past 11');
  t.equal(tracker.unfinished, 2);
  t.equal(tracker.finish('13'), '14', 'a gap in offsets (compaction) does not hold the prefix');
  t.equal(tracker.unfinished, 0);
  t.throws(() => tracker.start('12'), /offsets must increase/);
});

t.test('records of one key run in order, different keys concurrently, within the bound', async (t) => {
  const runner = createKeyOrderedRunner(3);
  const log: string[] = [];
  let active = 0;
  let peak = 0;
  const gates = new Map<string, () => void>();
  const task = (name: string) => async () => {
    active += 1;
    peak = Math.max(peak, active);
    log.push(`start ${name}`);
    await new Promise<void>((resolve) => gates.set(name, resolve));
    log.push(`end ${name}`);
    active -= 1;
  };
  await runner.submit('a', task('a1'));
  await runner.submit('a', task('a2'));
  await runner.submit('b', task('b1'));
  const fourth = runner.submit('c', task('c1'));
  await new Promise((r) => setImmediate(r));
  t.same(log, ['start a1', 'start b1'], 'a2 waits for a1; b1 runs beside it');
  gates.get('b1')?.();
  await fourth;
  await new Promise((r) => setImmediate(r));
  t.same(log.slice(2), ['end b1', 'start c1'], 'c1 gets the slot b1 freed');
  gates.get('a1')?.();
  await new Promise((r) => setImmediate(r));
  t.ok(log.includes('start a2'), 'a2 starts once a1 ended');
  gates.get('a2')?.();
  gates.get('c1')?.();
  await runner.drain();
  t.ok(peak <= 3, `never more than the bound at once (peak ${peak})`);
});

t.test('a failed task fails the later tasks of its key without running them', async (t) => {
  const runner = createKeyOrderedRunner(4);
  const ran: string[] = [];
  await runner.submit('a', async () => {
    throw new Error('boom');
  });
  await runner.submit('a', async () => void ran.push('a2'));
  await runner.submit('b', async () => void ran.push('b1'));
  await t.rejects(runner.drain(), /boom/);
  t.ok(runner.failed);
  t.same(ran, ['b1'], 'a2 never overtook or followed the failed a1');
});
