import t from 'tap';
import { AUTH, createConnection, setupAdmin } from './helpers.js';

const { app } = await setupAdmin(t);
const connection = await createConnection(app, 'tenant-methods');

t.test('a known path asked with a method it does not take is 405 with Allow', async (t) => {
  const cases: [string, string, string][] = [
    ['DELETE', `/admin/v1/connections/${connection.id}`, 'GET, HEAD, PATCH'],
    ['PUT', `/admin/v1/connections/${connection.id}`, 'GET, HEAD, PATCH'],
    ['DELETE', '/admin/v1/connections', 'GET, HEAD, POST'],
    ['GET', `/admin/v1/connections/${connection.id}/check`, 'POST'],
    ['PATCH', '/admin/v1/tenants/t1/retention', 'GET, HEAD, PUT'],
    ['OPTIONS', '/admin/v1/systems?x=1', 'GET, HEAD'],
    // The static segment wins over the parameter of …/dead-letters/:deadLetterId, as in routing.
    ['PUT', `/admin/v1/connections/${connection.id}/dead-letters/replay`, 'POST'],
    ['PUT', `/admin/v1/connections/${connection.id}/dead-letters/7`, 'GET, HEAD'],
    // …and GET of it is not taken for GET …/dead-letters/:deadLetterId with the id "replay".
    ['GET', `/admin/v1/connections/${connection.id}/dead-letters/replay`, 'POST'],
    ['QUERY', '/admin/v1/api-keys', 'GET, HEAD, POST'],
  ];
  for (const [method, url, allow] of cases) {
    const res = await app.inject({ method: method as 'GET', url, headers: AUTH });
    t.equal(res.statusCode, 405, `${method} ${url}`);
    t.equal(res.headers.allow, allow);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.match(res.json(), {
      status: 405,
      code: 'METHOD_NOT_ALLOWED',
      field: 'method',
      detail: new RegExp(method),
    });
  }
});

t.test('an unknown path is still 404 problem+json, inside and outside the admin prefix', async (t) => {
  for (const url of ['/admin/v1/nothing', `/admin/v1/connections/${connection.id}/nothing`, '/nothing']) {
    const res = await app.inject({ method: 'GET', url, headers: AUTH });
    t.equal(res.statusCode, 404, url);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.match(res.json(), { code: 'NOT_FOUND', detail: `no route GET ${url}` });
    t.notOk(res.headers.allow);
  }
});
