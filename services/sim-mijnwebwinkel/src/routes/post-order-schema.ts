import { z } from 'zod';
import { booleanParam, commonQuerySchema } from './query-schemas.js';

/**
 * `POST /orders` body: the spec's `OrderPostable` (OrderPatchable + discountcode, business_model,
 * reference, debtor, payment, orderlines, shipping_method_id, shipping_type); unknown fields are
 * refused as everywhere in this simulator (README). Required: `orderlines`, `debtor`.
 */
const price = z.string().regex(/^-?\d+(\.\d{1,6})?$/, 'decimal string');
const rate = z.string().regex(/^\d{1,2}(\.\d{1,2})?$/, 'VAT rate like "21.00"');

const postAddressSchema = z.strictObject({
  id: z.string().optional(),
  gender: z.string().optional(),
  name: z.string().min(1),
  company: z.string().optional(),
  phone: z.string().optional(),
  street: z.string().optional(),
  number: z.string().optional(),
  zipcode: z.string().min(1),
  city: z.string().optional(),
  country: z.string().optional(),
  country_code: z.string().length(2).optional(),
});

const taxPriceInputSchema = z
  .strictObject({ rate, amount: price.optional(), amount_including_tax: price.optional() })
  .refine((p) => p.amount !== undefined || p.amount_including_tax !== undefined, {
    message: 'either amount or amount_including_tax must be specified',
  });

const orderDetailPostableSchema = z.strictObject({
  type: z.enum(['article', 'custom']),
  quantity: z.number().int().positive(),
  description: z.string().optional(),
  unit_price: taxPriceInputSchema.optional(),
  unit_weight: z.string().optional(),
  price_override: price.optional(),
  articles: z
    .array(
      z.strictObject({
        id: z.number().int(),
        options: z.array(z.strictObject({ list_option_id: z.coerce.number().int() })).optional(),
      }),
    )
    .optional(),
});

export const orderPostableSchema = z.strictObject({
  status: z.number().int().optional(),
  archived: z.boolean().optional(),
  comments: z.strictObject({ internal: z.string().optional() }).optional(),
  reference: z.string().max(255).optional(),
  offline_location_id: z.string().optional(),
  discountcode: z.string().optional(),
  business_model: z.enum(['B2C', 'B2B']).optional(),
  debtor: z.strictObject({
    id: z.uuid().optional(),
    email: z.email(),
    link_to_account: z.boolean().optional(),
    address: z.strictObject({
      invoice: postAddressSchema.extend({
        taxnumber: z.string().optional(),
        bankaccount: z.string().optional(),
      }),
      delivery: postAddressSchema.optional(),
    }),
  }),
  payment: z
    .strictObject({
      gateway_name: z.string(),
      method_name: z.string(),
      status: z.strictObject({ id: z.number().int().min(0).max(7) }).optional(),
    })
    .optional(),
  orderlines: z.array(orderDetailPostableSchema).min(1),
  shipping_method_id: z.string().optional(),
  shipping_type: z
    .number()
    .int()
    .refine((n) => [1, 2, 3, 5, 6, 7, 8].includes(n), 'one of 1, 2, 3, 5, 6, 7, 8')
    .optional(),
});
export type OrderPostable = z.output<typeof orderPostableSchema>;

export const postOrderQuerySchema = commonQuerySchema.extend({
  send_customer_notification: booleanParam.optional(),
  send_merchant_notification: booleanParam.optional(),
  override_stock: booleanParam.optional(),
  disable_shipping: booleanParam.optional(),
});
