/**
 * zod schemas of the REST answers the poll reads (`Accept: application/json`): every scalar is
 * a string, empty ones may be `{}` or `null`, links are `{"href": ...}` (README.md).
 * Only the fields Koppel uses are named; the rest pass through unread.
 * https://doc.shoprenter.hu/api/order.html
 */
import { z } from 'zod';

const text = z
  .union([z.string(), z.number(), z.boolean(), z.null(), z.looseObject({})])
  .optional()
  .transform((value) =>
    value === undefined || value === null || typeof value === 'object' ? '' : String(value).trim(),
  );

/** `{"href": ".../orderStatuses/<id>"}`, or null / missing (an abandoned cart has no status). */
const link = z
  .union([z.object({ href: z.string() }), z.null()])
  .optional()
  .transform((value) => value?.href ?? '');

export const restOrderSchema = z.object({
  id: z.string().min(1),
  innerId: z.string().regex(/^\d+$/, 'innerId must be a number'),
  firstname: text,
  lastname: text,
  phone: text,
  fax: text,
  email: text,
  shippingFirstname: text,
  shippingLastname: text,
  shippingCompany: text,
  shippingAddress1: text,
  shippingAddress2: text,
  shippingCity: text,
  shippingPostcode: text,
  shippingCountryName: text,
  shippingZoneName: text,
  shippingMethodName: text,
  shippingMethodTaxRate: text,
  shippingMethodExtension: text,
  paymentFirstname: text,
  paymentLastname: text,
  paymentCompany: text,
  paymentAddress1: text,
  paymentAddress2: text,
  paymentCity: text,
  paymentPostcode: text,
  paymentCountryName: text,
  paymentZoneName: text,
  paymentMethodName: text,
  paymentMethodCode: text,
  paymentMethodTaxRate: text,
  taxNumber: text,
  comment: text,
  dateCreated: text,
  dateUpdated: z.string().regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}$/, 'dateUpdated must be a date'),
  orderStatus: link,
  customer: link,
  /** Writable (the API's field list marks it `readonly: false`): Koppel's write-back target. */
  invoiceId: text,
});

export const restOrderProductSchema = z.object({
  innerId: text,
  name: text,
  sku: text,
  modelNumber: text,
  gtin: text,
  /** Net unit price. */
  price: text,
  grossPrice: text,
  taxRate: text,
  /** The REST line has no quantity: stock1..stock4 are the quantities per warehouse (README.md). */
  stock1: text,
  stock2: text,
  stock3: text,
  stock4: text,
});

export const restOrderTotalSchema = z.object({
  type: text,
  value: text,
  /** e.g. "2.400 Huf": the only place a REST total names its currency. */
  valueText: text,
});

const collectionSchemas = new WeakMap<z.ZodType, z.ZodType>();

/**
 * A collection page (README.md): `next` is null on the last page. Made once per item schema:
 * zod compiles a schema on its first parse.
 */
export function collectionSchema<Item extends z.ZodType>(item: Item) {
  const made = () =>
    z.object({
      items: z.preprocess((value) => (value === null || value === '' ? [] : value), z.array(item)),
      next: z.union([z.object({ href: z.string() }), z.null()]).optional(),
    });
  let schema = collectionSchemas.get(item) as ReturnType<typeof made> | undefined;
  if (!schema) {
    schema = made();
    collectionSchemas.set(item, schema);
  }
  return schema;
}

export const orderStatusSchema = z.object({ innerId: z.string().regex(/^\d+$/) });
/** An `/orderStatuses` item with its resource id, which a status change is written with. */
export const orderStatusRefSchema = orderStatusSchema.extend({ id: z.string().min(1) });
export const orderStatusDescriptionSchema = z.object({ name: text });

export type RestOrder = z.output<typeof restOrderSchema>;
export type RestOrderProduct = z.output<typeof restOrderProductSchema>;
export type RestOrderTotal = z.output<typeof restOrderTotalSchema>;
