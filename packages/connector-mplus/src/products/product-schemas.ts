/**
 * zod schema of MplusQapi's `getProducts` answer as the product source reads it (WSDL `Product`,
 * `Article`; README "Products"): `productList { product[] }`, each with `articleList { article[] }`
 * (the variants: `colour`, `size`, `barcode`, `pluNumber`), `groupNumbers`, `changeTimestamp`
 * and `syncMarker`. Leaves arrive as strings; money is `xsd:long` cents.
 */
import { z } from 'zod';
import { wrapped, xsdInt, xsdLong } from '../api-schemas.js';

const text = z
  .union([z.string(), z.number().transform(String)])
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const xsdBoolean = z
  .union([z.string(), z.boolean()])
  .optional()
  .transform((v) => v === true || v === 'true' || v === '1');
const cents = xsdLong.transform(Number).optional();

const salesPriceSchema = z.object({ price: cents, priceExcl: cents }).loose();

export const catalogArticleSchema = z
  .object({
    articleNumber: xsdLong,
    pluNumber: text,
    barcode: text,
    description: text,
    colour: text,
    size: text,
    active: xsdBoolean,
    webshop: xsdBoolean,
    discontinued: xsdBoolean,
    vatPercentage: xsdInt.optional(),
    brandName: text,
    salesPriceList: wrapped('salesPrice', salesPriceSchema).optional(),
  })
  .loose();

export type CatalogArticle = z.infer<typeof catalogArticleSchema>;

const dateTimeSchema = z
  .object({ sec: xsdInt, min: xsdInt, hour: xsdInt, day: xsdInt, mon: xsdInt, year: xsdInt })
  .loose();

export const catalogProductSchema = z
  .object({
    productNumber: xsdLong,
    description: text,
    extraText: text,
    articleList: wrapped('article', catalogArticleSchema),
    groupNumbers: wrapped('groupNumbers', xsdLong).optional(),
    changeTimestamp: dateTimeSchema.optional(),
    syncMarker: xsdLong.transform(Number),
  })
  .loose();

export type CatalogMplusProduct = z.infer<typeof catalogProductSchema>;

export const catalogResponseSchema = z
  .object({ productList: wrapped('product', catalogProductSchema) })
  .loose();
