/**
 * The zod schema of one exported order as the decoder reads it (the event payload: the order's
 * XML tree as JSON, every value a string). Names come from assumed-fields.ts only.
 */
import { z } from 'zod';
import { ASSUMED_FIELDS as F } from './assumed-fields.js';

const text = z.string();
const optional = z.string().default('');

/** An element that holds a list, or is empty (`<orderlines/>` parses as ''). */
function listOf<S extends z.ZodType>(key: string, item: S) {
  return z
    .union([z.literal(''), z.object({ [key]: z.array(item) })])
    .default('')
    .transform((value): z.output<S>[] =>
      value === '' ? [] : ((value as Record<string, z.output<S>[]>)[key] ?? []),
    );
}

const addressSchema = z.object({
  [F.name]: optional,
  [F.company]: optional,
  [F.street]: optional,
  [F.housenumber]: optional,
  [F.zipcode]: optional,
  [F.city]: optional,
  [F.country]: optional,
});

const lineSchema = z.object({
  [F.productId]: optional,
  [F.articleCode]: optional,
  [F.ean]: optional,
  [F.description]: optional,
  [F.quantity]: text,
  [F.unitPriceIncl]: text,
  [F.vatRate]: text,
  [F.lineTotalIncl]: text,
});

const costSchema = z.object({ [F.amountIncl]: text, [F.vatRate]: text });

const discountSchema = z.object({
  [F.discountCode]: optional,
  [F.description]: optional,
  [F.amountIncl]: text,
});

export const exportOrderSchema = z.object({
  [F.shopOrder]: z.string().min(1),
  [F.orderNumber]: z.string().min(1),
  [F.orderDate]: text,
  [F.orderTime]: text,
  [F.changeTime]: text,
  [F.paymentStatus]: optional,
  [F.orderStatusId]: optional,
  [F.orderStatus]: optional,
  [F.orderStatusCustom]: optional,
  [F.currency]: z.string().default('EUR'),
  [F.comment]: optional,
  [F.customer]: z.object({
    [F.name]: optional,
    [F.email]: text,
    [F.phone]: optional,
    [F.company]: optional,
    [F.vatNumber]: optional,
  }),
  [F.invoiceAddress]: addressSchema,
  [F.deliveryAddress]: z.union([z.literal(''), addressSchema]).default(''),
  [F.lines]: listOf(F.line, lineSchema),
  [F.shippingCosts]: z.union([z.literal(''), costSchema]).default(''),
  [F.paymentCosts]: z.union([z.literal(''), costSchema]).default(''),
  [F.discounts]: listOf(F.discount, discountSchema),
  [F.totals]: z.union([z.literal(''), z.object({ [F.totalIncl]: optional })]).default(''),
});

export type ExportOrder = z.output<typeof exportOrderSchema>;
export type ExportLine = z.output<typeof lineSchema>;
export type ExportAddress = z.output<typeof addressSchema>;
export type ExportCost = z.output<typeof costSchema>;
export type ExportDiscount = z.output<typeof discountSchema>;
