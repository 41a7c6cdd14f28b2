/**
 * zod schema of InnVoice's `GET /{company}/product` answer as the product source reads it
 * (README "Products"; field names from public client code): `<response><product>` with `Nev`
 * (name), `CikkSzam` (SKU), `EAN`, `Arak` (price-group prices, `Arcsoport_Ar`), and, where the
 * account has them, `AfaSzoveg` (VAT label) and `Termekcsoport` (product group) [I]. Every leaf is
 * text (the client parses without type conversion); a repeated element is one object or an array.
 */
import { z } from 'zod';

const asList = (value: unknown) =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value];
const text = z
  .union([z.string(), z.number().transform(String)])
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const priceSchema = z.object({ ArcsoportID: text, ArcsoportNev: text, Arcsoport_Ar: text }).loose();

export const innvoiceProductSchema = z
  .object({
    Nev: text,
    CikkSzam: text,
    EAN: text,
    AfaSzoveg: text,
    Termekcsoport: text,
    Arak: z
      .preprocess(
        (value) => (value === undefined || value === '' ? {} : value),
        z.object({ Ar: z.preprocess(asList, z.array(priceSchema)) }).loose(),
      )
      .optional(),
  })
  .loose();

export type InnvoiceProduct = z.infer<typeof innvoiceProductSchema>;

export const productListSchema = z
  .object({
    response: z
      .preprocess(
        (value) => (value === undefined || value === '' ? {} : value),
        z.object({ product: z.preprocess(asList, z.array(z.unknown())) }).loose(),
      )
      .optional(),
  })
  .loose();
