import { z } from 'zod';
import { decimalPattern } from '../domain/money.js';
import { ABANDONED_CART_STATUS_ID, findOrderStatus } from '../domain/order-statuses.js';
import { webhookEvents } from '../domain/state.js';

/** Money as decimal strings only (never floats): "4500", "12.5", "0.0000". */
const decimal = z.string().regex(decimalPattern, 'a decimal string like "4500" or "12.50"');
const rate = decimal.default('27');
const statusId = z
  .number()
  .int()
  .refine(
    (id) => id === ABANDONED_CART_STATUS_ID || findOrderStatus(id) !== undefined,
    'unknown order status id',
  );

const addressSchema = z.object({
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  company: z.string().optional(),
  address1: z.string().min(1),
  address2: z.string().optional(),
  city: z.string().min(1),
  postcode: z.string().min(1),
  countryName: z.string().optional(),
  /** ISO 3166-1 alpha-2, default HU. */
  countryCode: z.string().length(2).optional(),
  zoneName: z.string().optional(),
});

/** `POST /_control/orders`: an order as a shopper would place it in the storefront. */
export const createOrderSchema = z.object({
  customer: z.object({
    firstname: z.string().min(1),
    lastname: z.string().min(1),
    email: z.email(),
    phone: z.string().default(''),
    fax: z.string().default(''),
    /** Guest checkout: no customer account, no `customer` link. */
    guest: z.boolean().default(false),
  }),
  /** Billing company (webhook `paymentCompany`). */
  company: z.string().default(''),
  /** VAT number (REST `taxNumber`, webhook `paymentTaxnumber`). */
  taxNumber: z.string().default(''),
  billingAddress: addressSchema,
  shippingAddress: addressSchema.optional(),
  lines: z
    .array(
      z.object({
        sku: z.string().min(1),
        name: z.string().min(1),
        netPrice: decimal,
        taxRate: rate,
        quantity: z.number().int().positive(),
        gtin: z.string().optional(),
        model: z.string().optional(),
        category: z.string().optional(),
        image: z.string().optional(),
      }),
    )
    .min(1),
  shipping: z
    .object({
      name: z.string().min(1),
      /** `shippingMethodExtension` enum value (e.g. WSESHIP, GLSPARCELSHOP). */
      extension: z.string().default('WSESHIP'),
      netPrice: decimal.default('0'),
      taxRate: rate,
    })
    .default({ name: 'Home delivery', extension: 'WSESHIP', netPrice: '0', taxRate: '27' }),
  payment: z
    .object({
      name: z.string().min(1),
      /** `paymentMethodCode` enum value (e.g. COD, BANK_TRANSFER, BARION). */
      code: z.string().default('COD'),
      netPrice: decimal.default('0'),
      taxRate: rate,
    })
    .default({ name: 'Cash on delivery', code: 'COD', netPrice: '0', taxRate: '27' }),
  currency: z.string().length(3).default('HUF'),
  /** Currency multiplier (REST `value`). */
  currencyValue: decimal.default('1'),
  /** 1 = Pending (default); 0 = abandoned cart (fires `abandoned_cart` instead of `order_confirm`). */
  statusId: statusId.default(1),
  comment: z.string().default(''),
  languageCode: z.string().default('hu'),
  ip: z.string().default('127.0.0.1'),
});

export const changeStatusSchema = z.object({ statusId, comment: z.string().default('') });

export const seedProductsSchema = z.object({
  products: z
    .array(
      z.object({
        sku: z.string().min(1),
        name: z.string().min(1),
        /** Net price. */
        price: decimal.default('0'),
        taxRate: rate,
        stock1: z.number().int().default(0),
        stock2: z.number().int().default(0),
        stock3: z.number().int().default(0),
        stock4: z.number().int().default(0),
        gtin: z.string().default(''),
        modelNumber: z.string().default(''),
        status: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(1),
        subtractStock: z.boolean().default(true),
        description: z.string().default(''),
        shortDescription: z.string().default(''),
      }),
    )
    .min(1),
});

/** `POST /_control/webhook-deliveries/drop-next`: lose the next webhook deliveries (of one event). */
export const dropNextSchema = z.object({
  count: z.number().int().min(0).max(10_000).default(1),
  event: z.enum(webhookEvents).optional(),
});

export const flushSchema = z.object({ dueOnly: z.boolean().default(false) });
export const clockSchema = z.object({ now: z.iso.datetime({ offset: true }).nullable() });
export const deliveriesQuerySchema = z.object({
  event: z.string().optional(),
  status: z.enum(['scheduled', 'delivered', 'failed', 'dropped']).optional(),
  orderInnerId: z.coerce.number().int().optional(),
});
