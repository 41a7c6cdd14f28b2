import { SANDBOX_CREDENTIALS } from '@koppel/sandbox';
import type { DemoContext, DemoDefinition } from './demo-definition.js';
import {
  MIJNWEBWINKEL_ARTICLE,
  mijnwebwinkelSampleOrder,
  mijnwebwinkelSource,
  seedMijnwebwinkelArticle,
} from './mijnwebwinkel-shop.js';

/** Mplus articles of the demo: the shop's teapot (its SKU is the article number), shipping, rounding. */
const SHIPPING_ARTICLE = 999;
const ROUNDING_ARTICLE = 998;

async function seedMplusArticles(ctx: DemoContext): Promise<void> {
  const response = await ctx.sims.mplus.app.inject({
    method: 'POST',
    url: '/_control/products',
    payload: {
      products: [
        {
          productNumber: 1,
          description: 'Webshop',
          articles: [
            // Prices in cents incl. VAT; vatCode 2 = 21 % in the simulator's tenant.
            {
              articleNumber: Number(MIJNWEBWINKEL_ARTICLE.sku),
              description: MIJNWEBWINKEL_ARTICLE.name,
              price: 2495,
              vatCode: 2,
            },
            // Not stock articles: they have no stock to send to the shop.
            {
              articleNumber: SHIPPING_ARTICLE,
              description: 'Verzendkosten',
              price: 0,
              vatCode: 2,
              stockArticle: false,
            },
            {
              articleNumber: ROUNDING_ARTICLE,
              description: 'Afronding',
              price: 0,
              vatCode: 2,
              stockArticle: false,
            },
          ],
        },
      ],
    },
  });
  if (response.statusCode >= 300) throw new Error(`seeding the Mplus articles failed: ${response.body}`);
}

/** The teapot's stock at the till (branch 1), counted once: later sales and counts are kept. */
async function seedMplusStock(ctx: DemoContext): Promise<void> {
  const counted = Object.keys(ctx.sims.mplus.store.state().stock).length > 0;
  if (counted) return;
  const response = await ctx.sims.mplus.app.inject({
    method: 'PUT',
    url: '/_control/stock',
    payload: {
      rows: [
        { branchNumber: 1, articleNumber: Number(MIJNWEBWINKEL_ARTICLE.sku), quantity: 25, mode: 'set' },
      ],
    },
  });
  if (response.statusCode >= 300) throw new Error(`seeding the Mplus stock failed: ${response.body}`);
}

/**
 * `demo-mplus`: the same Mijnwebwinkel shop → the MplusKASSA simulator (SOAP), each web order a
 * till order `WEB-<order number>` entered by the super user 999999 in branch 1.
 */
export const mijnwebwinkelToMplus: DemoDefinition = {
  id: 'demo-mplus',
  title: 'Mijnwebwinkel → MplusKASSA',
  source: 'mijnwebwinkel',
  target: 'mplus',
  connection: (ctx) => ({
    name: 'Demo: Mijnwebwinkel simulator → MplusKASSA simulator',
    sourceSystem: 'mijnwebwinkel',
    targetSystem: 'mplus',
    ...mijnwebwinkelSource(ctx),
    settings: {
      apiUrl: ctx.urls.mplus,
      taxCodes: [
        { vatRateBp: 2100, vatCode: 2 },
        { vatRateBp: 900, vatCode: 1 },
        { vatRateBp: 0, vatCode: 3 },
      ],
      shippingArticleNumber: SHIPPING_ARTICLE,
      roundingArticleNumber: ROUNDING_ARTICLE,
      defaultDeliveryMethod: 'BEZORGEN_MET_AUTO',
    },
    credentials: { ident: SANDBOX_CREDENTIALS.mplus.ident, secret: SANDBOX_CREDENTIALS.mplus.secret },
  }),
  prepare: async (ctx) => {
    await seedMijnwebwinkelArticle(ctx);
    await seedMplusArticles(ctx);
    await seedMplusStock(ctx);
  },
  sampleOrder: mijnwebwinkelSampleOrder,
  // The till's free stock of branch 1 goes to the shop's teapot (packages/stock-sync/README.md).
  stock: { enabled: true, warehouses: ['1'], changeIntervalSeconds: 5 },
};
