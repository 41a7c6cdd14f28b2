/**
 * A connection's Asperion settings (non-secret: hosts, administration, bookkeeping rules) and
 * credentials (the OAuth client and the rotating refresh token), as two zod schemas. The admin
 * API validates `target.settings` / `target.credentials` with them and publishes them in its
 * OpenAPI document; the connector registry parses them again when it opens a session.
 * URLs and secrets have no defaults; bookkeeping choices default to what a Dutch webshop
 * administration usually has (sales journal "VK", invoice prefix "WEB-").
 * Field names of the API are from the ASP-GO `types.go` (see README.md).
 */
import {
  countryCodeSchema,
  type RateLimitOptions,
  rateLimitSchema,
  reverseChargeLegalTextSchema,
  timeZoneSchema,
  vatRateBpSchema,
} from '@koppel/connector-sdk';
import { z } from 'zod';

/** A ledger account id of `/v1/ledgeraccounts` (an integer such as 8000). */
const ledgerAccountIdSchema = z.number().int().positive();

/**
 * Revenue account for one VAT rate, optionally for one destination country (OSS). A rule
 * without `countryCode` applies to every country that has no rule of its own.
 */
export const revenueAccountRuleSchema = z.object({
  vatRateBp: vatRateBpSchema,
  countryCode: countryCodeSchema.optional(),
  ledgerAccountId: ledgerAccountIdSchema,
});

/**
 * Asperion VAT code (an id of `/v1/vatcodes`, administration-specific, e.g. "H" for 21 % NL)
 * for one rate, optionally for one destination country. Same fallback as revenue accounts.
 */
export const vatCodeRuleSchema = z.object({
  vatRateBp: vatRateBpSchema,
  countryCode: countryCodeSchema.optional(),
  vatCode: z.string().min(1),
});

export { type RateLimitOptions, rateLimitSchema };

/**
 * Client-side token bucket per connection. Asperion publishes no limit (README.md); 4/s
 * with a burst of 8 keeps a busy shop well clear of the simulator's 300 per minute.
 */
export const DEFAULT_RATE_LIMIT: Readonly<RateLimitOptions> = Object.freeze({
  requestsPerSecond: 4,
  burst: 8,
});

/**
 * EU B2B reverse charge (btw verlegd, README "VAT"): a company with a VAT number of another EU
 * member state, every line at 0 %. The invoice gets this VAT code on every line and states the
 * legal text with the customer's VAT number, as the Belastingdienst requires of such invoices.
 */
export const reverseChargeSchema = z.object({
  /** The administration's reverse-charge sales code of `/v1/vatcodes` (e.g. "VL" / "ICP"). */
  vatCode: z.string().min(1),
  /** Revenue account of reverse-charge lines; the 0 % rule's account when absent. */
  ledgerAccountId: ledgerAccountIdSchema.optional(),
  /** Text on the invoice, followed by the customer's VAT number. */
  legalText: reverseChargeLegalTextSchema,
});

export const settingsSchema = z.object({
  /** API host, e.g. https://api.asperion.nl or the sandbox host. */
  apiBaseUrl: z.url({ protocol: /^https?$/ }),
  /** Identity server, e.g. https://identity.asperion.nl; the token endpoint is /connect/token. */
  identityBaseUrl: z.url({ protocol: /^https?$/ }),
  /** Numeric administration id (`/v1/administrations`), sent as `X-Tenant-Id`. */
  tenantId: z.coerce.number().int().positive(),
  /** Sales journal of `/v1/journals` the invoices are booked in. */
  journalId: z.string().min(1).default('VK'),
  /** Payment condition of `/v1/paymentconditions` for new debtors and invoices; none when absent. */
  paymentConditionId: z.number().int().positive().optional(),
  revenueAccounts: z.array(revenueAccountRuleSchema).min(1),
  vatCodes: z.array(vatCodeRuleSchema).min(1),
  /** Country of the shop's own VAT registration: B2B to another EU state is reverse charge. */
  homeCountry: countryCodeSchema.default('NL'),
  /** Needed as soon as an EU B2B reverse-charge order arrives; such an order is refused without it. */
  reverseCharge: reverseChargeSchema.optional(),
  /** Ledger account of shipping lines; the revenue account of the line's rate when absent. */
  shippingLedgerAccountId: ledgerAccountIdSchema.optional(),
  /** Ledger account of payment fee lines; the revenue account of the line's rate when absent. */
  paymentFeeLedgerAccountId: ledgerAccountIdSchema.optional(),
  /** Ledger account of discount lines; the revenue account of the line's rate when absent. */
  discountLedgerAccountId: ledgerAccountIdSchema.optional(),
  /** Invoice number = prefix + shop order number; together at most 30 characters. */
  invoiceNumberPrefix: z.string().max(10).default('WEB-'),
  /** `concept` leaves the invoice editable (status 1); `final` books it (status 3 InLedger). */
  sendInvoiceAs: z.enum(['concept', 'final']).default('concept'),
  /** When set, every order is booked on this one debtor and no debtors are created or changed. */
  defaultDebtorCustomerNumber: z.string().min(1).optional(),
  /** Check that every product SKU exists as an article (`/v1/articles`) before booking. */
  checkProducts: z.boolean().default(false),
  /** IANA time zone in which the order's timestamp becomes the invoice date and book period. */
  timeZone: timeZoneSchema('Europe/Amsterdam'),
  /** Language of Asperion's validation messages, which reach the order journey (README.md). */
  language: z.enum(['nl-NL', 'en-US']).default('en-US'),
  rateLimit: rateLimitSchema.default(DEFAULT_RATE_LIMIT),
});

export const credentialsSchema = z.object({
  /** OAuth client of Koppel, issued by Asperion API support. */
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** Latest refresh token; Asperion rotates it on every refresh (saved by the session). */
  refreshToken: z.string().min(1),
});

export type AsperionSettings = z.infer<typeof settingsSchema>;
export type AsperionSettingsInput = z.input<typeof settingsSchema>;
export type AsperionCredentials = z.infer<typeof credentialsSchema>;
export type RevenueAccountRule = z.infer<typeof revenueAccountRuleSchema>;
export type VatCodeRule = z.infer<typeof vatCodeRuleSchema>;
export type ReverseChargeSettings = z.infer<typeof reverseChargeSchema>;
