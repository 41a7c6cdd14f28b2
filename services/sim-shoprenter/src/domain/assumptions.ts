/**
 * Every place where the Shoprenter notes (README.md section 1) leave a detail open,
 * in one file so it can be corrected when a real shop shows otherwise. Each entry says what was
 * chosen and why; the README repeats the list for humans. Code reads its constants from here.
 */
export const assumptions = {
  /** Error bodies are undocumented; the notes suggest this shape and the batch sample shows `message`. */
  errorBodyShape: '{"error": <innerCode>, "message": "..."} (error omitted when no inner code exists)',
  /** Unknown ids and unknown paths answer like the batch doc's 404 sample (message) plus 40401. */
  notFoundMessage: (path: string) => `Resource matching URI "${path}" not found`,
  /** Malformed resource ids (not base64 of the resource's scheme) -> 400/40007; well-formed but unknown -> 404/40401. */
  malformedIdIs40007: true,
  /** Default `limit` when a collection request has none. Not documented; 10 chosen. */
  defaultLimit: 10,
  maxLimit: 200,
  /** limit outside 1..200 or non-integer page/limit -> 400/40005 rather than silently clamping. */
  limitOutOfRangeIsError: true,
  /** Query parameters a resource does not list answer 400/40010 (documented code), to catch typos. */
  rejectUnknownQueryParameters: true,
  /** Unknown fields in write bodies answer 400/40005; `id` is tolerated (outer-ID doc example sends it). */
  rejectUnknownBodyFields: true,
  /** Paging links keep every other query parameter of the request, so following `next` keeps filters. */
  pagingLinksKeepFilters: true,
  /** Single GET answers a bare JSON object (fixtures; 3P: api2 answers bare); XML always under <response>. */
  singleGetWrapper: 'none',
  /** Items ordered by innerId ascending. */
  collectionOrder: 'innerId ascending',
  /** Shop-local zone used for dateCreated/dateUpdated and datetime filters. */
  defaultTimeZone: 'Europe/Budapest',
  /** Tax per line on the line's net total, rounded half away from zero to 0.01. */
  vatRounding: 'per line, half away from zero, 2 decimals',
  /** Statuses after OpenCart's defaults (Shoprenter is an OpenCart fork); 0 = abandoned cart. */
  orderStatuses: 'OpenCart defaults 1 Pending, 2 Processing, 3 Shipped, 5 Complete, 7 Canceled, ...',
  /** excludeStorno drops Canceled (7) and Voided (16). */
  stornoStatuses: [7, 16],
  /** Placing an order subtracts the ordered quantity from the product's stock1 (warehouse 1). */
  orderSubtractsStock1: true,
  /** Order lines report the quantity as stock1 (ordered from warehouse 1), stock2..4 = 0. */
  lineQuantityWarehouse: 'stock1',
  /** A batch counts as one request for the 3 req/s limit (undocumented). Sub-requests are not re-limited. */
  batchCountsAsOneRequest: true,
  /** Batch statusCode printed as a string, like every other scalar. */
  batchStatusCodeAsString: true,
  /** Webhook without `fields` sends every field available for its event (notes' inference). */
  webhookAllFieldsWhenNoWhitelist: true,
  /** Webhook `fields` entries must be documented field names, else 400/40005 on create/update. */
  webhookRejectUnknownFields: true,
  /** Unprefixed JSON key = field name without its `order_` / `orderProduct_` / `orderHistory_` prefix. */
  webhookKeyRule: 'strip prefix (order_email_hash -> email_hash)',
  /** Fields with nothing to simulate are sent as empty strings (reloadLink, expectedDeliveryDate...). */
  webhookEmptyFields: ['reloadLink', 'expectedDeliveryDate', 'loyaltyPoints', 'loyaltyPointsUsed'],
  /** Card payment, product options, addons and extras are never emitted (not simulated). */
  webhookNotEmitted: ['orderCreditCard_*', 'orderProductOption_*', 'orderProductAddon', 'orderProductExtra'],
  /** Numeric JSON types beyond the sample's: shippingAdditionalCost*, cartAmountDiscount as numbers. */
  webhookExtraNumberFields: [
    'shippingAdditionalCostNet',
    'shippingAdditionalCostGross',
    'cartAmountDiscount',
  ],
  /** Webhooks are POSTed once (at-most-once), no retry, no signature, timeout below. */
  webhookTimeoutMs: 5000,
  /** Delayed webhooks keep the payload built when the event happened. Only the first delay entry counts. */
  webhookDelaySnapshotAtEvent: true,
  /** XML webhook body: the JSON tree with arrays as repeated elements, root <orders>. */
  webhookXmlShape:
    '<?xml ...?><orders><order>...<orderProducts><orderProduct>...</orderProduct></orderProducts></order></orders>',
  /** Status 0 -> non-zero on an abandoned cart completes the order: fires order_confirm, not status change. */
  completingAbandonedCartFiresConfirm: true,
  /** Status change via REST: PUT /orders/{id} {"orderStatus": {"id": "<orderStatus id>"}} fires order_status_change. */
  restStatusChangeFiresWebhook: true,
  /**
   * `invoiceId` / `invoicePrefix` are writable strings (the field list: `readonly: false`); no
   * length or format is documented: any scalar up to 64 characters is kept as text.
   */
  invoiceIdMaxLength: 64,
  /** Bearer failures answer 401 with a WWW-Authenticate header; Basic failures 401 with a Basic challenge. */
  authFailureBody: '{"message": "..."}',
  /** Scopes are carried in the token but not enforced (scope names not in the notes). */
  scopesEnforced: false,
  /** Writes need Content-Type application/json (or urlencoded `data[field]=` as the PHP client sends). */
  writeContentTypes: ['application/json', 'application/x-www-form-urlencoded'],
} as const;
