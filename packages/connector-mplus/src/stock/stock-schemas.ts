/**
 * zod schemas of the MplusQapi stock answers the stock source reads (WSDL `ArticleStock`,
 * `ArticleStockHistory`, `Product`/`Article`;
 * https://github.com/MplusKASSA/mplusqapi-php/blob/master/mplusqapi.wsdl). fast-xml-parser leaves
 * every leaf a string; a repeated element arrives as one object or an array.
 */
import { z } from 'zod';
import { wrapped, xsdInt, xsdLong } from '../api-schemas.js';

const asArray = (value: unknown) =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value];
/** A repeated element straight under the response (`articleStocks`, `articleStockHistory`). */
const repeated = <T extends z.ZodType>(item: T) => z.preprocess(asArray, z.array(item));
const text = z.union([z.string(), z.number().transform(String)]);
const optionalInt = z.preprocess((v) => (v === '' ? undefined : v), xsdInt.optional());

/** `SoapMplusDateTime`: the simulator and the vendor's examples give UTC (`timezone` 0). */
export const mplusDateTimeSchema = z
  .object({ sec: xsdInt, min: xsdInt, hour: xsdInt, day: xsdInt, mon: xsdInt, year: xsdInt })
  .loose()
  .transform((t) => new Date(Date.UTC(t.year, t.mon - 1, t.day, t.hour, t.min, t.sec)));

export const articleStockSchema = z
  .object({
    branchNumber: xsdInt,
    articleNumber: xsdLong,
    stockId: xsdLong,
    amountFree: xsdLong,
    decimalPlacesFree: optionalInt,
    amountReserved: xsdLong,
    decimalPlacesReserved: optionalInt,
    changeTimestamp: mplusDateTimeSchema.optional(),
  })
  .loose();
export type ArticleStock = z.infer<typeof articleStockSchema>;

/** getStock → `{ articleStocks[] }`. */
export const getStockResponse = z.object({ articleStocks: repeated(articleStockSchema) }).loose();

/** getStockHistory → `{ articleStockHistory[] { stockId, articleNumber, … } }`. */
export const getStockHistoryResponse = z
  .object({
    articleStockHistory: repeated(
      z.object({ stockId: xsdLong, articleNumber: xsdLong, branchNumber: optionalInt }).loose(),
    ),
  })
  .loose();

const stockArticleSchema = z
  .object({
    articleNumber: xsdLong,
    pluNumber: text.optional(),
    barcode: text.optional(),
    stockArticle: z.string().optional(),
  })
  .loose();
export type StockArticle = z.infer<typeof stockArticleSchema>;

/** getProducts → `productList { product[] { syncMarker, articleList { article[] } } }`. */
export const productPageResponse = z
  .object({
    productList: wrapped(
      'product',
      z
        .object({ syncMarker: xsdLong.optional(), articleList: wrapped('article', stockArticleSchema) })
        .loose(),
    ),
  })
  .loose();
