/**
 * zod schemas of Asperion's `/v1/articles` and `/v1/vatcodes` lists as the product source reads
 * them (README "Products"). The notes name the endpoint and `currentStock` but no article fields
 * [gap]; `code`, `description`, `ean`, `salesPrice` (decimal, excl. VAT [I]), `vatCode` and
 * `activeState` are the simulator's choice, in the API's camelCase.
 */
import { z } from 'zod';

const text = z
  .string()
  .nullish()
  .transform((v) => (v == null || v.trim() === '' ? undefined : v.trim()));

export const asperionArticleSchema = z
  .object({
    code: z.string().trim().min(1),
    description: text,
    ean: text,
    salesPrice: z.union([z.number(), z.string()]).nullish(),
    vatCode: text,
    activeState: text,
  })
  .loose();

export type AsperionArticle = z.infer<typeof asperionArticleSchema>;

const metaSchema = z.object({ pageCount: z.number().nullish(), nextPage: z.string().nullish() }).loose();

export const articlePageSchema = z
  .object({ _data: z.array(z.unknown()), _meta: metaSchema.optional() })
  .loose();

export const vatCodeSchema = z
  .object({ id: z.union([z.string(), z.number().transform(String)]), percentage: z.number() })
  .loose();
