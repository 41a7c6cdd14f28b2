/**
 * The Order resource of the Connect API as the connector reads it (`components.schemas.Order`,
 * README "Vendor facts"): required `number, uuid, date, time, status, debtor`; everything else
 * defaulted, because live answers leave fields out. Parsed defensively where the spec or live
 * captures allow two shapes: `number` integer or string, `price` / `price.tax` object or array,
 * `shipping[].country` an object or `[]`.
 * https://myonlinestore.github.io/public-api-docs/
 */
import { z } from 'zod';

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

/** `{rate: "21.00", amount: "56.198347" (excl. VAT, ≤ 6 decimals), amount_including_tax: "68.00"}`. */
export const taxPriceSchema = z.object({
  rate: z.string(),
  amount: text,
  amount_including_tax: z.string(),
});
const taxPricesSchema = z
  .union([taxPriceSchema, z.array(taxPriceSchema)])
  .transform((value) => (Array.isArray(value) ? value : [value]));

export const addressSchema = z.object({
  name: text,
  company: text,
  phone: text,
  street: text,
  number: text,
  zipcode: text,
  city: text,
  country: text,
  country_code: text,
});
const invoiceAddressSchema = addressSchema.extend({ taxnumber: text });

const optionSchema = z.object({ description: text });
const lineArticleSchema = z.object({
  id: z.union([z.number(), z.string()]).nullish(),
  description: text,
  sku: text,
  options: z
    .array(optionSchema)
    .nullish()
    .transform((value) => value ?? []),
});

export const orderLineSchema = z.object({
  id: text,
  /** `article`, `custom` (costs, own items) or `discount` (price per VAT rate). */
  type: z.string(),
  quantity: z.number().int(),
  description: text,
  articles: z
    .array(lineArticleSchema)
    .nullish()
    .transform((value) => value ?? []),
  price: taxPricesSchema,
});

export const mijnwebwinkelOrderSchema = z.object({
  number: z
    .union([z.number().int(), z.string().regex(/^\d+$/, 'an order number of digits')])
    .transform(String),
  uuid: z.string(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
  time: z.string().regex(/^\d{2}:\d{2}:\d{2}$/, 'a time HH:MM:SS'),
  status: z.number().int(),
  status_changed_date: text,
  status_changed_time: text,
  currency: z.string().length(3),
  locale: text,
  discountcode: text,
  business_model: text,
  tax_strategy: text,
  payment_status: text,
  comments: z
    .object({ customer: text })
    .nullish()
    .transform((value) => value ?? { customer: '' }),
  payment: z
    .object({ gateway_name: text, method_name: text })
    .nullish()
    .transform((value) => value ?? { gateway_name: '', method_name: '' }),
  debtor: z.object({
    id: text,
    email: text,
    address: z.object({ invoice: invoiceAddressSchema, delivery: addressSchema.nullish() }),
  }),
  price: z.object({ total: z.string() }),
  orderlines: z.array(orderLineSchema),
});

export type MijnwebwinkelOrder = z.output<typeof mijnwebwinkelOrderSchema>;
export type MijnwebwinkelOrderLine = z.output<typeof orderLineSchema>;
export type MijnwebwinkelAddress = z.output<typeof addressSchema>;
export type TaxPrice = z.output<typeof taxPriceSchema>;

/** What the poll reads of each listed order before it decides; the payload keeps the whole order. */
export const listedOrderSchema = z.object({
  number: z.union([z.number().int(), z.string()]),
  date: z.string(),
  time: z.string().default('00:00:00'),
  status: z.number().int(),
  status_changed_date: text,
  status_changed_time: text,
  payment_status: text,
});
export type ListedOrder = z.output<typeof listedOrderSchema>;
