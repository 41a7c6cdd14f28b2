import { z } from 'zod';
import { DEFAULT_ORDER_STATUSES, PAYMENT_STATUSES } from './assumptions.js';

/** The simulator's whole state; also the state file and `/_control/state` JSON. */
const money = z.string().regex(/^-?\d+(\.\d{1,2})?$/, 'decimal string with at most 2 decimals');
const rate = z.string().regex(/^\d{1,2}(\.\d{1,2})?$/, 'VAT rate like "21.00"');

export const partnerSchema = z.object({ name: z.string().min(1), key: z.string().min(1) });
export type Partner = z.infer<typeof partnerSchema>;

export const orderStatusSchema = z.object({
  id: z.number().int(),
  name: z.string().min(1),
  custom: z.boolean(),
});
export type OrderStatus = z.infer<typeof orderStatusSchema>;

export const productSchema = z.object({
  productId: z.string().min(1),
  sku: z.string(),
  ean: z.string().default(''),
  name: z.string(),
  stock: z.number().int().nullable(),
  changedAt: z.string(),
});
export type Product = z.infer<typeof productSchema>;

export const addressSchema = z.object({
  name: z.string().min(1),
  company: z.string().default(''),
  street: z.string().default(''),
  housenumber: z.string().default(''),
  zipcode: z.string().default(''),
  city: z.string().default(''),
  country: z.string().length(2).default('NL'),
});
export type Address = z.infer<typeof addressSchema>;

export const orderLineSchema = z.object({
  productId: z.string(),
  sku: z.string(),
  ean: z.string().default(''),
  description: z.string(),
  quantity: z.number().int().positive(),
  unitPriceIncl: money,
  vatRate: rate,
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const costSchema = z.object({ amountIncl: money, vatRate: rate });

/** An order discount (coupon or action): an amount incl. VAT, split over the lines' rates. */
export const discountSchema = z.object({ code: z.string(), description: z.string(), amountIncl: money });
export type Discount = z.infer<typeof discountSchema>;

export const orderSchema = z.object({
  shop: z.string(),
  number: z.number().int(),
  createdAt: z.string(),
  changedAt: z.string(),
  statusId: z.number().int(),
  paymentStatus: z.enum(PAYMENT_STATUSES),
  currency: z.string().length(3),
  customer: z.object({
    name: z.string(),
    email: z.string(),
    phone: z.string(),
    company: z.string(),
    vatNumber: z.string().default(''),
  }),
  invoiceAddress: addressSchema,
  deliveryAddress: addressSchema,
  lines: z.array(orderLineSchema),
  shippingCosts: costSchema,
  paymentCosts: costSchema,
  discounts: z.array(discountSchema).default([]),
  comment: z.string(),
});
export type Order = z.infer<typeof orderSchema>;

export const shopSchema = z.object({
  number: z.string().regex(/^\d+$/, 'shop number: digits'),
  name: z.string().default('Demo winkel'),
  privateKey: z.string().min(1),
  orderPullEnabled: z.boolean().default(true),
  /** Requests for the merchant order pull must come from here when set. */
  allowedIp: z.string().nullable().default(null),
  /** Partners linked to this shop (by name). */
  partners: z.array(z.string()).default([]),
  nextOrderNumber: z.number().int().positive().default(1),
  statuses: z.array(orderStatusSchema).default(() => DEFAULT_ORDER_STATUSES.map((s) => ({ ...s }))),
  products: z.array(productSchema).default([]),
  orders: z.array(orderSchema).default([]),
});
export type Shop = z.infer<typeof shopSchema>;
export type ShopInput = z.input<typeof shopSchema>;

export const stateSchema = z.object({ partners: z.array(partnerSchema), shops: z.array(shopSchema) });
export type SimulatorState = z.infer<typeof stateSchema>;
