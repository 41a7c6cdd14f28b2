/**
 * Every detail the Asperion notes (see README.md) leave open, decided once
 * here so it can be corrected in one place when better sources appear. Each entry says why.
 * The README lists the same choices for readers who do not read code.
 */
export const ASSUMPTIONS = Object.freeze({
  /** IdentityServer's default authorization code lifetime (5 minutes); Asperion's value is unknown. */
  authorizationCodeLifetimeSeconds: 300,
  /** Notes ask for a configurable default of one hour (IdentityServer default too). */
  accessTokenLifetimeSeconds: 3600,
  /** IdentityServer default absolute refresh token lifetime: 30 days. */
  refreshTokenLifetimeSeconds: 30 * 24 * 3600,
  /**
   * No public rate limit figure exists (notes §1.9). 300 calls per minute per client+user is
   * generous for a connector yet reachable by a runaway loop; configurable.
   */
  rateLimit: { requests: 300, windowMs: 60_000 },
  /** Paging: 1-based `page`; default and maximum `pageSize` are unknown, small values force paging. */
  defaultPageSize: 25,
  maxPageSize: 100,
  /**
   * String filters (`Name`, `EmailAddress`, `InvoiceNumber`...) default to `Contains` on every list
   * (notes §1.2 quote the Swagger text for invoices; applied to all lists), compared
   * case-insensitively as SQL Server's default collation does.
   */
  defaultStringComparison: 'Contains' as const,
  /** Dutch vendor: messages are Dutch unless `Accept-Language: en-US` (notes §1.1). */
  defaultLanguage: 'nl-NL' as const,
  /** New debtors without `customerNumber` get max(numeric customer numbers, this - 1) + 1. */
  firstCustomerNumber: 10001,
  /** New invoices without `invoiceNumber` get the administration's next number (a plain counter). */
  firstInvoiceNumber: 250001,
  /**
   * VAT check per line: |vatAmount - amount x percentage| may be at most 1 cent, which accepts
   * per-line rounding and per-rate rounding spread over lines (notes §5 allow both methods).
   */
  lineVatToleranceCents: 1,
  /** Header totals vs sum of lines: exact for amounts, VAT may differ by the rounding method. */
  headerVatToleranceCentsPerLine: 1,
  /** Amounts carry at most 2 decimals; more is rejected (catches float bugs in connectors). */
  maxAmountDecimals: 2,
  /**
   * Largest amount, in cents: 9,999,999,999,999.99 (15 significant digits, the most a JSON number
   * carries exactly through a double). A larger amount, or a computed total past it, is refused with
   * 400 "out of range" naming the field. Asperion's real limit is not documented [I].
   */
  maxAmountCents: 999_999_999_999_999,
  /** Invoice statuses accepted on create (notes §1.6 list 1,2,3,6,7,8); default 1 Concept. */
  creatableInvoiceStatuses: [1, 2, 3, 6, 7, 8] as readonly number[],
  defaultInvoiceStatus: 1,
  /** Due date when neither `paymentDueDate` nor a payment condition gives one. */
  defaultPaymentTermDays: 14,
  /** Go-client zero values (`0`, `""`) on optional references mean "not set". */
  zeroMeansUnset: true,
  /**
   * Field length limits of debtors are not public; these are typical for Dutch bookkeeping
   * packages and keep connectors honest about truncation.
   */
  debtorMaxLengths: {
    customerNumber: 20,
    name: 100,
    address: 100,
    emailAddress: 254,
    postCode: 20,
    city: 60,
  },
  /** Invoice number and description limits (unknown at Asperion). */
  invoiceMaxLengths: { invoiceNumber: 30, description: 255, lineDescription: 255 },
  /** Access and refresh tokens are opaque random strings (IdentityServer reference tokens). */
  opaqueTokens: true,
});

export type StringComparison = 'Contains' | 'Equals' | 'NotEquals' | 'StartsWith' | 'EndsWith';
export const STRING_COMPARISONS: readonly StringComparison[] = [
  'Contains',
  'Equals',
  'NotEquals',
  'StartsWith',
  'EndsWith',
];
