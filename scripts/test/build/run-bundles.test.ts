// Bundles made for one run of the benchmark or the fault matrix (scripts/build/run-bundles.ts):
// one bundle per entry, in a directory of the run's own, that runs and is gone after remove().
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import t from 'tap';
import { runBundles } from '../../build/run-bundles.js';

t.test('each entry is bundled once, in a directory of its run, and removed with it', async (t) => {
  const first = runBundles('test-run-bundles');
  const second = runBundles('test-run-bundles');
  t.teardown(() => {
    first.remove();
    second.remove();
  });
  const path = await first.bundle('scripts/support/listen-port.ts');
  t.match(path, /\/\.cache\/test-run-bundles\/\d+-\d+\/scripts\/support\/listen-port\.mjs$/);
  t.equal(await first.bundle(`${process.cwd()}/scripts/support/listen-port.ts`), path, 'made once');
  const module = (await import(path)) as { listenPort: () => Promise<number> };
  t.type(await module.listenPort(), 'number', 'the bundle runs');

  const other = await second.bundle('scripts/support/listen-port.ts');
  t.not(other, path, 'another run has its own directory');
  first.remove();
  t.notOk(existsSync(path), 'removed');
  t.notOk(existsSync(dirname(dirname(dirname(path)))), "the run's whole directory is gone");
  t.ok(existsSync(other), "the other run's bundle is left alone");
});
