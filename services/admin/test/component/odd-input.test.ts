// Inputs schemathesis (scripts/test/schemathesis.sh) found answered with a 500 or an undocumented
// status: each must be a 400 problem+json naming the field, like any other bad input.
import t, { type Test } from 'tap';
import { AUTH, setupAdmin } from './helpers.js';

const { app } = await setupAdmin(t);

const isProblem400 = (t: Test, res: { statusCode: number; headers: Record<string, unknown> }) => {
  t.equal(res.statusCode, 400);
  t.match(res.headers['content-type'], /^application\/problem\+json/);
};

t.test(
  'a NUL character anywhere in the input is refused, naming where (Postgres cannot store it)',
  async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/admin/v1/api-keys',
      headers: AUTH,
      payload: { tenantId: 'tenant-a', label: 'a\u0000b' },
    });
    isProblem400(t, res);
    t.match(res.json(), { code: 'VALIDATION_FAILED', field: 'body.label' });

    const query = await app.inject({
      method: 'GET',
      url: '/admin/v1/connections?tenantId=a%00b',
      headers: AUTH,
    });
    isProblem400(t, query);
    t.match(query.json(), { code: 'VALIDATION_FAILED', field: 'query.tenantId' });
  },
);

t.test('a path parameter past the documented maximum reaches the schema', async (t) => {
  const res = await app.inject({
    method: 'GET',
    url: `/admin/v1/connections/${'x'.repeat(200)}`,
    headers: AUTH,
  });
  isProblem400(t, res);
  t.match(res.json(), { code: 'VALIDATION_FAILED', field: 'params.id' });
});

t.test("the router's own errors are problem+json too (over-long parameter, bad escape)", async (t) => {
  for (const url of [`/admin/v1/connections/${'x'.repeat(600)}`, '/admin/v1/connections/%E0%A4%A']) {
    const res = await app.inject({ method: 'GET', url, headers: AUTH });
    isProblem400(t, res);
    t.match(res.json(), { code: 'VALIDATION_FAILED', field: 'params' }, url.slice(0, 40));
  }
});
