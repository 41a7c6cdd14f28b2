/**
 * The admin API over the real @koppel/connector-registry (buildAdminApp's default): the systems
 * it offers, their schemas, and a connection of each as services/embedded creates it.
 */
import { sourceSystems, targetSystems } from '@koppel/connector-registry';
import t from 'tap';
import { AUTH, newConnectionBody, setupAdmin } from './helpers.js';

const { app } = await setupAdmin(t, { connectors: null, checkTimeoutMs: 5000 });

/** Valid Asperion settings, as services/embedded/src/demo-settings.ts gives its demo connection. */
const asperionDemoSettings = (url: string) => ({
  apiBaseUrl: url,
  identityBaseUrl: url,
  tenantId: 12345,
  journalId: 'VK',
  revenueAccounts: [{ vatRateBp: 2100, ledgerAccountId: 8000 }],
  vatCodes: [{ vatRateBp: 2100, vatCode: 'H' }],
});

// A closed local port: the checks fail fast without calling any vendor.
const unreachable = 'http://127.0.0.1:9';
const realBody = (overrides: Record<string, unknown> = {}) =>
  newConnectionBody('tenant-registry', {
    sourceSystem: 'shoprenter',
    targetSystem: 'asperion',
    settings: asperionDemoSettings(unreachable),
    credentials: { clientId: 'koppel', clientSecret: 'very-secret-value', refreshToken: 'refresh-1' },
    sourceSettings: { shopName: 'demo-shop', polling: { enabled: true, intervalSeconds: 300 } },
    // Polling needs the shop's OAuth client (Shoprenter's rule across settings and credentials).
    sourceCredentials: { clientId: 'shop-client', clientSecret: 'shop-secret' },
    ...overrides,
  });
const post = (payload: object) =>
  app.inject({ method: 'POST', url: '/admin/v1/connections', headers: AUTH, payload });

t.test(
  "the registry's systems are offered, with their schemas in /systems and the OpenAPI document",
  async (t) => {
    const systems = (await app.inject({ url: '/admin/v1/systems', headers: AUTH })).json();
    t.ok(
      systems.sources.some((s: { system: string }) => s.system === 'shoprenter'),
      'shoprenter',
    );
    t.ok(
      systems.targets.some((s: { system: string }) => s.system === 'asperion'),
      'asperion',
    );
    const doc = (await app.inject({ url: '/openapi.json' })).json();
    t.match(doc.components.schemas['asperion.target.settings'], {
      required: Array,
      properties: { tenantId: {} },
    });
    t.match(doc.components.schemas['asperion.target.credentials'], { writeOnly: true });
    t.ok(doc.components.schemas['shoprenter.source.settings'], 'shoprenter settings');
    const body = doc.paths['/admin/v1/connections'].post.requestBody.content['application/json'].schema;
    t.ok(body.properties.targetSystem.enum.includes('asperion'));
    t.same(
      [...body.properties.targetSystem.enum].sort(),
      targetSystems().sort(),
      'exactly the registered targets are offered',
    );
    t.same([...body.properties.sourceSystem.enum].sort(), sourceSystems().sort(), 'and sources');
    t.notOk(body.properties.targetSystem.enum.includes('exact-online'), 'no system without a connector');
  },
);

t.test('a valid Shoprenter → Asperion connection is created and polled', async (t) => {
  const res = await post(realBody());
  t.equal(res.statusCode, 201, res.body);
  const created = res.json();
  t.match(created, {
    settings: { tenantId: 12345, journalId: 'VK' },
    credentialKeys: ['clientId', 'clientSecret', 'refreshToken'],
  });
  t.notMatch(res.body, /very-secret-value|refresh-1/);
  const cursor = await app.inject({ url: `/admin/v1/connections/${created.id}/cursor`, headers: AUTH });
  t.equal(cursor.statusCode, 200);
  t.match(cursor.json(), { description: /orders updated after/, intervalSeconds: 300 });
  const reset = await app.inject({
    method: 'PUT',
    url: `/admin/v1/connections/${created.id}/cursor`,
    headers: AUTH,
    payload: { orderNumber: 'SR-1' },
  });
  t.match(reset.json(), { status: 422, field: 'body.orderNumber' });

  const checked = await app.inject({
    method: 'POST',
    url: `/admin/v1/connections/${created.id}/check`,
    headers: AUTH,
  });
  t.equal(checked.statusCode, 200, 'an unreachable system is a finding, not a 500');
  t.match(checked.json(), { ok: false, findings: Array });
});

t.test('Asperion and Shoprenter schemas refuse bad input with 422 naming the field', async (t) => {
  const { tenantId: _omitted, ...withoutTenant } = asperionDemoSettings(unreachable);
  const cases: [Record<string, unknown>, string][] = [
    [{ settings: withoutTenant }, 'body.settings.tenantId'],
    [{ credentials: { clientId: 'koppel', clientSecret: 'x' } }, 'body.credentials.refreshToken'],
    [{ sourceSettings: { shopName: 'Not A Shop' } }, 'body.sourceSettings.shopName'],
  ];
  for (const [overrides, field] of cases) {
    const res = await post(realBody(overrides));
    t.equal(res.statusCode, 422, field);
    t.match(res.json(), { field }, field);
  }
});
