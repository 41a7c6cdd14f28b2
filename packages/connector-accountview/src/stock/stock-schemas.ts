/**
 * The `ARTICLE` rows of business object `AK1` the stock source reads (README "Stock"): `ART_CODE`
 * (the SKU), `QTY_AVAIL` (available stock, AV-PHP), `QTY_TECH` (the stock held, a JS client),
 * `CNG_DATE` (last change, AV-PHP) and `REC_ID` (the keyset paging key, AV-RUBY `check_next`).
 * Numbers arrive as JSON numbers (or decimal text from a lenient server).
 */
import { z } from 'zod';

const decimal = z.union([
  z.number().transform(String),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'not a decimal'),
]);
const optionalDecimal = z.preprocess((v) => (v === null || v === '' ? undefined : v), decimal.optional());

export const articleStockRowSchema = z
  .object({
    REC_ID: z.union([z.string(), z.number().transform(String)]),
    ART_CODE: z.string(),
    QTY_AVAIL: optionalDecimal,
    QTY_TECH: optionalDecimal,
    CNG_DATE: z.string().nullish(),
  })
  .loose();
export type ArticleStockRow = z.infer<typeof articleStockRowSchema>;

export const articleStockPageSchema = z
  .object({ ARTICLE: z.array(articleStockRowSchema).default([]) })
  .loose();
