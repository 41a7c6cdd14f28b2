/**
 * CatalogProduct → Mijnwebwinkel article bodies (pure; spec `ArticlePostable`/`ArticlePatchable`).
 * The article has one `description` (the long one, else the short one); the short description
 * goes to `meta_description`, the only other text field of an article. Characteristics are
 * `extra.visible` (merchant fields shown in the shop), the EAN `extra.invisible.barcode` (where
 * the spec's example keeps it). Images by URL travel in `images`; inline (`data:`) images are
 * uploaded afterwards (image-uploads.ts). Price groups: `sale` becomes the `action` price (the
 * discounted price); the API has no customer-group prices. README.md "Product sink".
 * https://myonlinestore.github.io/public-api-docs/#tag/Articles
 */
import type { CatalogProduct } from '@koppel/connector-sdk';

/** A price group with this name (any case) is the article's `action` (discounted) price. */
export const SALE_PRICE_GROUPS = ['sale', 'actie', 'aanbieding'];

export const saleGroupOf = (product: CatalogProduct): number | undefined =>
  Object.entries(product.priceGroups).find(([name]) =>
    SALE_PRICE_GROUPS.includes(name.trim().toLowerCase()),
  )?.[1];

export const urlImagesOf = (product: CatalogProduct): string[] =>
  product.images.filter((image) => /^https?:\/\//i.test(image.trim())).map((image) => image.trim());

export type ArticlePrices = { price: string; action?: string | undefined };

export function priceBody(prices: ArticlePrices): Record<string, unknown> {
  return {
    price: { default: prices.price, ...(prices.action === undefined ? {} : { action: prices.action }) },
  };
}

/** Everything Koppel knows of the article (create, or update with product information). */
export function fullArticleBody(
  product: CatalogProduct,
  prices: ArticlePrices,
  categoryIds: readonly number[],
): Record<string, unknown> {
  const urls = urlImagesOf(product);
  return {
    name: product.name,
    description: product.longDescription ?? product.shortDescription ?? '',
    ...(product.shortDescription === undefined ? {} : { meta_description: product.shortDescription }),
    sku: product.sku,
    taxable: true,
    ...priceBody(prices),
    categories: categoryIds.map((id, index) => ({ category_id: id, is_main: index === 0, is_active: true })),
    extra: {
      visible: { ...product.characteristics },
      invisible: product.ean === undefined ? {} : { barcode: product.ean },
    },
    ...(urls.length === 0 ? {} : { images: urls.map((url, index) => ({ url, position: index + 1 })) }),
  };
}
