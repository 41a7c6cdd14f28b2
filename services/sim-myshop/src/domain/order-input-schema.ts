import { z } from 'zod';
import { PAYMENT_STATUSES } from './assumptions.js';
import { addressSchema } from './state.js';

/** Body of `POST /_control/shops/:shop/orders`: a checkout as the shopper completed it (or
 * aborted it). Money incl. VAT as decimal strings, rates as "21.00". */
const money = z.string().regex(/^\d+(\.\d{1,2})?$/, 'decimal string with at most 2 decimals');
const rate = z.string().regex(/^\d{1,2}(\.\d{1,2})?$/, 'VAT rate like "21.00"');

export const createOrderInputSchema = z.strictObject({
  placed_at: z.iso.datetime({ offset: true }).optional(),
  status_id: z.number().int().optional(),
  /** An aborted checkout: status "Afgebroken"; such orders still appear in the export. */
  aborted: z.boolean().default(false),
  payment_status: z.enum(PAYMENT_STATUSES).default('not_paid'),
  currency: z.string().length(3).default('EUR'),
  customer: z.strictObject({
    name: z.string().min(1),
    email: z.email(),
    phone: z.string().default(''),
    company: z.string().default(''),
    /** The company's VAT number. */
    vat_number: z.string().default(''),
  }),
  invoice_address: addressSchema.strict(),
  delivery_address: addressSchema.strict().optional(),
  lines: z
    .array(
      z.strictObject({
        /** The product's id or its SKU (article code); one of both. */
        product_id: z.string().optional(),
        sku: z.string().optional(),
        description: z.string().optional(),
        quantity: z.number().int().positive(),
        unit_price: money,
        vat_rate: rate.default('21.00'),
      }),
    )
    .min(1),
  shipping_costs: z.strictObject({ amount: money, vat_rate: rate.default('21.00') }).optional(),
  payment_costs: z.strictObject({ amount: money, vat_rate: rate.default('21.00') }).optional(),
  /** Order discounts (coupon or action), amounts incl. VAT. */
  discounts: z
    .array(
      z.strictObject({ code: z.string().default(''), description: z.string().default(''), amount: money }),
    )
    .default([]),
  comment: z.string().default(''),
  mutate_stock: z.boolean().default(true),
});

export type CreateOrderInput = z.infer<typeof createOrderInputSchema>;
