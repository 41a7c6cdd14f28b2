import { z } from 'zod';
import { RELATION_NUMBER_FIELDS, RELATION_STRING_FIELDS } from '../domain/model.js';
import {
  optionalElement,
  repeated,
  soapMplusDate,
  soapMplusDateTime,
  vatMethodSchema,
  wrappedList,
  xsdBoolean,
  xsdInt,
  xsdLong,
  xsdString,
} from './xsd-types.js';

/** Request elements of the implemented operations (notes §3.3-3.6, MP-WSDL types). */
const opt = <T extends z.ZodType>(s: T) => optionalElement(s);

export const relationSchema = z.object({
  relationNumber: opt(xsdLong),
  active: opt(xsdBoolean),
  defaultVatMethod: opt(vatMethodSchema),
  ...Object.fromEntries(RELATION_STRING_FIELDS.map((f) => [f, opt(xsdString)])),
  ...Object.fromEntries(RELATION_NUMBER_FIELDS.map((f) => [f, opt(xsdLong)])),
}) as z.ZodType<RelationInput>;
export type RelationInput = {
  relationNumber?: number;
  active?: boolean;
  defaultVatMethod?: z.infer<typeof vatMethodSchema>;
} & Partial<Record<(typeof RELATION_STRING_FIELDS)[number], string>> &
  Partial<Record<(typeof RELATION_NUMBER_FIELDS)[number], number>>;

const addressSchema = z.object({
  name: opt(xsdString),
  contact: opt(xsdString),
  address: opt(xsdString),
  zipcode: opt(xsdString),
  city: opt(xsdString),
  country: opt(xsdString),
  companyName: opt(xsdString),
  label: opt(xsdString),
});

const lineDataSchema = z.object({
  quantity: xsdLong,
  decimalPlaces: opt(xsdInt),
  price: opt(xsdLong),
  priceExcl: opt(xsdLong),
  vatCode: opt(xsdInt),
  discountType: opt(xsdString),
  discountPercentage: opt(xsdInt),
  discountAmount: opt(xsdLong),
  discountAmountExcl: opt(xsdLong),
  turnoverGroupCostCenter: opt(xsdInt),
});

export const lineSchema = z.object({
  lineId: opt(xsdString),
  employeeNumber: opt(xsdLong),
  articleNumber: xsdLong,
  pluNumber: opt(xsdString),
  text: opt(xsdString),
  data: lineDataSchema,
  lineType: opt(xsdString),
  sequenceNumber: opt(xsdInt),
});

export const orderSchema = z.object({
  orderId: opt(xsdString),
  extOrderId: opt(xsdString),
  entryBranchNumber: opt(xsdInt),
  financialBranchNumber: opt(xsdInt),
  workplaceNumber: opt(xsdInt),
  employeeNumber: opt(xsdLong),
  relationNumber: opt(xsdLong),
  reference: opt(xsdString),
  financialDate: opt(soapMplusDate),
  deliveryDate: opt(soapMplusDate),
  deliveryAddress: opt(addressSchema),
  invoiceAddress: opt(addressSchema),
  vatMethod: opt(vatMethodSchema),
  totalInclAmount: opt(xsdLong),
  totalExclAmount: opt(xsdLong),
  deliveryMethod: opt(xsdString),
  paymentMethod: opt(xsdString),
  orderCategoryNumber: opt(xsdInt),
  orderType: opt(xsdString),
  vatCountryIso3: opt(xsdString),
  lineList: wrappedList('line', lineSchema),
});
export type OrderInput = z.infer<typeof orderSchema>;

/** saveInvoice's `invoice` (WSDL `Invoice`): the order fields plus its own id, external id and state. */
export const invoiceSchema = orderSchema.extend({
  invoiceId: opt(xsdString),
  extInvoiceId: opt(xsdString),
  finalized: opt(xsdBoolean),
});
export type InvoiceInput = z.infer<typeof invoiceSchema>;
export type LineInput = z.infer<typeof lineSchema>;

export const longList = (inner: string) => opt(wrappedList(inner, xsdLong));

/**
 * The WSDL's GetProductsRequest repeats `articleNumbers` / `groupNumbers` / `productNumbers`
 * directly (`maxOccurs="unbounded"`) and has `pluNumbers` as a TextList
 * (`pluNumbers { text[] { text } }`); the older notes wrap them. Both forms are accepted.
 */
const repeatedOrWrapped = (inner: string) =>
  opt(
    z.preprocess(
      (v) => (typeof v === 'string' || Array.isArray(v) ? { [inner]: v } : v),
      wrappedList(inner, xsdLong),
    ),
  );
const textList = (inner: string) =>
  opt(
    z.preprocess(
      (v) => {
        if (!v || typeof v !== 'object' || !('text' in v)) return v;
        const items = (v as { text: unknown }).text;
        const list = Array.isArray(items) ? items : [items];
        return {
          [inner]: list.map((t) =>
            t && typeof t === 'object' && 'text' in t ? (t as { text: unknown }).text : t,
          ),
        };
      },
      wrappedList(inner, xsdString),
    ),
  );

export const getProductsSchema = z.object({
  articleNumbers: repeatedOrWrapped('articleNumbers'),
  groupNumbers: repeatedOrWrapped('groupNumbers'),
  productNumbers: repeatedOrWrapped('productNumbers'),
  pluNumbers: textList('pluNumbers'),
  onlyWebshop: opt(xsdBoolean),
  onlyActive: opt(xsdBoolean),
  syncMarker: opt(xsdLong),
  syncMarkerLimit: opt(xsdInt),
  changedSinceBranchNumber: opt(xsdInt),
});

export const getRelationsSchema = z.object({
  relationNumbers: longList('relationNumbers'),
  categoryId: opt(xsdLong),
  syncMarker: opt(xsdLong),
  syncMarkerLimit: opt(xsdInt),
});

/** getOrders' `request` (WSDL `GetOrdersRequest`): the filters the simulator honours. */
export const getOrdersSchema = z.object({
  syncMarker: opt(xsdLong),
  syncMarkerLimit: opt(xsdInt),
  branchNumbers: repeated(xsdInt),
  orderTypeList: opt(z.object({ orderType: repeated(xsdString) })),
  includeLineList: opt(xsdBoolean),
});

/** WSDL `BranchNumberList { branchNumber[] }`; the wrapped form `branchNumbers[]` is still accepted. */
const branchNumberList = opt(
  z.preprocess(
    (v) =>
      v && typeof v === 'object' && 'branchNumber' in v
        ? { branchNumbers: (v as { branchNumber: unknown }).branchNumber }
        : v,
    wrappedList('branchNumbers', xsdLong),
  ),
);

export const getStockSchema = z.object({
  branchNumber: xsdInt,
  articleNumbers: longList('articleNumbers'),
  stockId: opt(xsdLong),
  branchNumbers: branchNumberList,
});

export const getStockHistorySchema = z.object({
  branchNumber: xsdInt,
  articleNumbers: longList('articleNumbers'),
  fromFinancialDateTime: opt(soapMplusDateTime),
  throughFinancialDateTime: opt(soapMplusDateTime),
  sinceStockId: opt(xsdLong),
  sinceStockIdLimit: opt(xsdInt),
});

export { repeated };
