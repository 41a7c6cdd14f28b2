/**
 * Every detail the InnVoice notes (see README.md) leave open, decided once
 * here so it can be corrected in one place. The README lists the same choices with reasons.
 */
export const ASSUMPTIONS = Object.freeze({
  /**
   * No public figure (notes §8 "None found"): 120 calls per minute per company account, counted
   * after the credentials are checked; over it `429` + `Retry-After` + error `429`. Configurable.
   */
  rateLimit: { requests: 120, windowMs: 60_000 },
  /**
   * Invoice numbers (`Sorszam`) per pad and year: `{prefix}-{year}/{seq:5}`. The reference client
   * replaces `/` in numbers before saving PDFs (INV-LARAVEL `downloadInvoice`), so numbers carry one.
   */
  sequenceDigits: 5,
  /** `techid` is a global numeric counter (the client treats it as an opaque string). */
  firstTechId: 100001,
  /** Dates on the wire: `YYYY.MM.DD.`; the trailing dot is optional on input. */
  dateFormat: 'YYYY.MM.DD.' as const,
  /** Currencies accepted in `Devizanem`; `Ft` and `HUF` both mean forint (notes §4.3). */
  currencies: ['Ft', 'HUF', 'EUR', 'USD'] as readonly string[],
  /** Forint amounts are whole forints on output; VAT is rounded per line, half up (HU practice). */
  hufDecimals: 0,
  /** Unit prices may carry up to 2 decimals (`.` or `,`), quantities up to 3. */
  priceDecimals: 2,
  quantityDecimals: 3,
  /** Drafts (`Felretett=1`) and proformas get no `Sorszam`; a draft gets one when finalised. */
  draftsConsumeNumbers: false,
  /** Finalised invoices move stock for lines with a known `CikkSzam`; unknown SKUs move nothing. */
  stockMovesOn: 'final-invoice' as const,
  /** `0% - KBA` (intra-EU supply) needs the buyer's tax number (notes §5 reverse charge). */
  kbaNeedsBuyerTaxNumber: true,
  /** Default payment method when `FizetesiMod` is empty. */
  defaultPaymentMethod: 'átutalás',
  /** HTTP statuses accompany the XML error codes (the client does not rely on them, notes §4.3). */
  httpStatusFollowsErrorCode: true,
  /** Bodies are read as XML text whatever the Content-Type (the client sends `text/xml`). */
  bodyReadAsXmlWhateverContentType: true,
  /** `GET product` returns every product in one answer (no paging seen); `?CikkSzam=` filters exactly. */
  productPaging: false,
  /**
   * Optional input fields beyond the notes' example: `VevoEmail` (buyer e-mail), `CikkSzam{n}`
   * (line SKU, for stock) and `RaktarID` (warehouse; default the first one).
   */
  extraInvoiceFields: ['VevoEmail', 'CikkSzam', 'RaktarID', 'EmailKuldes'] as readonly string[],
  /**
   * InnVoice documents that "az e-mail küldés jelölésével automatikusan kiküldésre kerül a
   * dokumentum" (ticking e-mail sending sends the document automatically) as part of the invoice
   * call; the element's name is not public, `EmailKuldes` (`0`/`1`) is ours. It needs `VevoEmail`;
   * a set-aside draft (`Felretett=1`) is not sent, as InnVoice's Shoprenter link never e-mails drafts.
   */
  emailFlagField: 'EmailKuldes',
  /**
   * Customers: no partner endpoint is known; the buyer of every accepted document is upserted into
   * the partner register, matched by tax number, else e-mail, else name + postcode + city.
   */
  partnerMatch: ['taxNumber', 'email', 'namePostCodeCity'] as readonly string[],
  /** `PrintUrl` = `{base}/{company}/print/{techid}/{random key}.pdf`, downloadable without auth. */
  printUrlNeedsAuth: false,
  /** Several `<invoice>` elements in one request are accepted all-or-nothing. */
  batchIsAtomic: true,
  /** A proforma converts to an invoice once; again → error `409`. */
  proformaConvertsOnce: true,
});

/**
 * Error codes in `<response><error>CODE</error>`. The only code seen is `500` (INV-LARAVEL tests);
 * input problems use 1xx, the rest follow HTTP numbers so a reader can guess their meaning.
 */
export const ERROR_CODES = Object.freeze({
  badXml: '100',
  missingField: '101',
  invalidField: '102',
  unauthorized: '401',
  notFound: '404',
  conflict: '409',
  tooManyRequests: '429',
  serverError: '500',
  unavailable: '503',
});
export type ErrorCodeName = keyof typeof ERROR_CODES;
