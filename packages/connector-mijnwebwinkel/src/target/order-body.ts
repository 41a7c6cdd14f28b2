/**
 * The OrderPostable Koppel sends (spec `components.schemas.OrderPostable`), less what only I/O
 * can know: the customer's uuid (`debtor.id`) and each article's internal id (looked up by SKU
 * when the order is created, since articles have no SKU filter).
 */
import type { TILL_PAYMENT } from './assumptions.js';

export type PostableAddress = {
  name: string;
  company: string;
  phone: string;
  street: string;
  number: string;
  zipcode: string;
  city: string;
  country_code: string;
};

/** A product line by SKU (`articles[{id}]` once resolved), priced with `price_override`. */
export type ArticleLineDraft = { type: 'article'; sku: string; quantity: number; price_override: string };
/** Shipping, fees, discounts and rounding: a `custom` line priced incl. VAT. */
export type CustomLineDraft = {
  type: 'custom';
  description: string;
  quantity: number;
  unit_price: { amount_including_tax: string; rate: string };
  unit_weight: string;
};
export type OrderLineDraft = ArticleLineDraft | CustomLineDraft;

export type MijnwebwinkelOrderBody = {
  status: number;
  comments: { internal: string };
  /** B2B for a company customer, B2C for a person; the store may narrow it (store-steps.ts). */
  business_model: 'B2C' | 'B2B';
  /** B2B only (spec): the till reference, also in `comments.internal`. */
  reference?: string;
  payment: typeof TILL_PAYMENT;
  debtor: {
    email: string;
    address: { invoice: PostableAddress & { taxnumber: string }; delivery: PostableAddress };
  };
  orderlines: OrderLineDraft[];
  /** The till's gross total in cents (as a string: bodies stay JSON-able), checked by the lines. */
  totalGrossCents: string;
  /** Not sent: the order's currency, checked against the store's (`GET /store`). */
  currency: string;
  /** Not sent: the day before the till order (YYYY-MM-DD), the look-up's `start_date`. */
  searchFrom: string;
};
