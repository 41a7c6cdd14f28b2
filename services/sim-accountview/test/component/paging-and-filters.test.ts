import t from 'tap';
import { startSimulator } from '../helpers.js';

async function withDebtors(count: number) {
  const sim = await startSimulator();
  const rows = Array.from({ length: count }, (_, i) => ({
    SUB_NR: String(10001 + i),
    ACCT_NAME: `Klant ${String(i + 1).padStart(2, '0')}`,
    CITY: i % 2 === 0 ? 'Utrecht' : 'Zwolle',
    MAIL_BUS: `klant${i + 1}@example.nl`,
  }));
  const seeded = await sim.control('POST', '/companies/default/debtors', { rows });
  if (seeded.statusCode !== 201) throw new Error(`seeding failed: ${seeded.body}`);
  return sim;
}
const subNrs = (body: unknown) => (body as { CONTACT: { SUB_NR: string }[] }).CONTACT.map((c) => c.SUB_NR);

t.test('PageNumber/PageSize page through every row once, in key order', async (t) => {
  const { app, get } = await withDebtors(25);
  t.teardown(() => app.close());
  const seen: string[] = [];
  const sizes: number[] = [];
  for (let page = 1; page <= 4; page++) {
    const res = await get({ BusinessObject: 'AR1', PageSize: '10', PageNumber: String(page) });
    t.equal(res.statusCode, 200);
    sizes.push(subNrs(res.json()).length);
    seen.push(...subNrs(res.json()));
  }
  t.same(sizes, [10, 10, 5, 0], 'last page short, then an empty page');
  t.equal(new Set(seen).size, 25);
  t.equal(seen[0], '10001');
  t.equal(seen[24], '10025');
});

t.test('lastKey keyset paging continues after the last SUB_NR (AV-RUBY check_next)', async (t) => {
  const { app, get } = await withDebtors(25);
  t.teardown(() => app.close());
  const seen: string[] = [];
  let lastKey: string | undefined;
  for (let i = 0; i < 5; i++) {
    const res = await get({ BusinessObject: 'AR1', PageSize: '10', ...(lastKey ? { lastKey } : {}) });
    const page = subNrs(res.json());
    if (page.length === 0) break;
    seen.push(...page);
    lastKey = page.at(-1);
  }
  t.equal(seen.length, 25);
  t.same(seen, [...seen].sort(), 'ascending key order');
});

t.test('PageSize default, limits and malformed values', async (t) => {
  const { app, get } = await withDebtors(3);
  t.teardown(() => app.close());
  t.equal(subNrs((await get({ BusinessObject: 'AR1' })).json()).length, 3);
  const tooBig = await get({ BusinessObject: 'AR1', PageSize: '1001' });
  t.equal(tooBig.statusCode, 400);
  t.match(tooBig.json().ErrorMessage, /^Parameter pagesize/);
  const zero = await get({ BusinessObject: 'AR1', PageNumber: '0' });
  t.equal(zero.statusCode, 400);
  const text = await get({ BusinessObject: 'AR1', PageSize: 'ten' });
  t.equal(text.json().ErrorMessage, 'Parameter pagesize: PageSize must be a whole number');
});

t.test('numbered filters, lists of values, Filter expressions and sorting combine', async (t) => {
  const { app, get } = await withDebtors(10);
  t.teardown(() => app.close());
  const list = await get({
    BusinessObject: 'AR1',
    FilterControlSource1: 'SUB_NR',
    FilterOperator1: 'Equal',
    FilterValueType1: 'C',
    FilterValue1: '10002,10004,10005',
    FilterIsListOfValues1: 'true',
    FilterControlSource2: 'CITY',
    FilterValue2: 'Zwolle',
  });
  t.same(subNrs(list.json()), ['10002', '10004'], 'list OR-ed, filters AND-ed');
  const ge = await get({
    BusinessObject: 'AR1',
    FilterControlSource1: 'SUB_NR',
    FilterOperator1: '42',
    FilterValueType1: 'N',
    FilterValue1: '10008',
  });
  t.same(subNrs(ge.json()), ['10008', '10009', '10010'], 'operator code 42 is >=');
  const expr = await get({
    BusinessObject: 'AR1',
    Filter: "contact.city = 'Utrecht' AND contact.sub_nr >= '10005'",
    SortFields: 'ACCT_NAME',
    SortOrder: 'DESC',
  });
  t.same(subNrs(expr.json()), ['10009', '10007', '10005']);
  const badOp = await get({
    BusinessObject: 'AR1',
    FilterControlSource1: 'CITY',
    FilterOperator1: 'Like',
    FilterValue1: 'x',
  });
  t.equal(badOp.statusCode, 400);
  t.equal(badOp.json().ErrorMessage, "Unknown filter operator 'Like'");
  const noValue = await get({ BusinessObject: 'AR1', FilterControlSource1: 'CITY' });
  t.equal(noValue.json().ErrorMessage, 'FilterValue1 is required with FilterControlSource1');
  const badExpr = await get({ BusinessObject: 'AR1', Filter: "city = 'Utrecht' OR city = 'Zwolle'" });
  t.equal(badExpr.statusCode, 400);
  t.match(badExpr.json().ErrorMessage, /Unsupported value/);
  const badDate = await get({
    BusinessObject: 'AR1',
    FilterControlSource1: 'INP_DATE',
    FilterValueType1: 'D',
    FilterValue1: 'gisteren',
  });
  t.equal(badDate.statusCode, 400);
});
