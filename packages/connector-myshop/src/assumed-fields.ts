/**
 * ASSUMED: everything this connector takes for granted about myShop's order export XML ("export
 * formaat van orderbeheer"), whose format is not public. These are the names and values Koppel's
 * myShop simulator documents as its choice (services/sim-myshop, README "Choices"); decoder and
 * simulator meet only there. When a real export sample turns up, this file is what changes.
 * README.md "Assumed export fields" lists the same.
 */

/** Element names of the export document. */
export const ASSUMED_FIELDS = {
  root: 'orders',
  order: 'order',
  /** `{shop}_{5-digit number}`, e.g. `1817700_00012` (the one part seen in vendor code). */
  shopOrder: 'shop_order',
  orderNumber: 'ordernumber',
  orderDate: 'orderdate',
  orderTime: 'ordertime',
  changeTime: 'change_time',
  paymentStatus: 'paymentstatus',
  orderStatusId: 'orderstatus_id',
  orderStatus: 'orderstatus',
  orderStatusCustom: 'orderstatus_custom',
  aborted: 'aborted',
  currency: 'currency',
  comment: 'comment',
  customer: 'customer',
  name: 'name',
  email: 'email',
  phone: 'phone',
  company: 'company',
  invoiceAddress: 'invoice_address',
  deliveryAddress: 'delivery_address',
  street: 'street',
  housenumber: 'housenumber',
  zipcode: 'zipcode',
  city: 'city',
  country: 'country',
  lines: 'orderlines',
  line: 'orderline',
  productId: 'product_id',
  articleCode: 'article_code',
  description: 'description',
  quantity: 'quantity',
  unitPriceIncl: 'price_incl',
  unitPriceExcl: 'price_excl',
  vatRate: 'vat_rate',
  lineTotalIncl: 'total_incl',
  lineTotalExcl: 'total_excl',
  shippingCosts: 'shipping_costs',
  paymentCosts: 'payment_costs',
  amountIncl: 'amount_incl',
  amountExcl: 'amount_excl',
  totals: 'totals',
  totalExcl: 'total_excl',
  totalVat: 'total_vat',
  totalIncl: 'total_incl',
  vatSpecification: 'vat_specification',
  vat: 'vat',
  vatAmount: 'amount',
  /** The product's EAN/GTIN on a line. */
  ean: 'ean',
  /** The customer's VAT number (a company order). */
  vatNumber: 'vat_number',
  /** Order discounts (a coupon or an action), each an amount incl. VAT. */
  discounts: 'discounts',
  discount: 'discount',
  discountCode: 'code',
} as const;

/** Elements that repeat (parsed as lists even when there is one). */
export const REPEATED_ELEMENTS: ReadonlySet<string> = new Set([
  ASSUMED_FIELDS.order,
  ASSUMED_FIELDS.line,
  ASSUMED_FIELDS.vat,
  ASSUMED_FIELDS.discount,
]);

/** Flags are `1` / `0`. */
export const TRUE_FLAG = '1';

/** Shop-local times (change_time, order date) are Dutch wall-clock time. */
export const SHOP_TIME_ZONE = 'Europe/Amsterdam';

/** Prices in the export include VAT (Dutch consumer shops); excl. amounts are rounded per line. */
export const PRICES_INCLUDE_VAT = true;

/** Payment status codes (the back office's "betaalstatus" column; the values are not public). */
export const PAYMENT_STATUS_CODES = {
  notPaid: 'not_paid',
  pending: 'pending',
  paid: 'paid',
  partiallyPaid: 'partially_paid',
  refunded: 'refunded',
  cancelled: 'cancelled',
} as const;

/**
 * Built-in order status ids (the back office shows Dutch names: 1 Nieuw, 2 In behandeling,
 * 3 Verzonden, 4 Afgehandeld, 5 Geannuleerd, 6 Afgebroken); custom statuses ("Eigen
 * orderstatus") have other ids and are flagged `orderstatus_custom`.
 */
export const ORDER_STATUS_IDS = {
  new: '1',
  processing: '2',
  shipped: '3',
  completed: '4',
  cancelled: '5',
  aborted: '6',
} as const;

/** The order pull answers the orders of its window in one document (no paging is known). */
export const NO_PAGING = true;

/** A refusal is a 200 whose body contains this text (the vendor client's own failure test). */
export const INVALID_REQUEST_TEXT = 'invalid request';
