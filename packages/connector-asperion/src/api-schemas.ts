/**
 * zod schemas of the Asperion responses the connector reads (field names of ASP-GO `types.go`,
 * README.md). Loose: Asperion's objects carry many more fields, and a debtor update
 * sends the record back whole, so unknown fields are kept.
 */
import { z } from 'zod';

/** Numbers are ids in some places and text in others (customerNumber "10045"): read both as text. */
const textId = z.union([z.string(), z.number()]).transform(String);

export const debtorSchema = z
  .object({
    id: z.number().int(),
    customerNumber: textId,
    name: z.string().nullish(),
    emailAddress: z.string().nullish(),
    blocked: z.boolean().nullish(),
  })
  .loose();
export type AsperionDebtor = z.infer<typeof debtorSchema>;

export const salesInvoiceSchema = z
  .object({
    id: z.number().int(),
    invoiceNumber: textId,
  })
  .loose();
export type AsperionSalesInvoice = z.infer<typeof salesInvoiceSchema>;

/** Article field names are not public (README.md): `code` is the article number [I]. */
export const articleSchema = z.object({ code: textId }).loose();

const entitySchemas = new WeakMap<z.ZodType, z.ZodType>();

/**
 * A created object is answered as the object itself; some ASP.NET APIs wrap it in `_data`.
 * Both are accepted, since the notes leave the POST response loosely typed (§1.5).
 */
export function entitySchema<T>(item: z.ZodType<T>): z.ZodType<T> {
  // Made once per item schema: zod compiles a schema on its first parse.
  let schema = entitySchemas.get(item);
  if (!schema) {
    const wrapped = z.object({ _data: item });
    schema = z.union([wrapped.transform((value): T => value._data), item]);
    entitySchemas.set(item, schema);
  }
  return schema as z.ZodType<T>;
}

/** `/v1/administrations` item (README.md). */
export const administrationSchema = z.object({ id: z.number().int(), name: z.string().nullish() }).loose();

/** `/v1/journals` item; `type` is not documented, so it is not relied on. */
export const journalSchema = z.object({ id: textId }).loose();

/** `/v1/vatcodes` item (README.md). */
export const vatCodeSchema = z.object({ id: textId, salesCode: z.boolean().nullish() }).loose();

/** `/v1/ledgeraccounts` item (README.md). */
export const ledgerAccountSchema = z
  .object({ id: z.number().int(), disabled: z.boolean().nullish() })
  .loose();

/** `/v1/paymentconditions` item (README.md). */
export const paymentConditionSchema = z.object({ id: z.number().int() }).loose();
