import t from 'tap';
import { api, startSim } from './helpers.js';

type Row = Record<string, unknown>;
const rows = (body: Record<string, unknown>) => body._data as Row[];

t.test('seeded reference data: VAT codes, ledger accounts, journals, payment conditions', async (t) => {
  const { sim, auth } = await startSim();
  t.teardown(() => sim.app.close());
  const vat = await api(sim, auth, 'GET', '/v1/vatcodes?SalesCode=true&pageSize=100');
  const byId = new Map(rows(vat.body).map((v) => [v.id, v]));
  t.match(byId.get('H'), { percentage: 21, salesCode: true, isDefault: true, countryCode: 'NL' });
  t.match(byId.get('L'), { percentage: 9 });
  t.match(byId.get('N'), { percentage: 0 });
  t.match(byId.get('L6'), { validUntil: '2018-12-31T00:00:00' });
  t.notOk(byId.has('IH'), 'purchase codes filtered out by SalesCode=true');
  const ledger = await api(sim, auth, 'GET', '/v1/ledgeraccounts?Id=8000');
  t.match(rows(ledger.body)[0], { id: 8000, type: 2, vatCode: 'H', disabled: false });
  const journals = await api(sim, auth, 'GET', '/v1/journals?Type=Sales');
  t.same(
    rows(journals.body).map((j) => j.id),
    ['VK'],
  );
  const conditions = await api(sim, auth, 'GET', '/v1/paymentconditions');
  t.same(rows(conditions.body)[0], {
    id: 1,
    description: 'Binnen 14 dagen',
    _meta: { self: 'http://localhost/v1/paymentconditions/1' },
  });
});

t.test('articles: active only by default, ActiveState, code filter, read-only stock', async (t) => {
  const { sim, auth } = await startSim();
  t.teardown(() => sim.app.close());
  const active = await api(sim, auth, 'GET', '/v1/articles');
  t.notOk(
    rows(active.body).some((a) => a.code === 'MUG-OLD'),
    'inactive article hidden',
  );
  const all = await api(sim, auth, 'GET', '/v1/articles?ActiveState=All');
  t.ok(rows(all.body).some((a) => a.code === 'MUG-OLD'));
  const inactive = await api(sim, auth, 'GET', '/v1/articles?activestate=inactive');
  t.same(
    rows(inactive.body).map((a) => a.code),
    ['MUG-OLD'],
  );
  const bySku = await api(sim, auth, 'GET', '/v1/articles?Code=TSHIRT-BLK-M&Code_comparison=Equals');
  t.match(rows(bySku.body), [
    { code: 'TSHIRT-BLK-M', currentStock: 42, reservedStock: 2, availableStock: 40, salesPrice: 20.66 },
  ]);
  const bad = await api(sim, auth, 'GET', '/v1/articles?ActiveState=maybe');
  t.equal(bad.status, 400);

  const stock = await sim.app.inject({
    method: 'PUT',
    url: '/_control/articles/TSHIRT-BLK-M/stock',
    payload: { currentStock: 5, reservedStock: 0 },
  });
  t.equal(stock.statusCode, 200);
  const after = await api(sim, auth, 'GET', '/v1/articles?Code=TSHIRT-BLK-M&Code_comparison=Equals');
  t.match(rows(after.body)[0], { currentStock: 5, availableStock: 5 });
  const write = await api(sim, auth, 'POST', '/v1/articles', { code: 'X' });
  t.equal(write.status, 404, 'article writes are not simulated');
});
