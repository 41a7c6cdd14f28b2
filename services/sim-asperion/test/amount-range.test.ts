import t from 'tap';
import { vatCents } from '../src/domain/money.js';
import { api, startSim } from './helpers.js';

type Errors = Record<string, string[]>;
const RANGE = 'must be between -9999999999999.99 and 9999999999999.99.';

const invoice = (line: Record<string, unknown>, header: Record<string, unknown> = {}) => ({
  debtorCustomerNumber: '10001',
  date: '2025-03-01',
  lines: { _data: [{ description: 'x', ledgerAccountId: 8000, vatCode: 'H', ...line }] },
  ...header,
});

t.test('a whole amount past the range is "out of range" naming the field, not "2 decimals"', async (t) => {
  const { sim, auth } = await startSim();
  t.teardown(() => sim.app.close());
  // The exact digits of the probe, sent as raw JSON text (a JS literal would already be 1e16).
  const raw = await sim.app.inject({
    method: 'POST',
    url: '/v1/salesinvoiceswithlines',
    headers: { ...auth, 'content-type': 'application/json' },
    payload: JSON.stringify(invoice({ amount: 0 })).replace('"amount":0', '"amount":9999999999999999'),
  });
  t.equal(raw.statusCode, 400);
  t.same(raw.json().errors as Errors, { 'lines._data[0].amount': [`The field amount ${RANGE}`] });

  const vat = await api(
    sim,
    auth,
    'POST',
    '/v1/salesinvoiceswithlines',
    invoice({ amount: 10, vatAmount: -1e16 }),
  );
  t.same(vat.body.errors as Errors, { 'lines._data[0].vatAmount': [`The field vatAmount ${RANGE}`] });

  const nl = await api(sim, { ...auth, 'accept-language': 'nl-NL' }, 'POST', '/v1/salesinvoiceswithlines', {
    ...invoice({ amount: 1e15 }),
  });
  t.same(nl.body.errors as Errors, {
    'lines._data[0].amount': ['Het veld amount moet tussen -9999999999999.99 en 9999999999999.99 liggen.'],
  });

  const decimals = await api(sim, auth, 'POST', '/v1/salesinvoiceswithlines', invoice({ amount: 12.345 }));
  t.same(decimals.body.errors as Errors, {
    'lines._data[0].amount': ['Amount may have at most 2 decimals.'],
  });
  const stored = await sim.app.inject({ method: 'GET', url: '/_control/invoices' });
  t.same(stored.json(), { invoices: [] }, 'nothing stored');
});

t.test('a header total past the range, and lines that add up past it, are refused', async (t) => {
  const { sim, auth } = await startSim();
  t.teardown(() => sim.app.close());
  const header = await api(
    sim,
    auth,
    'POST',
    '/v1/salesinvoiceswithlines',
    invoice({ amount: 10 }, { amountInclVat: 1e20 }),
  );
  t.same(header.body.errors as Errors, { amountInclVat: [`The field amountInclVat ${RANGE}`] });

  const big = { description: 'x', amount: 6e12, ledgerAccountId: 8000, vatCode: 'H' };
  const sum = await api(sim, auth, 'POST', '/v1/salesinvoiceswithlines', {
    debtorCustomerNumber: '10001',
    date: '2025-03-01',
    lines: { _data: [big, big] },
  });
  t.equal(sum.status, 400);
  t.same(sum.body.errors as Errors, {
    amountExclVat: [`The field amountExclVat ${RANGE}`],
    amountInclVat: [`The field amountInclVat ${RANGE}`],
  });
});

t.test('VAT on the largest amounts is exact to the cent (BigInt, not doubles)', async (t) => {
  // 9,999,999,998,337.00 x 21 % = 2,099,999,999,650.77 exactly; cents x 2100 in doubles gave .78.
  t.equal(vatCents(999_999_999_833_700, 21), 209_999_999_965_077);
  t.equal(vatCents(-999_999_999_833_700, 9), -89_999_999_985_033);
  t.equal(vatCents(2_012_5, 100), 2_012_5, 'small amounts unchanged');
  t.equal(vatCents(9583, 21), 2012, '20.1243 -> 20.12');
  t.equal(vatCents(9584, 21), 2013, '20.1264 -> 20.13');

  const { sim, auth } = await startSim();
  t.teardown(() => sim.app.close());
  // 8,264,462,809,917.00 x 21 % = 1,735,537,190,082.57 exactly (doubles gave .58); incl. VAT
  // 9,999,999,999,999.57 is still within range.
  const res = await api(sim, auth, 'POST', '/v1/salesinvoiceswithlines', invoice({ amount: 8264462809917 }));
  t.equal(res.status, 201, JSON.stringify(res.body));
  t.match(res.body, {
    amountExclVat: 8264462809917,
    vatAmount: 1735537190082.57,
    amountInclVat: 9999999999999.57,
    lines: { _data: [{ amount: 8264462809917, vatAmount: 1735537190082.57 }] },
  });
  const top = await api(
    sim,
    auth,
    'POST',
    '/v1/salesinvoiceswithlines',
    invoice({ amount: 9999999999999.99, vatCode: 'N', ledgerAccountId: 8030 }),
  );
  t.equal(top.status, 201, 'the largest amount itself is accepted');
  t.match(top.body, { amountInclVat: 9999999999999.99 });
});
