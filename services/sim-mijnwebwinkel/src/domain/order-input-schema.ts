import { z } from 'zod';
import { PAYMENT_STATUSES } from './order-schema.js';

/** Body of `POST /_control/orders`: what a shopper's checkout would produce. Money as decimal
 * strings including VAT with at most 2 decimals; rates as "21.00". */
const money = z.string().regex(/^-?\d+(\.\d{1,2})?$/, 'decimal string with at most 2 decimals');
const rate = z.string().regex(/^\d{1,2}(\.\d{1,2})?$/, 'VAT rate like "21.00"');

export const addressInputSchema = z.strictObject({
  gender: z.string().default(''),
  name: z.string().min(1),
  company: z.string().default(''),
  phone: z.string().default(''),
  street: z.string().default(''),
  number: z.string().default(''),
  zipcode: z.string().min(1),
  city: z.string().default(''),
  country_code: z.string().length(2).default('NL'),
});

const articleLineSchema = z.strictObject({
  type: z.literal('article'),
  /** The article's `id`, or its `sku`; one of both. */
  article_id: z.number().int().optional(),
  sku: z.string().optional(),
  quantity: z.number().int().positive(),
  /** Defaults to the article's action price, else its default price. */
  unit_price: money.optional(),
  rate: rate.optional(),
  unit_weight: z.number().int().nonnegative().default(0),
  /** The chosen variant options (`articles[].options[]`: size, colour...); their price is
   * informational, the line's `unit_price` already includes it. */
  options: z
    .array(
      z.strictObject({
        list_option_id: z.number().int(),
        description: z.string().min(1),
        price: money.default('0.00'),
      }),
    )
    .default([]),
});

const customLineSchema = z.strictObject({
  type: z.literal('custom'),
  description: z.string().min(1),
  quantity: z.number().int().positive().default(1),
  unit_price: money,
  rate: rate.default('21.00'),
});

const discountLineSchema = z.strictObject({
  type: z.literal('discount'),
  description: z.string().min(1),
  /** One negative amount per VAT rate. */
  prices: z.array(z.strictObject({ rate, amount: money })).min(1),
});

export const orderLineInputSchema = z.discriminatedUnion('type', [
  articleLineSchema,
  customLineSchema,
  discountLineSchema,
]);

export const createOrderInputSchema = z.strictObject({
  /** ISO instant of the order; defaults to the simulator clock. */
  placed_at: z.iso.datetime({ offset: true }).optional(),
  status: z.number().int().optional(),
  test: z.boolean().default(false),
  archived: z.boolean().default(false),
  currency: z.string().length(3).default('EUR'),
  locale: z.string().default('nl_NL'),
  business_model: z.enum(['B2C', 'B2B']).default('B2C'),
  reference: z.string().default(''),
  tax_strategy: z.enum(['', 'zero_percent', 'reverse_charged_vat']).default(''),
  tax_region: z.string().length(2).optional(),
  discountcode: z.string().default(''),
  comments: z.strictObject({ customer: z.string().default(''), internal: z.string().default('') }).default({
    customer: '',
    internal: '',
  }),
  partner: z.string().optional(),
  payment_status: z.enum(PAYMENT_STATUSES).default('new'),
  payment: z
    .strictObject({
      gateway_name: z.string(),
      method_name: z.string(),
      status_id: z.number().int().min(0).max(7),
    })
    .default({ gateway_name: '', method_name: '', status_id: 0 }),
  debtor: z.strictObject({
    id: z.uuid().nullable().default(null),
    email: z.email(),
    link_to_account: z.boolean().default(false),
    invoice: addressInputSchema.extend({
      taxnumber: z.string().default(''),
      bankaccount: z.string().default(''),
    }),
    delivery: addressInputSchema.optional(),
  }),
  lines: z.array(orderLineInputSchema).min(1),
  /** Served as `shipping: [{country: []}]`, a shape seen live by a third party. */
  empty_shipping_country: z.boolean().default(false),
  /** Placing an order lowers article stock unless this is false (API `override_stock`). */
  mutate_stock: z.boolean().default(true),
  /** Makes this a credit order of that order number. */
  credited_order_number: z.number().int().optional(),
});

export type CreateOrderInput = z.infer<typeof createOrderInputSchema>;
export type OrderLineInput = z.infer<typeof orderLineInputSchema>;
export type AddressInput = z.infer<typeof addressInputSchema>;
