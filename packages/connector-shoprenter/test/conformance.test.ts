/**
 * The shared source conformance suite over the Shoprenter connector: every webhook fixture, and
 * the reconciliation poll against the Shoprenter simulator on a real port (OAuth token, the
 * documented 3 requests/s limit on, paged REST collections).
 */
import type { AddressInfo } from 'node:net';
import { runSourceConformance, type WebhookFixture } from '@koppel/connector-sdk/testing';
import { buildShoprenterSimulator, type CreateOrderInput } from '@koppel/sim-shoprenter';
import t from 'tap';
import { shoprenterConnector } from '../src/index.js';
import { contentTypeOf, expectedErrors, fixtureNames, readFixture } from './fixture-files.js';

const SHOP = 'conformance';
const CLIENT = { clientId: 'conformance-client', clientSecret: 'conformance-secret' };

function webhookFixtures(): WebhookFixture[] {
  return fixtureNames().map((name) => {
    const expected = expectedErrors[name];
    return {
      name,
      input: { contentType: contentTypeOf(name), body: readFixture(name), query: {}, headers: {} },
      expect: expected === undefined ? 'events' : { errorCode: expected.code },
    };
  });
}

/** A Dutch shopper's order in EUR with two VAT rates and a shipping fee (a person, no company). */
function order(index: number): CreateOrderInput {
  return {
    customer: {
      firstname: 'Anna',
      lastname: 'de Vries',
      email: `anna+${index}@example.nl`,
      phone: '+31201234567',
    },
    company: '',
    taxNumber: '',
    billingAddress: {
      address1: 'Kerkstraat 12a',
      city: 'Utrecht',
      postcode: '3511 AB',
      countryName: 'Netherlands',
      countryCode: 'NL',
    },
    lines: [
      { sku: 'MUG-01', name: 'Mug', netPrice: '12.40', taxRate: '21', quantity: 2 },
      { sku: 'TEA-01', name: 'Tea', netPrice: '4.95', taxRate: '9', quantity: 3 },
    ],
    shipping: { name: 'PostNL', extension: 'WSESHIP', netPrice: '4.13', taxRate: '21' },
    payment: { name: 'iDEAL', code: 'BANK_TRANSFER', netPrice: '0', taxRate: '21' },
    currency: 'EUR',
  };
}

async function startPolled(orders: number) {
  const sim = buildShoprenterSimulator({
    shopName: SHOP,
    clients: [{ ...CLIENT, scopes: ['orders'] }],
    // The documented limit stays on: the connector's own limiter must keep under it.
    rateLimit: { requests: 3, windowMs: 1000 },
  });
  for (let index = 0; index < orders; index += 1) await sim.createOrder(order(index));
  await sim.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = sim.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    settings: { shopName: SHOP, apiBaseUrl: baseUrl, oauthBaseUrl: baseUrl, polling: { enabled: true } },
    credentials: CLIENT,
    wrongCredentials: { ...CLIENT, clientSecret: 'not-the-secret' },
    close: () => sim.app.close(),
  };
}

t.test('Shoprenter passes the source conformance suite', async (t) => {
  await runSourceConformance(t, {
    connector: shoprenterConnector,
    webhookFixtures: webhookFixtures(),
    startPolled,
  });
});
