/**
 * Every choice the MyOnlineStore Connect API spec leaves open for `POST /orders`, in one place
 * (spec `paths./v{version}/orders.post`, `components.schemas.OrderPostable`,
 * https://myonlinestore.github.io/public-api-docs/ ; source `MyOnlineStore/public-api-docs`
 * `spec/openapi.yaml`). Correct them here when better evidence appears.
 */

/**
 * The till reference is written into `comments.internal` (OrderPatchable, open to B2C and B2B),
 * as one line `Koppel: <reference>`. `reference` would read better but is B2B only.
 */
export const REFERENCE_PREFIX = 'Koppel: ';

/** `GET /orders` cannot filter by comment: the look-up lists the customer's orders
 * (`debtor_email` and `start_date`, documented filters), newest first, pages of this size (the
 * spec's maximum `limit`), `offset` on until a short page. */
export const LOOKUP_PAGE_LIMIT = 100;
/** A customer with more orders than this since the till order is refused, never guessed at. */
export const LOOKUP_MAX_PAGES = 100;

/** Articles have no `sku` filter (spec, notes): the SKU check pages `GET /articles` by this many. */
export const ARTICLE_PAGE_LIMIT = 100;
/** Stop paging after this many pages (10 000 articles); a larger catalogue is refused as unsupported. */
export const ARTICLE_MAX_PAGES = 100;

/**
 * `price_override` (spec `Price`, "decimal notation") is read as the unit price **including VAT**,
 * as the shop's own prices are by default (`Store.prices_include_tax`) [assumed].
 */
export const PRICE_OVERRIDE_INCLUDES_VAT = true;

/**
 * The spec names `basic` the internal gateway "for manually verifiable payments (for example:
 * cash or card at the counter)"; `status.id` 1 = successful. The method name is an assumption.
 */
export const TILL_PAYMENT = { gateway_name: 'basic', method_name: 'kassa', status: { id: 1 } } as const;

/** `disable_shipping=true`: the till's own shipping line (if any) is sent, the shop adds none. */
export const ORDER_QUERY = {
  send_customer_notification: 'false',
  send_merchant_notification: 'false',
  disable_shipping: 'true',
} as const;

/** `unit_weight` is "required for custom articles"; till lines carry no weight. */
export const CUSTOM_LINE_WEIGHT = '0';
