/**
 * The stock part of `GET /v1/articles` (README "Stock"): a `{ _data, _meta }` list whose items
 * have `code` (the SKU), `ean` and `currentStock` (read-only, https://help.asperion.nl/api/api-endpoints.aspx).
 * The public sources name no reservation field; `reservedStock` is read when an item has it
 * (the simulator's inference). `_meta.nextPage` is the next page's URL or null (ASP-GO `Meta`).
 */
import { z } from 'zod';

const quantity = z.number().finite();

export const articleStockSchema = z
  .object({
    code: z.string(),
    ean: z.string().nullish(),
    currentStock: quantity.nullish(),
    reservedStock: quantity.nullish(),
  })
  .loose();
export type ArticleStock = z.infer<typeof articleStockSchema>;

export const articleStockPageSchema = z
  .object({
    _data: z.array(articleStockSchema),
    _meta: z.object({ nextPage: z.string().nullish(), pageCount: z.number().optional() }).loose(),
  })
  .loose();
