/**
 * The stock part of `GET /{company}/product` (README "Stock"): `<response><product>` with
 * `CikkSzam` (SKU), `EAN` and `Keszletek/Keszlet[]` whose `Raktar_Keszlet` is the stock of one
 * warehouse. The warehouse's identifier inside `Keszlet` is not in the public sources; the
 * simulator answers `RaktarID`, the name the invoice call takes stock from (README "Stock").
 * fast-xml-parser leaves every leaf a string and a single repeated element an object.
 */
import { z } from 'zod';

const asArray = (value: unknown) =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value];
const text = z.union([z.string(), z.number().transform(String)]);

/** A decimal quantity as InnVoice writes it: `25`, `2.5`, `-1.250`. */
const quantity = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?$/, 'not a decimal quantity');

export const warehouseStockSchema = z.object({ RaktarID: text, Raktar_Keszlet: quantity }).loose();

export const stockProductSchema = z
  .object({
    CikkSzam: text.optional(),
    EAN: text.optional(),
    Keszletek: z
      .preprocess(
        (v) => (v === '' || v === undefined ? {} : v),
        z.object({ Keszlet: z.preprocess(asArray, z.array(warehouseStockSchema)) }).loose(),
      )
      .optional(),
  })
  .loose();
export type StockProduct = z.infer<typeof stockProductSchema>;

export const productListSchema = z
  .object({
    response: z.preprocess(
      (v) => (v === '' || v === undefined ? {} : v),
      z.object({ product: z.preprocess(asArray, z.array(stockProductSchema)) }).loose(),
    ),
  })
  .loose();
