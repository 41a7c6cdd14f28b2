/**
 * Every detail the MyOnlineStore Connect notes leave open, decided in one place so it can be
 * corrected when better evidence turns up. Sources: README.md section 2
 * (spec/openapi.yaml of MyOnlineStore/public-api-docs, changelog, third-party SDK).
 * Each entry says why; the README repeats the list for users of the simulator.
 */

/** Both documented versions (`components.parameters.version`) serve the same shapes here: the
 * notes record no field-level difference between 1 and 2-beta beyond XML details. */
export const API_VERSIONS = ['1', '2-beta'] as const;

/** Rate limits are not documented; the third-party SDK retries 429 honouring Retry-After. We
 * enforce this fixed window per store token and answer 429 with Retry-After (seconds). */
export const DEFAULT_RATE_LIMIT = { requests: 10, windowMs: 1000 } as const;

/** Auth failures are not declared in the spec (only 200/201/204/422). Chosen: a missing, unknown
 * or inactive `token` is 401; a missing `partner_token` or one of another partner is 403. */
export const AUTH_STATUS = { badStoreToken: 401, badPartnerToken: 403 } as const;

/** 422 is the only error status the spec declares (ApiProblem on customers/payments); we answer
 * every invalid query or body with it, naming the field in `detail`. */
export const VALIDATION_STATUS = 422;

/** The `Error {code, message, description}` schema does not say what `code` holds; we put the
 * HTTP status there. */
export const ERROR_CODE_IS_HTTP_STATUS = true;

/** Unknown fields in PATCH/POST bodies: rejected (422) so a connector bug surfaces in tests. */
export const REJECT_UNKNOWN_BODY_FIELDS = true;

/** Dates and times in orders and filters are the store's wall clock. */
export const STORE_TIME_ZONE = 'Europe/Amsterdam';

/** Order numbers are sequential (changelog 1.1.8); a third-party live test shows "1001". */
export const FIRST_ORDER_NUMBER = 1001;
export const FIRST_ARTICLE_ID = 1;
/** `use_url_id=true` addresses an article by the id in its shop page URL, a different number
 * from `id`; we number those from here. */
export const FIRST_ARTICLE_URL_ID = 100001;

/** `number` is an integer in the spec but a string in a third-party live capture: integer by
 * default, switchable so connectors can be tested against both. */
export type OrderNumberAs = 'integer' | 'string';
export const DEFAULT_ORDER_NUMBER_AS: OrderNumberAs = 'integer';

/** `price.tax` may be a TaxPrice or an array; the spec example shows an array. Array by default;
 * `object-when-single` serves a plain object when an order has only one VAT rate. */
export type PriceTaxShape = 'array' | 'object-when-single';
export const DEFAULT_PRICE_TAX_SHAPE: PriceTaxShape = 'array';

/** Test orders ("T-" numbers per a third party) conflict with the integer `number`; we keep the
 * integer from the same sequence and only hide them unless `test=true`. */
export const TEST_ORDERS_SHARE_SEQUENCE = true;

/** Shipping and payment costs are `custom` lines; discounts are `discount` lines whose `price`
 * is an array of TaxPrice, one per VAT rate (changelog 2019-05-08). */
export const DISCOUNT_LINE_TYPE = 'discount';

/** Filter `archived` omitted: archived and unarchived orders are both listed. */
export const ARCHIVED_FILTER_DEFAULT: boolean | undefined = undefined;

/** `taxable` articles become order lines at the Dutch high rate unless the order says otherwise. */
export const DEFAULT_TAXABLE_RATE = '21.00';

/** Weights are not specified; we use whole grams as strings. */
export const WEIGHT_UNIT = 'gram';

/** Statuses are store-specific and localized; a new store gets these. */
export const DEFAULT_ORDER_STATUSES = [
  { status: 1, nl: 'Nieuw', en: 'New', credit_order: false },
  { status: 2, nl: 'In behandeling', en: 'Processing', credit_order: false },
  { status: 3, nl: 'Verzonden', en: 'Shipped', credit_order: false },
  { status: 4, nl: 'Afgerond', en: 'Completed', credit_order: false },
  { status: 5, nl: 'Geannuleerd', en: 'Cancelled', credit_order: false },
  { status: 6, nl: 'Creditorder', en: 'Credit order', credit_order: true },
] as const;
export const DEFAULT_NEW_ORDER_STATUS = 1;

/** `country` in addresses is a localized name; the store's language is Dutch. */
export const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  NL: 'Nederland',
  BE: 'België',
  DE: 'Duitsland',
  FR: 'Frankrijk',
  GB: 'Verenigd Koninkrijk',
  LU: 'Luxemburg',
  AT: 'Oostenrijk',
  ES: 'Spanje',
  IT: 'Italië',
};

/** XML wrapper names are not in the spec; `<orders><order>...` style, arrays as repeated
 * singular elements (names below, else `item`). */
export const XML_ITEM_NAMES: Readonly<Record<string, string>> = {
  orders: 'order',
  orderlines: 'orderline',
  articles: 'article',
  options: 'option',
  shipping: 'shipping',
  tax: 'tax',
  price: 'price',
  credit_order_numbers: 'number',
  statuses: 'status',
  variants: 'variant',
  categories: 'category',
  lists: 'list',
  images: 'image',
};

/** `Customer.storeId` of the one simulated store (a uuid; the real value is per store). */
export const STORE_ID = '00000000-0000-4000-8000-000000000001';

/**
 * `POST /orders` (OrderPostable): answered 200 with the Order, as the spec declares; an invalid
 * body is a 422 ApiProblem like every other. `price_override` is the unit price including VAT,
 * as the store's article prices are; `unit_price` of a custom line takes `amount_including_tax`,
 * else `amount` (excl. VAT) plus VAT rounded half-up to cents. Variant options are accepted by
 * `list_option_id` and described as "optie <id>". `override_stock` / notification flags /
 * `disable_shipping` are accepted; the simulator never adds shipping costs itself.
 */
export const POST_ORDER_STATUS = 200;

/** The spec's ArticleVariant lists only `id`, `options`, `stock`, `can_backorder`, but calls
 * variants "versions of the article which have at least one diverging field value". We let a
 * variant carry its own `sku` and `extra` (its barcode/EAN in `extra.invisible.barcode`, where
 * the spec's example keeps the article's), served only when set, so stock can be matched per
 * variant by SKU or EAN. */
export const VARIANT_OWN_FIELDS = ['sku', 'extra'] as const;
