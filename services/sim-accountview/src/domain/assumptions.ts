/**
 * Every detail the AccountView notes (see README.md) leave open, decided once
 * here so it can be corrected in one place when better sources appear. Each entry says why.
 * The README lists the same choices for readers who do not read code.
 */
export const ASSUMPTIONS = Object.freeze({
  /** Access token lifetime: unknown for AccountView; one hour is the common OAuth default. */
  accessTokenLifetimeSeconds: 3600,
  /** Authorization codes are single use and short lived (RFC 6749 §4.1.2 recommends <= 10 min). */
  authorizationCodeLifetimeSeconds: 600,
  /**
   * Refresh tokens rotate: every refresh answers a new refresh token and the old one stops working
   * (notes §6.7 "store and rotate refresh tokens"). Refresh tokens themselves do not expire.
   */
  rotateRefreshTokens: true,
  /** Scopes the authorize URL of AV-PHP asks for (notes §2.1); GET needs read, POST/PUT update. */
  scopes: ['readaccountviewdata', 'updateaccountviewdata', 'deleteaccountviewdata'] as const,
  /**
   * No rate limit is documented (notes §2.8). 20 calls per second per access token: generous for a
   * connector, reachable by a runaway loop. 429 + Retry-After (seconds) + AccountViewError body.
   */
  rateLimit: { requests: 20, windowMs: 1000 },
  /** `PageSize` absent: 100 rows. Clients use 1..1000 (notes §2.2); above 1000 is rejected. */
  defaultPageSize: 100,
  maxPageSize: 1000,
  /**
   * An empty result is `200 { "<TABLE>": [] }`, not 404: AV-PHP reads `$result['CONTACT']` and
   * counts rows. (AV-PAS also tolerates a 404; both clients work with an empty array.)
   */
  emptyResultStatus: 200,
  /**
   * Character filters compare exactly and case-sensitively, as FoxPro (AccountView's engine) does
   * by default: a connector that looks a debtor up by e-mail must normalise the case itself.
   * Trailing spaces are ignored (FoxPro pads character fields).
   */
  caseSensitiveCharacterFilters: true,
  /** New debtors without SUB_NR get max(numeric SUB_NR, this - 1) + 1 (notes: AV-PHP omits SUB_NR). */
  firstDebtorNumber: 10001,
  /** Default collective account (verzamelrekening) of new debtors: RGS "Debiteuren" 1300. */
  defaultDebtorCollectiveAccount: '1300',
  /** Sales orders are numbered ORD_NR by the server from this value on (AV-PHP never sends one). */
  firstSalesOrderNumber: 20250001,
  /** DJ_PAGE without INV_NR gets the next number from this value on; AV-PAS always sends one. */
  firstInvoiceNumber: 25000001,
  /**
   * INV_NR must be unique within a daybook (DJ_CODE): a second page with the same number is
   * rejected. AV-PAS checks first, so the real behaviour is unknown; rejecting is the safe side.
   */
  uniqueInvoiceNumberPerDaybook: true,
  /**
   * SO_HDR.COMMENT1 is NOT unique: AccountView has no external-reference check (notes §2.5), so a
   * connector that does not look the order up first creates a duplicate, as it would for real.
   */
  uniqueSalesOrderComment: false,
  /**
   * A journal page whose lines do not balance gets the debtor counter-posting generated on the
   * debtor's collective account (notes §2.6: AV-PAS only sends revenue lines).
   */
  generateDebtorCounterPosting: true,
  /**
   * A sales order reserves its quantities: ARTICLE.QTY_AVAIL = sum of stock over warehouses
   * (QTY_TECH) minus open sales order quantities ("available stock minus sales reservations",
   * connectors README).
   */
  salesOrdersReserveStock: true,
  /**
   * A change of an article's stock figures (QTY_TECH, QTY_AVAIL) by a sales order stamps the
   * article's CNG_DATE ("last change", AV-PHP), as a stock change through the control API does:
   * the figures are fields of the ARTICLE record. Whether AccountView does so is not documented.
   */
  stockChangeStampsCngDate: true,
  /** Warehouse code used when stock is seeded without one. */
  defaultWarehouse: 'HM',
  /**
   * Contact persons: the notes only show MAIN_CONT (name) and MC_MAILB (e-mail) on CONTACT, so a
   * company debtor's contact person is stored in those fields; person debtors leave them empty.
   */
  contactPersonFields: ['MAIN_CONT', 'MC_MAILB'] as const,
  /** Field names are matched case-insensitively everywhere (notes §2.2) and stored UPPER_SNAKE. */
  caseInsensitiveFieldNames: true,
  /** Validation and business errors answer 400 + AccountViewError body (notes §2.2 [I]). */
  validationErrorStatus: 400,
  /** Missing x-company: 400; a company the token cannot see: 403. Neither is documented. */
  missingCompanyStatus: 400,
  unknownCompanyStatus: 403,
  /** Error messages are English (the real ones are probably Dutch; clients only test non-empty). */
  errorLanguage: 'en' as const,
  /**
   * Every row carries REC_ID (AV-GO: string "Unieke code"), a 10-digit zero-padded counter per
   * company, and the integer `<TABLE>_Id` (AV-GO `CONTACT_Id`, `DJ_PAGE_Id`) with the same number.
   * A PUT's `id` may be the debtor's SUB_NR, REC_ID or CONTACT_Id.
   */
  tableIdFromRecId: true,
  /** PUT on AR1 is a partial update: fields not in the definition keep their value. */
  partialDebtorUpdate: true,
  /**
   * A journal page (DJ2 invoice) is financial only and does not move stock; only open sales
   * orders reserve it. Stock is changed through the control API (the books' own stock module).
   */
  journalPagesMoveStock: false,
  /** SO_HDR.DEL_CODE, when sent, must be the REC_ID of a DEL_ADDR of RPL_DEL or RPL_INV (notes §2.4). */
  validateDeliveryAddress: true,
  /**
   * Numeric fields (FieldType N, I, Y, B) hold at most 15 digits before the decimal point: FoxPro's
   * currency range (±922,337,203,685,477) and the digits a JSON number keeps exactly. A larger
   * value (or a computed line or page total past it) is refused with 400, never stored.
   */
  maxNumericIntegerDigits: 15,
  /** API version reported in the URL: /api/v3 (notes §2.1). */
  apiBasePath: '/api/v3',
});
