import t from 'tap';
import { type ConnectionRepository, shareConnectionLookups } from '../src/index.js';

/** Counts the reads that reach the repository; each read answers after `release()`. */
function countingRepository() {
  const reads: string[] = [];
  let release: () => void = () => {};
  let gate = new Promise<void>((r) => {
    release = r;
  });
  const answer = async <T>(what: string, value: T): Promise<T> => {
    reads.push(what);
    await gate;
    return value;
  };
  const repository = {
    find: (id: string) => answer(`find ${id}`, { id }),
    findWithSealedCredentials: (id: string, side: string) =>
      answer(`sealed ${id} ${side}`, { connection: { id }, sealedCredentials: `${id}-${side}` }),
  } as unknown as ConnectionRepository;
  return {
    repository,
    reads,
    open() {
      release();
      gate = new Promise<void>((r) => {
        release = r;
      });
    },
  };
}

t.test('concurrent look-ups of one connection share a read; later ones read again', async (t) => {
  const counting = countingRepository();
  const shared = shareConnectionLookups(counting.repository);
  const first = Promise.all([
    shared.find('c1'),
    shared.find('c1'),
    shared.find('c2'),
    shared.findWithSealedCredentials('c1', 'target'),
    shared.findWithSealedCredentials('c1', 'target'),
    shared.findWithSealedCredentials('c1', 'source'),
  ]);
  counting.open();
  const answers = await first;
  t.same(counting.reads, ['find c1', 'find c2', 'sealed c1 target', 'sealed c1 source']);
  t.same(answers[3], { connection: { id: 'c1' }, sealedCredentials: 'c1-target' });
  t.same(answers[5], { connection: { id: 'c1' }, sealedCredentials: 'c1-source' }, 'per side');

  const later = shared.findWithSealedCredentials('c1', 'target');
  counting.open();
  await later;
  t.equal(counting.reads.length, 5, 'nothing is kept past the read: the next look-up reads again');
});
