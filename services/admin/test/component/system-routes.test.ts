import t from 'tap';
import { AUTH, setupAdmin } from './helpers.js';

const { app } = await setupAdmin(t);

t.test(
  'GET /systems lists only the systems that have a connector, with capabilities and schemas',
  async (t) => {
    const res = await app.inject({ url: '/admin/v1/systems', headers: AUTH });
    t.equal(res.statusCode, 200);
    const body = res.json();
    t.same(
      body.sources.map((s: { system: string }) => s.system),
      ['webshop', 'hookshop'],
    );
    t.same(
      body.targets.map((s: { system: string }) => s.system),
      ['books'],
    );
    t.match(body.sources[0], {
      system: 'webshop',
      displayName: 'Test Shop',
      capabilities: {
        webhook: { authentication: 'url-secret', acceptedContentTypes: ['application/json'] },
        poll: { role: 'reconciliation' },
        check: true,
      },
      settingsSchema: {
        type: 'object',
        properties: { shopName: { type: 'string' } },
        required: ['shopName'],
      },
      credentialsSchema: { writeOnly: true, properties: { apiToken: { writeOnly: true } } },
    });
    t.match(body.sources[1], {
      system: 'hookshop',
      capabilities: { webhook: { authentication: 'standard-webhooks' }, poll: null, check: false },
    });
    t.match(body.targets[0], {
      system: 'books',
      displayName: 'Test Books',
      settingsSchema: { properties: { tenantId: { type: 'integer' } } },
      credentialsSchema: { writeOnly: true, required: ['clientId', 'clientSecret'] },
    });
    t.notOk('$schema' in body.targets[0].settingsSchema, 'no dialect line: OpenAPI 3.1 implies it');
  },
);

t.test('GET /systems needs the API key', async (t) => {
  t.equal((await app.inject({ url: '/admin/v1/systems' })).statusCode, 401);
});
