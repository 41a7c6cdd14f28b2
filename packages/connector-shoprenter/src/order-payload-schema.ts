/**
 * zod schema of one Shoprenter webhook order, parsed defensively: scalars may be strings,
 * numbers, `null` or `{}` (empty), lists may come as one object. Every scalar comes out as a
 * trimmed string ("" when empty); amounts are parsed later with the order-model helpers.
 * Fields follow the webhook field table, keys without their `order_`/`orderProduct_` prefix.
 * https://doc.shoprenter.hu/api/webhook.html
 */
import { z } from 'zod';

const text = z
  .union([z.string(), z.number(), z.boolean(), z.null(), z.strictObject({})])
  .optional()
  .transform((value) =>
    value === undefined || value === null || typeof value === 'object' ? '' : String(value).trim(),
  );

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object that may be missing or empty ("" / {} / null all mean "none"). */
function group<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess((value) => (isRecord(value) ? value : {}), z.object(shape));
}

/** A list that may come as one object, or as "" / {} / null when empty. */
function listOf<Item extends z.ZodType>(item: Item) {
  return z.preprocess((value) => {
    if (Array.isArray(value)) return value;
    if (value === undefined || value === null || value === '') return [];
    return isRecord(value) && Object.keys(value).length === 0 ? [] : [value];
  }, z.array(item));
}

export const shoprenterOrderProductSchema = z.object({
  innerId: text,
  name: text,
  sku: text,
  gtin: text,
  model: text,
  /** Net unit price. */
  price: text,
  grossPrice: text,
  currency: text,
  /** Percent, e.g. "27.0000". */
  taxRate: text,
  quantity: text,
});

export const shoprenterOrderSchema = z.object({
  shippingFirstname: text,
  shippingLastname: text,
  shippingCompany: text,
  shippingAddress1: text,
  shippingAddress2: text,
  shippingCity: text,
  shippingPostcode: text,
  shippingCountryName: text,
  shippingCountryIsoCode2: text,
  shippingZoneName: text,
  paymentFirstname: text,
  paymentLastname: text,
  paymentCompany: text,
  paymentAddress1: text,
  paymentAddress2: text,
  paymentCity: text,
  paymentPostcode: text,
  paymentCountryName: text,
  paymentCountryIsoCode2: text,
  paymentZoneName: text,
  storeName: text,
  innerId: text.refine((value) => /^\d+$/.test(value), 'innerId must be a number'),
  innerResourceId: text,
  customerId: text,
  firstname: text,
  lastname: text,
  phone: text,
  email: text,
  paymentTaxnumber: text,
  taxNumber: text,
  shippingMethodName: text,
  shippingMethodCode: text,
  shippingNetPrice: text,
  shippingGrossPrice: text,
  shippingAdditionalCostNet: text,
  shippingAdditionalCostGross: text,
  paymentMethodName: text,
  paymentMethodCode: text,
  paymentNetPrice: text,
  paymentGrossPrice: text,
  couponCode: text,
  couponGrossPrice: text,
  cartAmountDiscount: text,
  languageCode: text,
  comment: text,
  /** Net total. */
  total: text,
  totalGross: text,
  taxPrice: text,
  currency: text,
  /** Only on REST orders; used when a payload carries it. */
  dateCreated: text,
  orderHistory: group({ status: text, statusText: text, comment: text, dateAdded: text }),
  orderProducts: group({ orderProduct: listOf(shoprenterOrderProductSchema) }),
});

export const shoprenterWebhookPayloadSchema = z.object({
  orders: group({ order: listOf(shoprenterOrderSchema) }),
});

/** One webhook order after parsing: every field a string. */
export type ShoprenterOrder = z.output<typeof shoprenterOrderSchema>;
export type ShoprenterOrderProduct = z.output<typeof shoprenterOrderProductSchema>;
/** The webhook body as Shoprenter documents it, after defensive parsing. */
export type ShoprenterWebhookPayload = z.output<typeof shoprenterWebhookPayloadSchema>;
