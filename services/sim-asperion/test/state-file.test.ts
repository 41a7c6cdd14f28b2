import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { buildAsperionSimulator } from '../src/app.js';
import { api, startSim } from './helpers.js';

t.test('state file keeps debtors and refresh tokens across restarts', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-asperion-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const stateFile = join(dir, 'state.json');
  const { sim, auth } = await startSim({ stateFile });
  await api(sim, auth, 'POST', '/v1/debtors', { name: 'Blijvend BV' });
  await sim.app.close();

  const again = buildAsperionSimulator({ stateFile });
  t.teardown(() => again.app.close());
  const res = await again.app.inject({ url: '/v1/debtors?Name=Blijvend', headers: auth });
  t.equal(res.statusCode, 200, 'the access token survived the restart');
  t.equal((res.json() as { _meta: { totalCount: number } })._meta.totalCount, 1);
});
