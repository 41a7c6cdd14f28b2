/**
 * The XML file inside the `productlist/get` zip. No sample is public (notes 3.1 name only the
 * call and its zip); the element names follow the order export's line fields (`product_id`,
 * `article_code`, `ean`, export-xml-names.ts) and are kept here, in one place, to correct when
 * a real file turns up. [INF]
 */
import type { Shop } from './state.js';

export const PRODUCT_LIST_FILE_NAME = 'productlist.xml';

export const PRODUCT_LIST_XML_NAMES = {
  root: 'productlist',
  product: 'product',
  productId: 'product_id',
  articleCode: 'article_code',
  ean: 'ean',
  name: 'name',
  /** Empty when stock is not tracked. */
  stock: 'stock',
} as const;

const escapeXml = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export function renderProductList(shop: Shop): string {
  const n = PRODUCT_LIST_XML_NAMES;
  const element = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;
  const products = shop.products.map(
    (p) =>
      `<${n.product}>${element(n.productId, p.productId)}${element(n.articleCode, p.sku)}${element(n.ean, p.ean)}${element(n.name, p.name)}${element(n.stock, p.stock === null ? '' : String(p.stock))}</${n.product}>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><${n.root}>${products.join('')}</${n.root}>`;
}
