/**
 * What the stock sink reads of the Article resource (`GET /v1/articles`, a bare JSON array):
 * the id, the SKU, the barcode in `extra.invisible.barcode` (where the spec's example keeps it)
 * and the variants with their ids. A variant's own `sku`/`extra` are not in the spec's
 * ArticleVariant schema (README.md "Stock": variants "with at least one diverging field value").
 * https://myonlinestore.github.io/public-api-docs/#tag/Articles
 */
import { z } from 'zod';

const extraSchema = z.unknown().optional();
const text = z.preprocess((v) => (typeof v === 'string' ? v : undefined), z.string().optional());

export const stockVariantSchema = z.object({ id: z.number().int(), sku: text, extra: extraSchema });

export const stockArticleSchema = z.object({
  id: z.number().int(),
  sku: text,
  extra: extraSchema,
  variants: z.array(stockVariantSchema).default([]),
});

export const stockArticlePageSchema = z.array(stockArticleSchema);

export type StockArticle = z.output<typeof stockArticleSchema>;

/** The EAN of an article or variant: `extra.invisible.barcode`, when it is there. */
export function barcodeOf(extra: unknown): string | undefined {
  if (typeof extra !== 'object' || extra === null) return undefined;
  const invisible = (extra as { invisible?: unknown }).invisible;
  if (typeof invisible !== 'object' || invisible === null) return undefined;
  const barcode = (invisible as { barcode?: unknown }).barcode;
  return typeof barcode === 'string' && barcode.trim() !== '' ? barcode.trim() : undefined;
}
