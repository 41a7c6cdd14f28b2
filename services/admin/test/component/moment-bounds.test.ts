/**
 * Moments a caller gives that JavaScript parses but Postgres cannot hold (year 0, or year 10000
 * once the offset is applied) are 400 naming the field, never the database's 500.
 */
import t from 'tap';
import { AUTH, createConnection, setupAdmin } from './helpers.js';

const { app } = await setupAdmin(t);
const connection = await createConnection(app, 'tenant-moments', {
  sourceSettings: { shopName: 'demo', polling: { enabled: true, intervalSeconds: 120 } },
});
const base = `/admin/v1/connections/${connection.id}`;
const YEAR_ZERO = '0000-01-01T00:00:00Z';
const YEAR_10000 = '9999-12-31T23:59:59-14:00';

t.test('the activity log refuses from/to outside the years 1 to 9999', async (t) => {
  for (const [param, value] of [
    ['from', YEAR_ZERO],
    ['to', YEAR_10000],
  ] as const) {
    const res = await app.inject({
      url: `${base}/orders?${param}=${encodeURIComponent(value)}`,
      headers: AUTH,
    });
    t.equal(res.statusCode, 400, `${param}=${value}`);
    t.match(res.json(), { code: 'VALIDATION_FAILED', field: `query.${param}`, detail: /0001-01-01/ });
  }
  const edge = await app.inject({
    url: `${base}/orders?from=${encodeURIComponent('0001-01-01T00:00:00Z')}&to=${encodeURIComponent('9999-12-31T23:59:59Z')}`,
    headers: AUTH,
  });
  t.equal(edge.statusCode, 200, 'the first and last moments still work');
});

t.test('the reconciliation refuses a period outside the years 1 to 9999', async (t) => {
  const periods = [
    [YEAR_ZERO, '0000-01-02T00:00:00Z', 'query.from'],
    ['9999-12-31T00:00:00Z', YEAR_10000, 'query.to'],
  ];
  for (const [from, to, field] of periods) {
    const res = await app.inject({
      url: `${base}/reconciliation?from=${encodeURIComponent(from ?? '')}&to=${encodeURIComponent(to ?? '')}`,
      headers: AUTH,
    });
    t.equal(res.statusCode, 400, `${from} – ${to}`);
    t.match(res.json(), { code: 'VALIDATION_FAILED', field });
  }
});

t.test('a cursor reset refuses a since before the year 1', async (t) => {
  const res = await app.inject({
    method: 'PUT',
    url: `${base}/cursor`,
    headers: AUTH,
    payload: { since: '0000-06-01T00:00:00+14:00' },
  });
  t.equal(res.statusCode, 400);
  t.match(res.json(), { code: 'VALIDATION_FAILED', field: 'body.since' });
});
