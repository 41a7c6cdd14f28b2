import t from 'tap';
import { API_KEY, setupAdmin } from './helpers.js';

const { app } = await setupAdmin(t);
const res = await app.inject({ url: '/openapi.json' });
const doc = res.json();

t.test('the document is OpenAPI 3.1 with both API-key schemes', async (t) => {
  t.equal(res.statusCode, 200);
  t.equal(doc.openapi, '3.1.0');
  t.match(doc.info, { title: String, version: String });
  t.match(doc.components.securitySchemes, {
    apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    bearerAuth: { type: 'http', scheme: 'bearer' },
  });
});

t.test('every admin route is listed, secured, with its schemas', async (t) => {
  const expected: [string, string][] = [
    ['/admin/v1/connections', 'post'],
    ['/admin/v1/connections', 'get'],
    ['/admin/v1/connections/{id}', 'get'],
    ['/admin/v1/connections/{id}', 'patch'],
    ['/admin/v1/connections/{id}/rotate-webhook-secret', 'post'],
    ['/admin/v1/connections/{id}/orders/{externalOrderId}', 'get'],
    ['/admin/v1/systems', 'get'],
    ['/admin/v1/connections/{id}/check', 'post'],
    ['/admin/v1/connections/{id}/cursor', 'get'],
    ['/admin/v1/connections/{id}/cursor', 'put'],
    ['/admin/v1/connections/{id}/poll-now', 'post'],
  ];
  for (const [path, method] of expected) {
    const operation = doc.paths[path]?.[method];
    t.ok(operation, `${method.toUpperCase()} ${path} listed`);
    t.same(operation?.security, [{ apiKey: [] }, { bearerAuth: [] }], `${method} ${path} secured`);
    t.ok(operation?.responses?.['401'], `${method} ${path} documents 401`);
  }
  t.notOk(doc.paths['/openapi.json'], 'the document itself is hidden');
});

t.test('request and response schemas come from zod', async (t) => {
  const create = doc.paths['/admin/v1/connections'].post;
  const body = create.requestBody.content['application/json'].schema;
  t.same(body.properties.targetSystem.enum, ['books'], 'only systems with a connector');
  t.same(body.properties.sourceSystem.enum, ['webshop', 'hookshop']);
  t.same([...body.required].sort(), ['credentials', 'name', 'sourceSystem', 'targetSystem', 'tenantId']);
  t.equal(body.additionalProperties, false);
  const created = create.responses['201'].content['application/json'].schema;
  t.ok(created.properties.webhook, '201 shows the webhook');
  t.notOk(created.properties.credentials, 'credentials are never in a response');
  t.ok(create.responses['400'].content['application/problem+json'].schema.properties.field);

  const list = doc.paths['/admin/v1/connections'].get;
  t.match(list.parameters, [{ in: 'query', name: 'tenantId' }]);
  const journey = doc.paths['/admin/v1/connections/{id}/orders/{externalOrderId}'].get;
  t.match(journey.responses['200'].content['application/json'].schema.properties.status, {
    enum: Array,
  });
});

t.test("each system's settings and credentials schemas are components, credentials write-only", async (t) => {
  const schemas = doc.components.schemas;
  t.same(Object.keys(schemas).sort(), [
    'books.target.credentials',
    'books.target.settings',
    'hookshop.source.credentials',
    'hookshop.source.settings',
    'webshop.source.credentials',
    'webshop.source.settings',
  ]);
  t.match(schemas['books.target.settings'], {
    type: 'object',
    properties: { tenantId: { type: 'integer' }, journal: { default: 'VK' } },
    required: ['tenantId'],
  });
  t.notOk(schemas['books.target.settings'].writeOnly, 'settings are shown');
  t.match(schemas['books.target.credentials'], {
    writeOnly: true,
    properties: { clientId: { writeOnly: true }, clientSecret: { writeOnly: true } },
    required: ['clientId', 'clientSecret'],
  });
  t.match(schemas['webshop.source.settings'].properties.shopName, { pattern: String });
  const create = doc.paths['/admin/v1/connections'].post;
  const body = create.requestBody.content['application/json'].schema;
  t.ok(body.properties.sourceSettings && body.properties.sourceCredentials, 'source side in the body');
  t.ok(create.responses['422'].content['application/problem+json'], 'create documents 422');
  t.ok(doc.paths['/admin/v1/connections/{id}'].patch.responses['422'], 'patch documents 422');
  t.ok(doc.paths['/admin/v1/connections/{id}/cursor'].put.responses['422'], 'cursor reset documents 422');
});

t.test('only the admin API is documented (health, metrics and docs routes are operational)', async (t) => {
  t.same(
    Object.keys(doc.paths).filter((path) => !path.startsWith('/admin/v1/')),
    [],
  );
});

t.test('every route that takes a body documents the 413 and 415 fastify answers', async (t) => {
  for (const [path, item] of Object.entries<Record<string, { responses: Record<string, unknown> }>>(
    doc.paths,
  )) {
    for (const [method, operation] of Object.entries(item)) {
      const takesBody = ['post', 'put', 'patch', 'delete'].includes(method);
      for (const status of ['413', '415']) {
        t.equal(Boolean(operation.responses[status]), takesBody, `${method} ${path} ${status}`);
      }
    }
  }
  const url = '/admin/v1/connections';
  const headers = { authorization: `Bearer ${API_KEY}` };
  const xml = await app.inject({
    method: 'POST',
    url,
    headers: { ...headers, 'content-type': 'application/xml' },
    payload: '<connection/>',
  });
  t.equal(xml.statusCode, 415);
  t.match(xml.json(), { code: 'UNSUPPORTED_MEDIA_TYPE', field: 'headers.content-type' });
  const huge = await app.inject({
    method: 'POST',
    url,
    headers: { ...headers, 'content-type': 'application/json' },
    payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
  });
  t.equal(huge.statusCode, 413);
  t.match(huge.json(), { code: 'PAYLOAD_TOO_LARGE', field: 'body' });
  t.match(doc.paths[url].post.responses['415'].content['application/problem+json'].schema.properties, {
    code: Object,
    field: Object,
  });
});
