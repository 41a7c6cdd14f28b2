import { SANDBOX_CREDENTIALS } from '@koppel/sandbox';
import { INNVOICE_DEFAULT_CREDENTIALS } from '@koppel/sim-innvoice';
import type { DemoDefinition } from './demo-definition.js';
import { shoprenterInnerId } from './demo.js';
import { registerShoprenterWebhooks, shoprenterWebhookUrl } from './shoprenter-webhooks.js';
import { HU_SHOP_NAME } from './simulators.js';

const client = SANDBOX_CREDENTIALS.shoprenter;

/**
 * `demo-hu`: the Hungarian flow, a second Shoprenter shop (`demo-hu`, forints) → InnVoice, as
 * InnVoice's own Shoprenter link offers it. Final invoices on pad 1 "Webshop számlák" of the
 * simulator's company `koppeldemo`, stock taken from warehouse 1 for the SKUs InnVoice knows
 * (the sample's T-shirt and book are in the simulator's seed; README of sim-innvoice).
 */
export const shoprenterHuToInnvoice: DemoDefinition = {
  id: 'demo-hu',
  title: 'Shoprenter (HU, HUF) → InnVoice',
  source: 'shoprenterHu',
  target: 'innvoice',
  connection: (ctx) => ({
    name: 'Demo: Hungarian Shoprenter simulator → InnVoice simulator',
    sourceSystem: 'shoprenter',
    targetSystem: 'innvoice',
    settings: {
      apiBaseUrl: ctx.urls.innvoice,
      company: INNVOICE_DEFAULT_CREDENTIALS.name,
      invoicePadId: 1,
      documentType: 'invoice',
      finalisation: 'final',
      emailDocument: true,
      stockWarehouseId: 1,
    },
    credentials: {
      username: INNVOICE_DEFAULT_CREDENTIALS.username,
      password: INNVOICE_DEFAULT_CREDENTIALS.password,
    },
    sourceSettings: {
      shopName: HU_SHOP_NAME,
      apiBaseUrl: ctx.urls.shoprenterHu,
      oauthBaseUrl: ctx.urls.shoprenterHu,
      polling: { enabled: true, intervalSeconds: 60 },
    },
    sourceCredentials: { clientId: client.clientId, clientSecret: client.clientSecret },
  }),
  prepare: (ctx, id) => registerShoprenterWebhooks(ctx.sims.shoprenterHu, shoprenterWebhookUrl(ctx, id)),
  sampleOrder: {
    path: '/_control/orders',
    // A Budapest shopper, gross prices in whole forints: 27 % and the 5 % book rate, home delivery.
    body: (email) => ({
      customer: { firstname: 'Anna', lastname: 'Kovács', email, phone: '+36301112222' },
      billingAddress: { address1: 'Váci utca 12.', city: 'Budapest', postcode: '1052', countryCode: 'HU' },
      lines: [
        { sku: 'TSHIRT-BLK-M', name: 'Póló fekete M', netPrice: '6291.3386', taxRate: '27', quantity: 2 },
        { sku: 'BOOK-HU-01', name: 'Könyv', netPrice: '4752.381', taxRate: '5', quantity: 1 },
      ],
      shipping: { name: 'Házhozszállítás', extension: 'WSESHIP', netPrice: '1181.1024', taxRate: '27' },
      payment: { name: 'Utánvét', code: 'COD', netPrice: '0', taxRate: '27' },
      currency: 'HUF',
      languageCode: 'hu',
    }),
    externalOrderId: shoprenterInnerId,
  },
};
