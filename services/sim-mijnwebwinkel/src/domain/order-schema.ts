import { z } from 'zod';

/**
 * The Order resource exactly as served (`components.schemas.Order` and children, notes 2.3).
 * Also the shape kept in state, so what is stored is what is served.
 */
export const taxPriceSchema = z.object({
  rate: z.string(),
  amount: z.string(),
  amount_including_tax: z.string(),
});

/** Entries of `price.tax`: the VAT amount per rate. */
export const orderTaxSchema = z.object({ rate: z.string(), amount: z.string() });

export const addressSchema = z.object({
  id: z.string().nullable(),
  gender: z.string(),
  name: z.string(),
  company: z.string(),
  phone: z.string(),
  street: z.string(),
  number: z.string(),
  zipcode: z.string(),
  city: z.string(),
  country: z.string(),
  country_code: z.string(),
});

export const invoiceAddressSchema = addressSchema.extend({ taxnumber: z.string(), bankaccount: z.string() });

export const orderDebtorSchema = z.object({
  id: z.string().nullable(),
  email: z.string(),
  link_to_account: z.boolean(),
  address: z.object({ invoice: invoiceAddressSchema, delivery: addressSchema }),
  // Deprecated copies of the invoice address, still served by the API.
  gender: z.string(),
  name: z.string(),
  company: z.string(),
  phone: z.string(),
  bankaccount: z.string(),
});

export const orderLineArticleSchema = z.object({
  id: z.number().int(),
  description: z.string(),
  sku: z.string(),
  price: z.object({ amount: z.string(), rate: z.string(), purchase_price: z.string() }),
  options: z.array(
    z.object({ list_option_id: z.number().int(), description: z.string(), price: z.string() }),
  ),
});

export const orderLineSchema = z.object({
  id: z.string(),
  type: z.string(),
  quantity: z.number().int(),
  unit_price: taxPriceSchema,
  unit_weight: z.string(),
  price_override: z.boolean(),
  articles: z.array(orderLineArticleSchema),
  weight: z.string(),
  description: z.string(),
  price: z.union([taxPriceSchema, z.array(taxPriceSchema)]),
});

export const orderSchema = z.object({
  number: z.union([z.number().int(), z.string()]),
  uuid: z.string(),
  date: z.string(),
  time: z.string(),
  status: z.number().int(),
  status_changed_date: z.string(),
  status_changed_time: z.string(),
  weight: z.string(),
  archived: z.boolean(),
  finished: z.boolean(),
  taxed: z.string(),
  locale: z.string(),
  discountcode: z.string(),
  currency: z.string(),
  currency_format_locale: z.string(),
  credited_order_number: z.number().int().nullable(),
  credit_order_numbers: z.array(z.number().int()),
  comments: z.object({ customer: z.string(), internal: z.string() }),
  business_model: z.enum(['B2C', 'B2B']),
  reference: z.string(),
  tax_region: z.string(),
  tax_strategy: z.enum(['', 'zero_percent', 'reverse_charged_vat']),
  partner: z.object({ name: z.string() }).nullable(),
  payment_status: z.string(),
  payment: z.object({
    gateway_name: z.string(),
    method_name: z.string(),
    status: z.object({ id: z.number().int(), text: z.string() }),
  }),
  debtor: orderDebtorSchema,
  price: z.object({ tax: z.union([orderTaxSchema, z.array(orderTaxSchema)]), total: z.string() }),
  orderlines: z.array(orderLineSchema),
  shipping: z.array(
    z.object({
      country: z.union([z.object({ description: z.string(), isocode: z.string() }), z.array(z.never())]),
    }),
  ),
});

export type TaxPrice = z.infer<typeof taxPriceSchema>;
export type OrderTax = z.infer<typeof orderTaxSchema>;
export type Address = z.infer<typeof addressSchema>;
export type InvoiceAddress = z.infer<typeof invoiceAddressSchema>;
export type OrderLine = z.infer<typeof orderLineSchema>;
export type Order = z.infer<typeof orderSchema>;

/** Payment status ids of the deprecated `payment.status` (notes 2.3). */
export const PAYMENT_STATUS_TEXTS: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'Successful',
  2: 'Cancelled',
  3: 'Failed',
  4: 'Expired',
  5: 'Pending',
  6: 'Refused',
  7: 'Refunded',
};

export const PAYMENT_STATUSES = [
  'new',
  'pending',
  'authorized',
  'captured',
  'voided',
  'refunded',
  'failed',
  'incomplete',
  'unknown',
] as const;
