/**
 * The InnVoice product source (README "Products"): `GET /{company}/product` answers the whole
 * catalogue in one page (no paging or change filter is known), so every run reads it all and
 * the sync's content hash skips what did not change. InnVoice gives no change time: a product's
 * `changedAt` is the time it was read.
 */
import type { CatalogPage, CatalogProduct, ProductSourceCapability } from '@koppel/connector-sdk';
import type { InnvoiceSession } from '../session.js';
import { mapProduct } from './map-product.js';
import { innvoiceProductSchema, productListSchema } from './product-schemas.js';

/** InnVoice prices are forints ([I]: the account's currency; Hungarian accounts invoice in HUF). */
export const INNVOICE_CATALOG_CURRENCY = 'HUF';

export const innvoiceProductSource: ProductSourceCapability<InnvoiceSession> = {
  async read(session): Promise<CatalogPage> {
    const answer = productListSchema.parse(await session.client.get('/product', 'product list'));
    const readAt = new Date();
    const products = (answer.response?.product ?? []).flatMap((raw): CatalogProduct[] => {
      const parsed = innvoiceProductSchema.safeParse(raw);
      const product = parsed.success ? mapProduct(parsed.data, INNVOICE_CATALOG_CURRENCY, readAt) : undefined;
      // A product without a SKU (CikkSzam) cannot be matched in any shop: it is left out.
      return product ? [product] : [];
    });
    return { products };
  },
};
