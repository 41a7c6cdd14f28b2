import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { buildAccountviewSimulator } from '../../src/index.js';
import { debtorBody, seedShop, startSimulator } from '../helpers.js';

t.test('state file keeps data, counters and tokens across a restart', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-accountview-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const stateFile = join(dir, 'nested', 'state.json');
  const first = await startSimulator({ stateFile });
  await seedShop(first.control);
  const created = await first.post(debtorBody({ ACCT_NAME: 'Blijvend BV', MAIL_BUS: 'blijf@example.nl' }));
  t.equal(created.json().CONTACT[0].SUB_NR, '10046', 'after the seeded 10045');
  await first.app.close();
  const onDisk = JSON.parse(readFileSync(stateFile, 'utf8')) as {
    companies: { tables: { CONTACT: unknown[] } }[];
  };
  t.equal(onDisk.companies[0]?.tables.CONTACT.length, 2, 'written as JSON');

  const again = buildAccountviewSimulator({ stateFile, rateLimit: false });
  t.teardown(() => again.app.close());
  const url =
    '/api/v3/accountviewdata?BusinessObject=AR1&FilterControlSource1=MAIL_BUS&FilterValue1=blijf@example.nl';
  const res = await again.app.inject({ url, headers: first.headers });
  t.equal(res.statusCode, 200, 'the access token survived the restart');
  t.equal(res.json().CONTACT[0].ACCT_NAME, 'Blijvend BV');
  const next = await again.app.inject({
    method: 'POST',
    url: '/api/v3/accountviewdata',
    headers: first.headers,
    payload: debtorBody({ ACCT_NAME: 'Daarna BV' }),
  });
  t.equal(next.json().CONTACT[0].SUB_NR, '10047', 'numbering continues');
  const stock = await again.app.inject({
    url: '/api/v3/accountviewdata?BusinessObject=AK1&Filter=ART_CODE%3D%27TSHIRT-RED-M%27',
    headers: first.headers,
  });
  t.match(stock.json().ARTICLE, [{ QTY_TECH: 12.5 }]);
});

t.test('without a state file nothing is shared between instances', async (t) => {
  const a = await startSimulator();
  await a.post(debtorBody({ ACCT_NAME: 'Alleen A' }));
  await a.app.close();
  const b = await startSimulator();
  t.teardown(() => b.app.close());
  t.same((await b.get({ BusinessObject: 'AR1' })).json().CONTACT, []);
});
