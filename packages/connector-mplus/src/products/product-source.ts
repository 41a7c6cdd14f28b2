/**
 * The MplusKASSA product source (README "Products"): `getProducts` for webshop articles
 * (`onlyWebshop`), paged by sync marker (MP-DEV: start at 0, ask again from the highest marker
 * returned, at most `syncMarkerLimit` products a call). The page token is that marker. The
 * whole catalogue is read every run: products are compared by content hash in the sync, so an
 * unchanged one is not sent.
 */
import type { CatalogPage, CatalogProduct, ProductSourceCapability } from '@koppel/connector-sdk';
import type { MplusSession } from '../session.js';
import { mapProduct, shopSkus } from './map-product.js';
import { catalogResponseSchema } from './product-schemas.js';

/** Products per `getProducts` call. */
export const PRODUCT_PAGE_SIZE = 250;

export const mplusProductSource: ProductSourceCapability<MplusSession> = {
  async read(session, options): Promise<CatalogPage> {
    const marker = options.page ?? '0';
    const answer = await session.client.call(
      'getProducts',
      { request: { onlyWebshop: true, syncMarker: marker, syncMarkerLimit: PRODUCT_PAGE_SIZE } },
      catalogResponseSchema,
      `products after sync marker ${marker}`,
    );
    const mapped = shopSkus(session.settings);
    const products = answer.productList.flatMap((product): CatalogProduct[] => {
      const catalog = mapProduct(product, session.settings, mapped);
      return catalog ? [catalog] : [];
    });
    const highest = answer.productList.reduce((max, p) => Math.max(max, p.syncMarker), Number(marker));
    const more = answer.productList.length >= PRODUCT_PAGE_SIZE;
    return { products, next: more ? String(highest) : undefined };
  },
};
