import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { DataFolderInUseError, lockDataFolder } from '../../src/data-folder-lock.js';

/** A process that runs until killed, and one that has already ended (its pid is free). */
async function otherProcesses(t: Test) {
  const alive = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  t.teardown(() => {
    alive.kill('SIGKILL');
  });
  const ended = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => ended.once('exit', resolve));
  if (alive.pid === undefined || ended.pid === undefined) throw new Error('no child pid');
  return { alive: alive.pid, ended: ended.pid };
}

t.test('the first start holds the folder; release removes only its own pid file', async (t) => {
  const root = t.testdir();
  const lock = lockDataFolder(root);
  t.equal(readFileSync(join(root, 'koppel.pid'), 'utf8').trim(), String(process.pid));
  lock.release();
  t.notOk(existsSync(join(root, 'koppel.pid')), 'released');
  writeFileSync(join(root, 'koppel.pid'), '424242\n');
  lock.release();
  t.ok(existsSync(join(root, 'koppel.pid')), 'a file another process wrote since is left alone');
});

t.test('a live holder refuses the start, naming its pid', async (t) => {
  const root = t.testdir();
  const { alive } = await otherProcesses(t);
  writeFileSync(join(root, 'koppel.pid'), `${alive}\n`);
  const refusal = (() => {
    try {
      lockDataFolder(root);
      return undefined;
    } catch (error) {
      return error;
    }
  })();
  t.ok(refusal instanceof DataFolderInUseError, 'refused');
  t.match(String(refusal), new RegExp(`another Koppel \\(pid ${alive}\\) is running on the data folder`));
  t.equal(readFileSync(join(root, 'koppel.pid'), 'utf8').trim(), String(alive), 'its file is kept');
});

t.test('a file left by a process that is gone, or by this pid, is taken over', async (t) => {
  const root = t.testdir();
  const { ended } = await otherProcesses(t);
  for (const left of [String(ended), String(process.pid), 'not a pid']) {
    writeFileSync(join(root, 'koppel.pid'), `${left}\n`);
    const lock = lockDataFolder(root);
    t.equal(readFileSync(join(root, 'koppel.pid'), 'utf8').trim(), String(process.pid), `left: ${left}`);
    lock.release();
  }
});
