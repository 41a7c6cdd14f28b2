import { asperionDemoSettings } from '../demo-settings.js';
import { asperionDemoCredentials } from './asperion-credentials.js';
import type { DemoDefinition } from './demo-definition.js';
import {
  mijnwebwinkelSampleOrder,
  mijnwebwinkelSource,
  seedMijnwebwinkelArticle,
} from './mijnwebwinkel-shop.js';

/**
 * `demo-mijnwebwinkel`: the Mijnwebwinkel simulator → the Asperion simulator, orders pulled by
 * "next order number to import" as Asperion's own importer does. Its invoices are numbered
 * `MWW-<order number>`, apart from the Shoprenter demo's `WEB-` in the same administration.
 */
export const mijnwebwinkelToAsperion: DemoDefinition = {
  id: 'demo-mijnwebwinkel',
  title: 'Mijnwebwinkel → Asperion',
  source: 'mijnwebwinkel',
  target: 'asperion',
  connection: async (ctx) => ({
    name: 'Demo: Mijnwebwinkel simulator → Asperion simulator',
    sourceSystem: 'mijnwebwinkel',
    targetSystem: 'asperion',
    ...mijnwebwinkelSource(ctx),
    settings: { ...asperionDemoSettings(ctx.urls.asperion), invoiceNumberPrefix: 'MWW-' },
    credentials: await asperionDemoCredentials(ctx),
  }),
  prepare: (ctx) => seedMijnwebwinkelArticle(ctx),
  sampleOrder: mijnwebwinkelSampleOrder,
};
