/**
 * Every detail the MplusKASSA notes (see README.md) leave open, decided once
 * here so it can be corrected in one place when better sources appear. Each entry says why.
 * The README lists the same choices for readers who do not read code.
 */
export const ASSUMPTIONS = Object.freeze({
  /** The WSDL in MplusKASSA/mplusqapi-php is generated "for api v67.1.3" (notes §3, MP-WSDL). */
  apiVersion: { major: 67, minor: 1, revision: 3 },
  /**
   * No rate limit is documented (notes §3.7). 20 calls per second per ident: generous for a
   * connector, reachable by a runaway loop. Answered with HTTP 429, Retry-After and a SOAP Fault.
   */
  rateLimit: { requests: 20, windowMs: 1000 },
  /**
   * Wrong or missing ident/secret: not documented. The server is gSOAP-style (SOAP-ENV/ns prefixes)
   * and the vendor's own client reads `//faultstring` only from 5xx answers (MP-SOAPCLIENT
   * `setSoapFault` on a Guzzle ServerException), so: HTTP 500 with faultcode SOAP-ENV:Client - the
   * faultcode, not the status, says "do not retry".
   */
  authFailureStatus: 500,
  /** Malformed XML, unknown operation, schema violation: SOAP 1.1 §6.2 says HTTP 500 + Fault. */
  faultStatus: 500,
  /** The branch orders go to when entryBranchNumber is absent; other branches need a workplace (notes §3.4). */
  defaultBranchNumber: 1,
  /** employeeNumber is mandatory server-side (APIcenter); 999999 is the super user (notes §3.4). */
  superUserEmployeeNumber: 999999,
  /** New relations without relationNumber get max(existing, this - 1) + 1. */
  firstRelationNumber: 1001,
  /** A relation needs a name or a companyName; otherwise CREATE-RELATION-RESULT-FAILED. */
  relationNeedsName: true,
  /** updateRelation: fields left out of the request keep their value (a merge, not a replace). */
  updateRelationMerges: true,
  /** getRelation of an unknown number: GET-RELATION-RESULT-NOT-FOUND (the enum's other member is not in the notes). */
  getRelationNotFound: 'GET-RELATION-RESULT-NOT-FOUND',
  /** getStock/getStockHistory for a branch that does not exist: SOAP Fault (the response has no result enum). */
  unknownBranchIsFault: true,
  /** findRelation: every filled search field must match; e-mail compares case-insensitively. */
  findRelationFields: [
    'relationNumber',
    'extRelationId',
    'email',
    'name',
    'companyName',
    'telephone',
    'zipcode',
    'relationCode',
    'vatNumber',
  ] as const,
  /**
   * vatPercentage (xsd:long) is read as a whole percentage (21 = 21 %); NL and HU rates are whole
   * numbers (notes §5). The real scale is not documented.
   */
  vatPercentageScale: 1,
  /**
   * Server-side totals: line incl = price x quantity / 10^decimalPlaces, then discountPercentage and
   * discountAmount; excl per line = incl x 100 / (100 + pct), half-up to whole cents (per-line
   * rounding, notes §5). Totals sent by the client are ignored and recomputed.
   */
  recomputeTotals: true,
  /** orderId: "hex-like" (notes §3.4) - 32 upper-case hex digits. orderString: "<year>-<number>". */
  orderIdHexDigits: 32,
  /** Orders are numbered per financial year from 1 (orderNumber {year, number}). */
  firstOrderNumber: 1,
  /** Default orderType of orders created through the API (the client may send another). */
  defaultOrderType: 'ORDER-TYPE-SALES-ORDER',
  /**
   * An order reserves its quantities at the entry branch for stock articles: amountReserved up and
   * amountFree down by the same amount (the vendor's stock tutorial: amountFree is "the available
   * stock that can be safely sold", amountReserved "reserved in undelivered orders"), as a stock
   * change with a new stockId and a history row of type SALES with the orderId.
   */
  ordersReserveStock: true,
  /**
   * queueBranchOrder: the branch processes the queue at once in the simulator, so a queued order is
   * found by findOrder/getOrder right after it is queued.
   */
  processQueuedOrdersImmediately: true,
  /**
   * Stock history types, from the WSDL's `StockHistoryType` enum: a control `set` is a stock count
   * (CORRECTION), a control `add` a manual change (MANUAL), an order's reservation SALES. Which
   * type the real server writes for each is not documented.
   */
  stockHistoryTypes: {
    set: 'STOCK-HISTORY-TYPE-CORRECTION',
    adjust: 'STOCK-HISTORY-TYPE-MANUAL',
    order: 'STOCK-HISTORY-TYPE-SALES',
  } as const,
  /** Timestamps are answered in UTC: SoapMplusDateTime timezone 0, isdst false. */
  timezoneMinutes: 0,
  /** Sales price of an article on the wire: salesPriceList { salesPrice { price, priceExcl } } (shape undocumented). */
  salesPriceShape: 'salesPriceList/salesPrice{price,priceExcl}' as const,
  /** getDeliveryMethods items: deliveryMethodList { deliveryMethod { code, description } } (shape undocumented). */
  deliveryMethodShape: 'deliveryMethodList/deliveryMethod{code,description}' as const,
  /**
   * getStock/getStockHistory/getProducts accept their fields directly under the operation element
   * or inside a `request` element (notes show both styles); list responses repeat their element
   * directly (`articleStocks`, `articleStockHistory`) or in the documented wrapper.
   */
  tolerantRequestWrapper: true,
});
