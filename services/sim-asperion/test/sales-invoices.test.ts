import t from 'tap';
import { api, startSim } from './helpers.js';

const invoice = (overrides: Record<string, unknown> = {}) => ({
  invoiceNumber: 'WEB-10023',
  debtorCustomerNumber: '10001',
  date: '2025-03-01T00:00:00',
  bookyear: 2025,
  bookperiod: 3,
  journalId: 'VK',
  description: 'Webshop order #10023',
  paymentConditionId: 1,
  lines: {
    _data: [
      { description: 'T-shirt x2', amount: 41.32, ledgerAccountId: 8000, vatCode: 'H', vatAmount: 8.68 },
      { description: 'Shipping', amount: 4.13, ledgerAccountId: 8010, vatCode: 'H', vatAmount: 0.87 },
    ],
  },
  ...overrides,
});

type Errors = Record<string, string[]>;

t.test('create the documented invoice; server assigns id, status 1, totals', async (t) => {
  const { sim, auth } = await startSim();
  t.teardown(() => sim.app.close());
  const res = await api(
    sim,
    auth,
    'POST',
    '/v1/salesinvoiceswithlines',
    invoice({ amountExclVat: 45.45, vatAmount: 9.55, amountInclVat: 55 }),
  );
  t.equal(res.status, 201);
  t.match(res.body, {
    id: 1,
    invoiceNumber: 'WEB-10023',
    status: 1,
    amountExclVat: 45.45,
    vatAmount: 9.55,
    amountInclVat: 55,
    date: '2025-03-01T00:00:00',
    paymentDueDate: '2025-03-15T00:00:00',
    lines: { _meta: { totalCount: 2 } },
  });
  const lines = (res.body.lines as { _data: { id: number }[] })._data;
  t.ok(
    lines.every((l) => l.id > 0),
    'line ids assigned',
  );

  const computed = await api(sim, auth, 'POST', '/v1/salesinvoiceswithlines', {
    debtorCustomerNumber: '10002',
    date: '2025-04-10',
    lines: { _data: [{ description: 'Kookboek', amount: 18.35, ledgerAccountId: 8020, vatCode: 'L' }] },
  });
  t.equal(computed.status, 201);
  t.match(computed.body, {
    invoiceNumber: '250001',
    journalId: 'VK',
    bookyear: 2025,
    bookperiod: 4,
    vatAmount: 1.65,
    amountInclVat: 20,
  });
  t.equal(computed.body.paymentConditionId, 1, "the debtor's payment condition is the default");

  const headers = await api(sim, auth, 'GET', '/v1/salesinvoices');
  const first = (headers.body._data as Record<string, unknown>[])[0] ?? {};
  t.notOk('lines' in first, '/v1/salesinvoices answers headers only');
  t.match(first._meta, { self: /\/v1\/salesinvoices\/1$/ });
  t.equal((await api(sim, auth, 'GET', '/v1/salesinvoiceswithlines/2')).body.invoiceNumber, '250001');
  t.equal((await api(sim, auth, 'GET', '/v1/salesinvoiceswithlines/99')).status, 404);
});

t.test('duplicate invoice number is rejected with 400 on invoiceNumber', async (t) => {
  const { sim, auth } = await startSim();
  t.teardown(() => sim.app.close());
  t.equal((await api(sim, auth, 'POST', '/v1/salesinvoiceswithlines', invoice())).status, 201);
  const dup = await api(
    sim,
    auth,
    'POST',
    '/v1/salesinvoiceswithlines',
    invoice({ invoiceNumber: 'web-10023' }),
  );
  t.equal(dup.status, 400);
  t.same(Object.keys(dup.body.errors as Errors), ['invoiceNumber']);
});

t.test('validation errors name the field at fault', async (t) => {
  const { sim, auth } = await startSim();
  t.teardown(() => sim.app.close());
  const res = await api(sim, auth, 'POST', '/v1/salesinvoiceswithlines', {
    debtorCustomerNumber: '55555',
    date: '2025-02-30',
    journalId: 'IK',
    paymentConditionId: 42,
    status: 5,
    lines: {
      _data: [
        { amount: 10.001, ledgerAccountId: 8000, vatCode: 'H' },
        { amount: 10, ledgerAccountId: 9999, vatCode: 'ZZ' },
        { amount: 10, ledgerAccountId: 8900, vatCode: 'IH' },
        { amount: 100, ledgerAccountId: 8000, vatCode: 'H', vatAmount: 20 },
      ],
    },
  });
  t.equal(res.status, 400);
  t.same(Object.keys(res.body.errors as Errors).sort(), [
    'date',
    'debtorCustomerNumber',
    'journalId',
    'lines._data[0].amount',
    'lines._data[1].ledgerAccountId',
    'lines._data[1].vatCode',
    'lines._data[2].ledgerAccountId',
    'lines._data[2].vatCode',
    'lines._data[3].vatAmount',
    'paymentConditionId',
    'status',
  ]);
  const noLines = await api(
    sim,
    auth,
    'POST',
    '/v1/salesinvoiceswithlines',
    invoice({ lines: { _data: [] } }),
  );
  t.ok((noLines.body.errors as Errors).lines);
  const expiredCode = await api(
    sim,
    auth,
    'POST',
    '/v1/salesinvoiceswithlines',
    invoice({
      lines: { _data: [{ amount: 10, ledgerAccountId: 8020, vatCode: 'L6' }] },
    }),
  );
  t.ok((expiredCode.body.errors as Errors)['lines._data[0].vatCode'], '6% code is not valid in 2025');
  const totals = await api(
    sim,
    auth,
    'POST',
    '/v1/salesinvoiceswithlines',
    invoice({ amountExclVat: 45.46, amountInclVat: 60 }),
  );
  t.same(Object.keys(totals.body.errors as Errors).sort(), ['amountExclVat', 'amountInclVat']);
  const typeError = await api(
    sim,
    auth,
    'POST',
    '/v1/salesinvoiceswithlines',
    invoice({ lines: { _data: [{ amount: '12.00' }] } }),
  );
  t.ok((typeError.body.errors as Errors)['lines._data[0].amount'], 'a string amount is a type error');
});

t.test('VAT rounding: per-line and per-rate spreads both accepted, 2 cents off is not', async (t) => {
  const { sim, auth } = await startSim();
  t.teardown(() => sim.app.close());
  const lines = (a: number, b: number) => ({
    _data: [
      { amount: 37.5, ledgerAccountId: 8000, vatCode: 'H', vatAmount: a },
      { amount: 12.5, ledgerAccountId: 8000, vatCode: 'H', vatAmount: b },
    ],
  });
  const perLine = await api(
    sim,
    auth,
    'POST',
    '/v1/salesinvoiceswithlines',
    invoice({ invoiceNumber: 'R1', lines: lines(7.88, 2.63), vatAmount: 10.51 }),
  );
  t.equal(perLine.status, 201, 'per-line rounding (10.51)');
  const perRate = await api(
    sim,
    auth,
    'POST',
    '/v1/salesinvoiceswithlines',
    invoice({ invoiceNumber: 'R2', lines: lines(7.88, 2.62), vatAmount: 10.5 }),
  );
  t.equal(perRate.status, 201, 'per-rate total spread over lines (10.50)');
  const off = await api(
    sim,
    auth,
    'POST',
    '/v1/salesinvoiceswithlines',
    invoice({ invoiceNumber: 'R3', lines: lines(7.9, 2.63) }),
  );
  t.equal(off.status, 400);
  t.ok((off.body.errors as Errors)['lines._data[0].vatAmount']);
});

t.test('lookups: InvoiceNumber Equals vs Contains, Description, DateAdded range', async (t) => {
  let clock = Date.parse('2025-03-01T09:00:00Z');
  const { sim, auth } = await startSim({
    now: () => new Date(clock),
    accessTokenLifetimeSeconds: 30 * 86_400,
  });
  t.teardown(() => sim.app.close());
  await api(
    sim,
    auth,
    'POST',
    '/v1/salesinvoiceswithlines',
    invoice({ invoiceNumber: 'WEB-1', description: 'Order #1' }),
  );
  clock = Date.parse('2025-03-05T09:00:00Z');
  await api(
    sim,
    auth,
    'POST',
    '/v1/salesinvoiceswithlines',
    invoice({ invoiceNumber: 'WEB-10', description: 'Order #10' }),
  );
  const numbers = async (query: string) =>
    (
      (await api(sim, auth, 'GET', `/v1/salesinvoiceswithlines?${query}`)).body._data as {
        invoiceNumber: string;
      }[]
    ).map((i) => i.invoiceNumber);
  t.same(await numbers('InvoiceNumber=WEB-1'), ['WEB-1', 'WEB-10'], 'Contains is the default');
  t.same(await numbers('InvoiceNumber=WEB-1&InvoiceNumber_comparison=Equals'), ['WEB-1']);
  t.same(await numbers('InvoiceNumber=web-10&InvoiceNumber_comparison=equals'), ['WEB-10'], 'ignores case');
  t.same(
    await numbers(
      'InvoiceNumber=WEB-10&InvoiceNumber_comparison=Equals&Description=%231&Description_comparison=EndsWith',
    ),
    [],
    'the other filters still apply to what the number index finds',
  );
  t.same(await numbers('InvoiceNumber=WEB-1&InvoiceNumber_comparison=NotEquals'), ['WEB-10']);
  t.same(await numbers('InvoiceNumber=10&InvoiceNumber_comparison=EndsWith'), ['WEB-10']);
  t.same(await numbers('Description=order%20%2310&Description_comparison=equals'), ['WEB-10']);
  t.same(await numbers('DateAdded_from=2025-03-02'), ['WEB-10']);
  t.same(await numbers('DateAdded_to=2025-03-02T00:00:00'), ['WEB-1']);
  const bad = await api(sim, auth, 'GET', '/v1/salesinvoiceswithlines?DateAdded_from=yesterday');
  t.equal(bad.status, 400);
  t.ok((bad.body.errors as Errors).DateAdded_from);
});
