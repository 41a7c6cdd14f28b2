/**
 * Pure: one Mplus product as a `CatalogProduct` (README "Products"). Each article of the
 * product's `articleList` is a variant told apart by its `colour` and `size`; a product with one
 * article is a simple product with that article's SKU. A variant's SKU is the shop SKU the
 * connection's `articleNumbers` table maps to the article, else its PLU when the connection
 * matches SKUs as PLUs, else the article number: the same SKUs orders use the other way.
 * A product of several articles has the product number as its SKU [I]. Prices come in cents
 * incl. VAT (`price`) and excl. VAT (`priceExcl`); Mplus has no images.
 */
import type { CatalogProduct, CatalogVariant } from '@koppel/connector-sdk';
import type { MplusSettings } from '../settings.js';
import type { CatalogArticle, CatalogMplusProduct } from './product-schemas.js';

export type SkuSettings = Pick<MplusSettings, 'articleNumbers' | 'lookupSkuAsPlu' | 'currency'>;

/** Article number → shop SKU, from the connection's SKU → article number table. */
export function shopSkus(settings: SkuSettings): Map<string, string> {
  return new Map(Object.entries(settings.articleNumbers).map(([sku, number]) => [String(number), sku]));
}

function skuOf(article: CatalogArticle, settings: SkuSettings, mapped: ReadonlyMap<string, string>): string {
  return (
    mapped.get(article.articleNumber) ??
    (settings.lookupSkuAsPlu && article.pluNumber ? article.pluNumber : article.articleNumber)
  );
}

function attributesOf(article: CatalogArticle): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (article.colour) attributes.colour = article.colour;
  if (article.size) attributes.size = article.size;
  return attributes;
}

function changedAtOf(stamp: CatalogMplusProduct['changeTimestamp']): Date {
  if (!stamp) return new Date(0);
  return new Date(Date.UTC(stamp.year, stamp.mon - 1, stamp.day, stamp.hour, stamp.min, stamp.sec));
}

export function mapProduct(
  product: CatalogMplusProduct,
  settings: SkuSettings,
  mapped: ReadonlyMap<string, string> = shopSkus(settings),
): CatalogProduct | undefined {
  const articles = product.articleList;
  const first = articles[0];
  if (!first) return undefined;
  const variants: CatalogVariant[] =
    articles.length > 1
      ? articles.map((article) => {
          const price = article.salesPriceList?.[0];
          return {
            sku: skuOf(article, settings, mapped),
            ean: article.barcode,
            attributes: attributesOf(article),
            priceGrossMinor: price?.price,
            priceNetMinor: price?.priceExcl,
          };
        })
      : [];
  const price = first.salesPriceList?.[0];
  const group = product.groupNumbers?.[0];
  return {
    sku: articles.length > 1 ? product.productNumber : skuOf(first, settings, mapped),
    ean: articles.length > 1 ? undefined : first.barcode,
    name: product.description ?? first.description ?? product.productNumber,
    longDescription: product.extraText,
    priceGrossMinor: price?.price,
    priceNetMinor: price?.priceExcl,
    currency: settings.currency,
    vatRateBp: first.vatPercentage === undefined ? undefined : first.vatPercentage * 100,
    group,
    categories: [],
    images: [],
    characteristics: first.brandName ? { brand: first.brandName } : {},
    priceGroups: {},
    variants,
    active: articles.some((a) => a.active && !a.discontinued),
    changedAt: changedAtOf(product.changeTimestamp),
  };
}
