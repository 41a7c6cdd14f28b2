/**
 * zod schemas of the `getOrders` answer (WSDL `GetOrdersResponse { orderList { order[] } }`,
 * `Order`, `Line`, `LineData`) and of the till order as the poll hands it to decoding. Leaves
 * arrive as strings from fast-xml-parser; cents and quantities stay digit strings here and become
 * bigint in decoding. https://github.com/MplusKASSA/mplusqapi-php/blob/master/mplusqapi.wsdl
 */
import { z } from 'zod';
import { relationSchema, wrapped, xsdLong } from '../api-schemas.js';

const text = z.union([z.string(), z.number().transform(String)]);
const optionalLong = z.preprocess((v) => (v === '' ? undefined : v), xsdLong.optional());

export const tillLineSchema = z
  .object({
    lineId: text.optional(),
    articleNumber: xsdLong,
    pluNumber: text.optional(),
    text: text.optional(),
    data: z
      .object({
        quantity: xsdLong,
        decimalPlaces: optionalLong,
        /** Unit price in cents incl. VAT (INCLUSIVE) or excl. VAT (EXCLUSIVE). */
        price: optionalLong,
        priceExcl: optionalLong,
        vatCode: optionalLong,
        /** Whole percent (21 = 21 %), as the tenant's VAT group says. */
        vatPercentage: optionalLong,
        discountPercentage: optionalLong,
        discountAmount: optionalLong,
        discountAmountExcl: optionalLong,
      })
      .loose(),
  })
  .loose();
export type TillLine = z.infer<typeof tillLineSchema>;

const addressSchema = z
  .object({
    name: text.optional(),
    contact: text.optional(),
    address: text.optional(),
    zipcode: text.optional(),
    city: text.optional(),
    country: text.optional(),
    companyName: text.optional(),
  })
  .loose();

const dateTimeSchema = z
  .object({ sec: xsdLong, min: xsdLong, hour: xsdLong, day: xsdLong, mon: xsdLong, year: xsdLong })
  .loose();

export const tillOrderSchema = z
  .object({
    orderId: text,
    extOrderId: text.optional(),
    syncMarker: xsdLong,
    orderNumber: z.object({ year: xsdLong, number: xsdLong }).loose().optional(),
    entryBranchNumber: optionalLong,
    workplaceNumber: optionalLong,
    relationNumber: optionalLong,
    reference: text.optional(),
    entryTimestamp: dateTimeSchema.optional(),
    invoiceAddress: addressSchema.optional(),
    deliveryAddress: addressSchema.optional(),
    vatMethod: z.string().optional(),
    totalInclAmount: xsdLong,
    totalExclAmount: optionalLong,
    paymentMethod: text.optional(),
    // As served (`lineList { line[] }`) or as the poll re-serialises the parsed order (an array).
    lineList: z.union([z.array(tillLineSchema), wrapped('line', tillLineSchema)]),
  })
  .loose();
export type TillOrder = z.infer<typeof tillOrderSchema>;

export const getOrdersResponse = z.object({ orderList: wrapped('order', tillOrderSchema) }).loose();

/** The payload of one till-order event: the order as Mplus served it and its relation. */
export const tillOrderPayloadSchema = z.object({
  order: tillOrderSchema,
  relation: relationSchema.optional(),
  /** The administration's currency (connection setting), added by the poll: Mplus amounts carry none. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('EUR'),
});
export type TillOrderPayload = z.infer<typeof tillOrderPayloadSchema>;
