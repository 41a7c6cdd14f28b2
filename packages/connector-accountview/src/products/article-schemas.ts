/**
 * zod schemas of the AccountView rows the product source reads (README "Products"): `AK1` →
 * `ARTICLE` (`ART_CODE`, `ART_DESC1`, `PX_SELL`, `AG_CODE`, `CNG_DATE`, `IMG_MEDIUM`,
 * `IMG_M_DATA`, as AV-PHP reads them), `AG1` → `ART_GRP` (`AG_CODE`, `AG_DESC`) and `VA1` →
 * `VAT` (`VAT_CODE`, `VAT_PCT`). Character fields may carry FoxPro's trailing spaces.
 */
import { z } from 'zod';

const text = z
  .union([z.string(), z.number().transform(String)])
  .nullish()
  .transform((v) => (v == null ? undefined : v.trim() === '' ? undefined : v.trim()));
const decimal = z.union([z.number(), z.string()]).nullish();

export const articleRowSchema = z
  .object({
    ART_CODE: z
      .union([z.string(), z.number().transform(String)])
      .transform((v) => v.trim())
      .pipe(z.string().min(1, 'ART_CODE is empty')),
    ART_DESC1: text,
    /** A second description line [I]: the short description when present. */
    ART_DESC2: text,
    PX_SELL: decimal,
    AG_CODE: text,
    /** The article's VAT code [I], looked up in VA1 for its percentage. */
    VAT_CODE: text,
    /** Barcode/EAN [I]: the notes name no EAN field. */
    BAR_CODE: text,
    CNG_DATE: text,
    IMG_MEDIUM: text,
    IMG_M_DATA: text,
    /** Blocked articles are sent inactive [I] (REC_BLK, as on debtors). */
    REC_BLK: z.union([z.boolean(), z.string(), z.number()]).nullish(),
  })
  .loose();

export type ArticleRow = z.infer<typeof articleRowSchema>;

export const articleGroupRowSchema = z.object({ AG_CODE: text, AG_DESC: text }).loose();
export const vatRowSchema = z.object({ VAT_CODE: text, VAT_PCT: decimal }).loose();

export const articlePageSchema = z.object({ ARTICLE: z.array(z.unknown()).default([]) }).loose();
export const articleGroupsSchema = z.object({ ART_GRP: z.array(articleGroupRowSchema).default([]) }).loose();
export const vatCodesSchema = z.object({ VAT: z.array(vatRowSchema).default([]) }).loose();
