import { SANDBOX_CREDENTIALS } from '@koppel/sandbox';
import type { DemoContext, SampleOrder } from './demo-definition.js';

/**
 * The Mijnwebwinkel demo shop, shared by `demo-mijnwebwinkel` and `demo-mplus`: one shop feeding
 * two targets, as a shop owner with books in Asperion and a till in MplusKASSA has it. Its one
 * article has a numeric SKU, the MplusKASSA article number (Mplus takes numbers only).
 */
export const MIJNWEBWINKEL_ARTICLE = { sku: '100301', name: 'Theepot Blauw', price: '24.95' } as const;

export function mijnwebwinkelSource(ctx: DemoContext) {
  return {
    sourceSettings: {
      apiBaseUrl: ctx.urls.mijnwebwinkel,
      polling: { enabled: true, intervalSeconds: ctx.pollSeconds },
    },
    sourceCredentials: {
      apiToken: SANDBOX_CREDENTIALS.mijnwebwinkel.token,
      partnerToken: SANDBOX_CREDENTIALS.mijnwebwinkel.partnerToken,
    },
  };
}

/** Creates the demo article once (the simulator's `POST /_control/articles`). */
export async function seedMijnwebwinkelArticle(ctx: DemoContext): Promise<void> {
  const shop = ctx.sims.mijnwebwinkel;
  if (shop.articles.find({ sku: MIJNWEBWINKEL_ARTICLE.sku })) return;
  const response = await shop.app.inject({
    method: 'POST',
    url: '/_control/articles',
    payload: {
      name: MIJNWEBWINKEL_ARTICLE.name,
      categories: [{ id: 1, name: 'Thee' }],
      sku: MIJNWEBWINKEL_ARTICLE.sku,
      price: { default: MIJNWEBWINKEL_ARTICLE.price },
      stock: null,
    },
  });
  if (response.statusCode >= 300)
    throw new Error(`seeding the Mijnwebwinkel article failed: ${response.body}`);
}

/** Two teapots (21 %) and shipping, paid; the shop numbers the order (`number`, Koppel's key). */
export const mijnwebwinkelSampleOrder: SampleOrder = {
  path: '/_control/orders',
  body: (email) => ({
    debtor: {
      email,
      invoice: {
        name: 'Klaas Klant',
        street: 'Dorpsstraat',
        number: '12',
        zipcode: '1234AB',
        city: 'Utrecht',
      },
    },
    lines: [
      { type: 'article', sku: MIJNWEBWINKEL_ARTICLE.sku, quantity: 2 },
      { type: 'custom', description: 'Verzendkosten', unit_price: '4.95', rate: '21.00' },
    ],
    payment_status: 'captured',
  }),
  externalOrderId: (answer) => {
    const number = (answer as { number?: unknown } | null)?.number;
    if (typeof number !== 'number') throw new Error('no order number in the answer');
    return String(number);
  },
};
