/**
 * The myShop product list (`productlist/get`: a zip with one XML file) read into the ids the
 * stock call needs. No sample of the file is public; the element names (`productlist/product`
 * with `product_id`, `article_code`, `ean`) are assumed like the simulator's and kept here, in
 * one place (README.md "Stock"). Pure.
 */
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { readFirstZipEntry } from './read-zip-entry.js';

export const PRODUCT_LIST_NAMES = {
  root: 'productlist',
  product: 'product',
  productId: 'product_id',
  articleCode: 'article_code',
  ean: 'ean',
} as const;

const n = PRODUCT_LIST_NAMES;
const text = z.preprocess((v) => (v === undefined || v === null ? '' : String(v)), z.string());
const productSchema = z.object({
  [n.productId]: text.pipe(z.string().min(1)),
  [n.articleCode]: text,
  [n.ean]: text,
});
const listSchema = z.object({
  [n.root]: z.preprocess(
    (v) => (v === '' || v === undefined ? {} : v),
    z.object({ [n.product]: z.array(productSchema).default([]) }),
  ),
});

export type ListedProduct = { productId: string; sku: string; ean: string };

const parser = new XMLParser({
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === n.product,
});

/** The products of a product-list zip, or a message saying what is wrong with it. */
export function readProductList(zip: Buffer): ListedProduct[] | { error: string } {
  const entry = readFirstZipEntry(zip);
  if ('error' in entry) return entry;
  let tree: unknown;
  try {
    tree = parser.parse(entry.content.toString('utf8'));
  } catch (cause) {
    return { error: `the product list is no XML: ${(cause as Error).message}` };
  }
  const parsed = listSchema.safeParse(tree);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: `the product list has no ${issue?.path.join('.') ?? n.root}` };
  }
  return (parsed.data[n.root]?.[n.product] ?? []).map((p) => ({
    productId: p[n.productId] ?? '',
    sku: p[n.articleCode] ?? '',
    ean: p[n.ean] ?? '',
  }));
}
