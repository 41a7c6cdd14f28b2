/**
 * Every detail the myShop notes leave open, decided in one place so it can be corrected when a
 * real sample turns up. Sources: README.md section 3 (vendor-authored
 * MyshopRpcClient.php, the myShop order-management and product-list manual pages).
 * The README repeats this list; the export XML names live in export-xml-names.ts.
 */

/** The rpc id is valid for at most 2 minutes after it was requested (manual) [C]. */
export const RPC_ID_VALIDITY_MS = 120_000;

/** Whether an rpc id may serve more than one call within its 2 minutes is not documented; the
 * vendor client fetches one per call. Default: reusable; switchable to single use. */
export const DEFAULT_RPC_ID_SINGLE_USE = false;

/** The manual's example rpc id is `1234567890`: we issue random 10-digit numbers. */
export const RPC_ID_DIGITS = 10;

/** `/RPC/id` answers the bare id as the order-management manual shows it (`1234567890`), not
 * wrapped in XML [C manual]. (The older vendor client reads the root's first child of an XML
 * answer; a client that also accepts that form works with both.) The media type is not shown:
 * plain text is our choice. */
export const RPC_ID_CONTENT_TYPE = 'text/plain; charset=UTF-8';

/** Errors: the vendor client treats any non-empty body as success and detects failure by the
 * text "invalid request" [C]; so every refusal is HTTP 200 with this body. The real server does
 * not say why; the simulator adds an `x-simulator-reason` header for tests and logs. */
export const INVALID_REQUEST_STATUS = 200;
export const INVALID_REQUEST_BODY =
  '<?xml version="1.0" encoding="UTF-8"?><rpc><error>invalid request</error></rpc>';

/** Reasons in `x-simulator-reason` (simulator-only; never part of the body). */
export const REJECTION_REASONS = [
  'UNKNOWN_SHOP',
  'ORDER_PULL_DISABLED',
  'IP_NOT_ALLOWED',
  'UNKNOWN_PARTNER',
  'WRONG_MODULE',
  'UNKNOWN_RPC_ID',
  'RPC_ID_EXPIRED',
  'RPC_ID_USED',
  'MISSING_PARAMETER',
  'INVALID_PARAMETER',
  'WRONG_PK',
  'UNKNOWN_PRODUCT',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** `change_time` "may not be accurate" (vendor comment) [C]: by default the simulator compares
 * only the day, so orders changed earlier that day come back too and connectors must dedupe.
 * `exact` compares to the second. Orders changed at or after the given time are included. */
export type ChangeTimeGranularity = 'day' | 'exact';
export const DEFAULT_CHANGE_TIME_GRANULARITY: ChangeTimeGranularity = 'day';

/** `change_time` and all order times are the shop's wall clock. */
export const SHOP_TIME_ZONE = 'Europe/Amsterdam';

/** Order ids are `{shop}_{5-digit number}` (e.g. `1817700_00012`) [C code]; numbers per shop
 * start at 1 and grow past 5 digits without truncation. */
export const ORDER_NUMBER_PAD = 5;
export const FIRST_ORDER_NUMBER = 1;

/** The IP allowlist is a setting of the merchant order pull (manual); partner calls are not
 * checked against it. */
export const IP_CHECK_APPLIES_TO_PARTNER_MODE = false;

/** Merchant order pull by `order_id` (not in the manual): the same formula with order_id in the
 * place of change_time. Merchant stock update (not documented): sha1(shop + productid_i +
 * stock_value_i ... + rpc_id + private key). Partner stock update with count > 1: the pairs
 * concatenated in index order. See pk.ts. */
export const PK_NOTES = 'see pk.ts';

/** A stock update naming an unknown product is refused as a whole (no partial update). */
export const STOCK_UPDATE_ATOMIC = true;

/** Partners must be linked to a shop (as Mijnwebwinkel binds tokens to partners). */
export const PARTNER_MUST_BE_LINKED = true;

/** Built-in order statuses (the back office shows them in Dutch); custom ones ("Eigen
 * orderstatus") get ids from 100. Aborted checkouts also appear as orders [C] with status 6. */
export const DEFAULT_ORDER_STATUSES = [
  { id: 1, name: 'Nieuw', custom: false },
  { id: 2, name: 'In behandeling', custom: false },
  { id: 3, name: 'Verzonden', custom: false },
  { id: 4, name: 'Afgehandeld', custom: false },
  { id: 5, name: 'Geannuleerd', custom: false },
  { id: 6, name: 'Afgebroken', custom: false },
] as const;
export const ABORTED_STATUS_ID = 6;
export const FIRST_CUSTOM_STATUS_ID = 100;

/** Payment status codes served in the export (betaalstatus); meanings in the README. */
export const PAYMENT_STATUSES = [
  'not_paid',
  'pending',
  'paid',
  'partially_paid',
  'refunded',
  'cancelled',
] as const;

/** Export amounts: decimal strings with 2 decimals; excl. VAT per line = incl / (1 + rate)
 * rounded half away from zero; VAT per rate = incl total - excl total. */
export const AMOUNT_DECIMALS = 2;
