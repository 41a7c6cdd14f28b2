/**
 * A body nested thousands of levels deep (valid JSON, and the JSON-object fields of settings,
 * credentials and stock/product settings take any object) is 400 naming where it gets too deep,
 * never a 500 from a stack overflow.
 */
import t from 'tap';
import { AUTH, createConnection, setupAdmin } from './helpers.js';

const { app } = await setupAdmin(t);
const connection = await createConnection(app, 'tenant-deep');
const base = `/admin/v1/connections/${connection.id}`;
const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;

t.test('deeply nested JSON in any object field is 400 naming the field', async (t) => {
  const cases: [string, string, string, string][] = [
    ['PATCH', base, `{"settings":{"x":${deep}}}`, 'body.settings.x.a'],
    ['PATCH', base, `{"credentials":{"x":${deep}}}`, 'body.credentials.x.a'],
    ['PUT', `${base}/products/settings`, `{"x":${deep}}`, 'body.x.a'],
    ['PUT', `${base}/stock/settings`, `{"stock":{"x":${deep}}}`, 'body.stock.x.a'],
  ];
  for (const [method, url, payload, fieldStart] of cases) {
    const res = await app.inject({
      method: method as 'PUT',
      url,
      headers: { ...AUTH, 'content-type': 'application/json' },
      payload,
    });
    t.equal(res.statusCode, 400, `${method} ${url}`);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.match(res.json(), { code: 'VALIDATION_FAILED', detail: /deeper than 32 levels/ });
    t.ok(String(res.json().field).startsWith(fieldStart), res.json().field);
  }
});
