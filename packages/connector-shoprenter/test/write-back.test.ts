import type { AddressInfo } from 'node:net';
import type { SessionServices } from '@koppel/connector-sdk';
import { buildShoprenterSimulator } from '@koppel/sim-shoprenter';
import t from 'tap';
import { shoprenterConnector, shoprenterSettingsSchema } from '../src/index.js';

/** Write-back against the simulator, with its documented 3 requests/s limit left on. */
const CLIENT = { clientId: 'wb-client', clientSecret: 'wb-secret' };
const sim = buildShoprenterSimulator({
  shopName: 'wb',
  clients: [{ ...CLIENT, scopes: ['orders'] }],
  rateLimit: { requests: 3, windowMs: 1000 },
});
await sim.app.listen({ host: '127.0.0.1', port: 0 });
const baseUrl = `http://127.0.0.1:${(sim.app.server.address() as AddressInfo).port}`;
t.teardown(() => sim.app.close());

const requests: string[] = [];
const services: SessionServices = {
  saveCredentials: async () => {},
  withCredentialsLock: async () => {
    throw new Error('not used');
  },
  fetch: (input, init) => {
    requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
    return fetch(input, init);
  },
  now: Date.now,
  requestTimeoutMs: 5000,
};

function session(writeBack: Record<string, unknown>) {
  const settings = shoprenterSettingsSchema.parse({
    shopName: 'wb',
    apiBaseUrl: baseUrl,
    oauthBaseUrl: baseUrl,
    writeBack,
  });
  const open = shoprenterConnector.openSession;
  if (!open) throw new Error('the Shoprenter connector opens sessions');
  return open({ connectionId: 'c-wb', tenantId: 't', settings, credentials: CLIENT }, services);
}

const placed = await sim.createOrder({
  customer: { firstname: 'Anna', lastname: 'Kovács', email: 'anna@example.hu', phone: '' },
  company: '',
  taxNumber: '',
  billingAddress: {
    address1: 'Fő utca 1',
    city: 'Szeged',
    postcode: '6720',
    countryName: 'Hungary',
    countryCode: 'HU',
  },
  lines: [{ sku: 'MUG-01', name: 'Mug', netPrice: '1000', taxRate: '27', quantity: 1 }],
  shipping: { name: 'GLS', extension: 'WSESHIP', netPrice: '0', taxRate: '27' },
  payment: { name: 'Utánvét', code: 'COD', netPrice: '0', taxRate: '27' },
  currency: 'HUF',
});
const booked = {
  externalOrderId: placed.innerId,
  targetSystem: 'asperion',
  documentNumber: 'WEB-2025-0042',
  documentId: '42',
  bookedAt: new Date(),
};

/** The order as the simulator stores it (read in-process: no request counts against the limit). */
function shopOrder() {
  const order = sim.state().orders.find((o) => String(o.innerId) === placed.innerId);
  return { invoiceId: order?.invoiceId, statusId: order?.statusId };
}

t.test('settings that ask for nothing write nothing and call nobody', async (t) => {
  requests.length = 0;
  const result = await shoprenterConnector.writeBack?.(session({}), booked);
  t.same(result, { written: [] });
  t.same(requests, [], 'no request to the shop');
});

t.test('the invoice number and the status go into the order with one PUT, then nothing more', async (t) => {
  const s = session({ invoiceNumber: true, orderStatusId: '5' });
  requests.length = 0;
  t.same(await shoprenterConnector.writeBack?.(s, booked), { written: ['invoiceId', 'orderStatus'] });
  t.equal(requests.filter((r) => r.startsWith('PUT')).length, 1, 'one PUT');
  t.same(shopOrder(), { invoiceId: 'WEB-2025-0042', statusId: 5 }, 'invoiceId and status 5 written');

  requests.length = 0;
  t.same(await shoprenterConnector.writeBack?.(s, booked), { written: [] }, 'idempotent');
  t.equal(requests.filter((r) => r.startsWith('PUT')).length, 0, 'a repeat sends no PUT');
});

t.test('an unknown status number names the setting', async (t) => {
  await t.rejects(
    async () => {
      await shoprenterConnector.writeBack?.(session({ orderStatusId: '999' }), booked);
    },
    { code: 'SOURCE_REJECTED', field: 'source.settings.writeBack.orderStatusId' },
  );
});

t.test('the simulator refuses an over-long invoiceId as Shoprenter refuses wrong data', async (t) => {
  await new Promise((resolve) => setTimeout(resolve, 1000)); // a fresh rate-limit window
  const response = await sim.app.inject({
    method: 'PUT',
    url: `/api/orders/${placed.id}`,
    headers: {
      authorization: `Bearer ${sim.issueToken(CLIENT.clientId)}`,
      accept: 'application/json',
      'content-type': 'application/json',
    },
    payload: { invoiceId: 'x'.repeat(65) },
  });
  t.equal(response.statusCode, 400);
});
