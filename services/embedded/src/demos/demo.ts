import { SANDBOX_CREDENTIALS } from '@koppel/sandbox';
import { asperionDemoSettings } from '../demo-settings.js';
import { asperionDemoCredentials } from './asperion-credentials.js';
import type { DemoDefinition, SampleOrder } from './demo-definition.js';
import { registerShoprenterWebhooks, shoprenterWebhookUrl } from './shoprenter-webhooks.js';

const shop = SANDBOX_CREDENTIALS.shoprenter;

/** `POST /_control/orders` of the Shoprenter simulator answers `{innerId, id, ...}`; Koppel keys the order by innerId. */
export const shoprenterInnerId = (answer: unknown): string => {
  const innerId = (answer as { innerId?: unknown } | null)?.innerId;
  if (typeof innerId !== 'string' && typeof innerId !== 'number') throw new Error('no innerId in the answer');
  return String(innerId);
};

/** A Dutch company's order in euros: two rates (21 %, 9 %), shipping, paid by iDEAL. */
const sampleOrder: SampleOrder = {
  path: '/_control/orders',
  body: (email) => ({
    customer: { firstname: 'Anna', lastname: 'de Vries', email, phone: '+31201234567' },
    company: 'De Vries Thee B.V.',
    taxNumber: 'NL859123456B01',
    billingAddress: { address1: 'Kerkstraat 12a', city: 'Utrecht', postcode: '3511 AB', countryCode: 'NL' },
    lines: [
      { sku: 'MUG-01', name: 'Mug', netPrice: '12.40', taxRate: '21', quantity: 2 },
      { sku: 'TEA-01', name: 'Tea', netPrice: '4.95', taxRate: '9', quantity: 3 },
    ],
    shipping: { name: 'PostNL', extension: 'WSESHIP', netPrice: '4.13', taxRate: '21' },
    payment: { name: 'iDEAL', code: 'BANK_TRANSFER', netPrice: '0', taxRate: '21' },
    currency: 'EUR',
  }),
  externalOrderId: shoprenterInnerId,
};

/**
 * `demo`: the Shoprenter simulator → the Asperion simulator (administration 12345), orders by
 * webhook, with the reconciliation poll catching one whose webhook never came.
 */
export const shoprenterToAsperion: DemoDefinition = {
  id: 'demo',
  title: 'Shoprenter → Asperion',
  source: 'shoprenter',
  target: 'asperion',
  connection: async (ctx) => ({
    name: 'Demo: Shoprenter simulator → Asperion simulator',
    sourceSystem: 'shoprenter',
    targetSystem: 'asperion',
    settings: asperionDemoSettings(ctx.urls.asperion),
    credentials: await asperionDemoCredentials(ctx),
    sourceSettings: {
      shopName: shop.shopName,
      apiBaseUrl: ctx.urls.shoprenter,
      oauthBaseUrl: ctx.urls.shoprenter,
      polling: { enabled: true, intervalSeconds: 60 },
    },
    sourceCredentials: { clientId: shop.clientId, clientSecret: shop.clientSecret },
  }),
  prepare: (ctx, id) => registerShoprenterWebhooks(ctx.sims.shoprenter, shoprenterWebhookUrl(ctx, id)),
  sampleOrder,
};
