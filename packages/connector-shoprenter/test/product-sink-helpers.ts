/**
 * The Shoprenter simulator on a real port with the documented 3 requests/s limit on, a session
 * of the connector against it, and an admin client acting as the shop owner (its own rate-limit
 * key, calls through `inject`).
 */
import type { AddressInfo } from 'node:net';
import type { CatalogProduct, SessionServices } from '@koppel/connector-sdk';
import { buildShoprenterSimulator } from '@koppel/sim-shoprenter';
import type { Test } from 'tap';
import { shoprenterConnector, shoprenterCredentialsSchema, shoprenterSettingsSchema } from '../src/index.js';

const CLIENT = { clientId: 'product-client', clientSecret: 'product-secret' };
const OWNER = { clientId: 'owner-client', clientSecret: 'owner-secret' };

/** A 1×1 PNG as the books would inline it. */
export const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
export const PNG_2 =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

export function aProduct(overrides: Partial<CatalogProduct> = {}): CatalogProduct {
  return {
    sku: 'MUG-01',
    ean: '5990000000017',
    name: 'Bögre',
    shortDescription: 'Fehér bögre',
    longDescription: '<p>Porcelán bögre, 3 dl</p>',
    priceGrossMinor: 317_500,
    currency: 'HUF',
    vatRateBp: 2700,
    categories: [['Konyha', 'Bögrék']],
    images: [PNG, PNG_2],
    characteristics: { anyag: 'porcelán' },
    priceGroups: {},
    variants: [],
    active: true,
    changedAt: new Date('2026-11-30T10:00:00Z'),
    ...overrides,
  };
}

export async function startProductShop(t: Test) {
  const sim = buildShoprenterSimulator({
    shopName: 'products',
    clients: [
      { ...CLIENT, scopes: ['products'] },
      { ...OWNER, scopes: ['products'] },
    ],
    rateLimit: { requests: 3, windowMs: 1000 },
  });
  await sim.app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(() => sim.app.close());
  const baseUrl = `http://127.0.0.1:${(sim.app.server.address() as AddressInfo).port}`;
  const services: SessionServices = {
    saveCredentials: async () => {},
    withCredentialsLock: async () => {
      throw new Error('not used');
    },
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    requestTimeoutMs: 5000,
  };
  const open = (
    credentials: { clientId: string; clientSecret: string } = CLIENT,
    settings: Record<string, unknown> = {},
  ) => {
    const openSession = shoprenterConnector.openSession;
    if (!openSession) throw new Error('the Shoprenter connector opens no sessions');
    return openSession(
      {
        connectionId: 'c1',
        tenantId: 't1',
        settings: shoprenterSettingsSchema.parse({
          shopName: 'products',
          apiBaseUrl: baseUrl,
          oauthBaseUrl: baseUrl,
          ...settings,
        }),
        credentials: shoprenterCredentialsSchema.parse(credentials),
      },
      services,
    );
  };
  /** The shop owner's REST call (admin client), answered as JSON. */
  const owner = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    // The owner's app has its own 3 requests/s too: wait out a 429 as any client must.
    for (;;) {
      const res = await sim.app.inject({
        method,
        url: `/api${url}`,
        headers: { authorization: `Bearer ${sim.issueToken(OWNER.clientId)}`, accept: 'application/json' },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
      if (res.statusCode !== 429) return res.json() as Record<string, unknown>;
      await new Promise((resolve) => setTimeout(resolve, 350));
    }
  };
  /** API calls the connector made (the owner's injected calls aside) and how many were 429. */
  const seen = () => {
    // The owner's calls come through `inject`, whose user agent is light-my-request's.
    const calls = sim.kit.inspection
      .list({ pathPrefix: '/api/' })
      .filter((c) => c.headers['user-agent'] !== 'lightMyRequest');
    return { calls: calls.length, throttled: calls.filter((c) => c.status === 429).length };
  };
  const product = (sku: string) => sim.state().products.find((p) => p.sku === sku);
  return { sim, open, owner, seen, product, baseUrl };
}
