/**
 * A connection's AccountView settings (non-secret: the customer's own API host, the company,
 * bookkeeping rules) and credentials (the OAuth client and the rotating refresh token), as zod
 * schemas the admin API validates and publishes. URLs and secrets have no defaults; AccountView
 * is often self-hosted, so the API base URL is always the customer's (README "Settings").
 * Field names of the API are from the public clients listed in README.md.
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

const codeSchema = z.string().trim().min(1).max(20);

/**
 * AccountView VAT code (`VA1` / `VAT.VAT_CODE`, administration-specific) for one rate, optionally
 * for one destination country (OSS). A rule without `countryCode` applies to every other country.
 */
export const vatCodeRuleSchema = z.object({
  vatRateBp: vatRateBpSchema,
  countryCode: countryCodeSchema.optional(),
  vatCode: codeSchema,
});

/** Revenue ledger account (`DJ_LINE.ACCT_NR`) for one rate, optionally per destination country. */
export const revenueAccountRuleSchema = z.object({
  vatRateBp: vatRateBpSchema,
  countryCode: countryCodeSchema.optional(),
  accountNumber: codeSchema,
});

/**
 * How a shop's payment method is booked: the AccountView payment terms code (`DISC_CODE`,
 * "betalingsconditie") on sales orders and new debtors, and the payment term in days
 * (`CRED_DAYS`) on journal pages.
 */
export const paymentMappingSchema = z.object({
  /** The shop's payment method code as the order carries it, e.g. `BANK_TRANSFER`. */
  shopPaymentMethod: z.string().min(1),
  paymentTermsCode: codeSchema.optional(),
  creditDays: z.number().int().min(0).max(365).optional(),
});

export { type RateLimitOptions, rateLimitSchema };

/** Client-side token bucket per connection; the simulator allows 20/s per token (README). */
export const DEFAULT_RATE_LIMIT: Readonly<RateLimitOptions> = Object.freeze({
  requestsPerSecond: 8,
  burst: 8,
});

/**
 * EU B2B reverse charge (btw verlegd, README "VAT"): a company with a VAT number of another EU
 * member state, every line at 0 %. Every line gets this code (a `VA1` code with `IS_REVERSE`)
 * and the document the legal text with the customer's VAT number.
 */
export const reverseChargeSchema = z.object({
  vatCode: codeSchema,
  /** Revenue account of reverse-charge journal-page lines; the 0 % rule's account when absent. */
  accountNumber: codeSchema.optional(),
  legalText: reverseChargeLegalTextSchema,
});

const baseSettingsSchema = z.object({
  /** The customer's AccountView Web API, e.g. https://www.accountview.net/api/v3 or a self-hosted server. */
  apiBaseUrl: z.url({ protocol: /^https?$/ }),
  /** Company Id (`GET /companies`), sent as the `x-company` header on every call. */
  companyId: z.string().trim().min(1),
  /** `sales-order`: SO1 (SO_HDR/SO_LINE); `journal-page`: a sales invoice as DJ2 (DJ_PAGE/DJ_LINE). */
  documentType: z.enum(['sales-order', 'journal-page']).default('sales-order'),
  /** Sales daybook (`DJ1` / `DAILY.DJ_CODE`, e.g. the "Verkoopboek") of journal pages. */
  daybookCode: codeSchema.optional(),
  /** Document number = prefix + shop order number (`SO_HDR.COMMENT1` or `DJ_PAGE.INV_NR`). */
  documentNumberPrefix: z.string().max(10).default('WEB-'),
  /** The books' currency; orders in another currency are refused (no exchange rates are booked). */
  bookCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('EUR'),
  vatCodes: z.array(vatCodeRuleSchema).min(1),
  /** Country of the shop's own VAT registration: B2B to another EU state is reverse charge. */
  homeCountry: countryCodeSchema.default('NL'),
  /** Needed as soon as an EU B2B reverse-charge order arrives; such an order is refused without it. */
  reverseCharge: reverseChargeSchema.optional(),
  /** Revenue accounts of journal-page lines; required for `journal-page`. */
  revenueAccounts: z.array(revenueAccountRuleSchema).default([]),
  /** Ledger accounts of journal-page cost lines; the rate's revenue account when absent. */
  shippingAccountNumber: codeSchema.optional(),
  paymentFeeAccountNumber: codeSchema.optional(),
  discountAccountNumber: codeSchema.optional(),
  /** Article codes (`AK1` / `ARTICLE.ART_CODE`) of sales-order lines that are not products. */
  shippingArticleCode: codeSchema.optional(),
  paymentFeeArticleCode: codeSchema.optional(),
  discountArticleCode: codeSchema.optional(),
  /** Article of the explicit rounding line a sales order gets when qty x unit price cannot hit the shop's cents. */
  roundingArticleCode: codeSchema.optional(),
  /**
   * Article of a sales order's text lines (the reverse-charge legal text, `ART_DESC1`, price 0);
   * without it a sales order states reverse charge only by its VAT code (README "VAT").
   */
  textArticleCode: codeSchema.optional(),
  paymentMethods: z.array(paymentMappingSchema).default([]),
  /** Payment terms code / days when the order's payment method has no mapping. */
  defaultPaymentTermsCode: codeSchema.optional(),
  defaultCreditDays: z.number().int().min(0).max(365).optional(),
  /** When set, every order is booked on this one debtor (`SUB_NR`); no debtor is created or changed. */
  defaultDebtorNumber: codeSchema.optional(),
  /** Check that every product SKU exists as an article (`AK1`) before booking. */
  checkProducts: z.boolean().default(true),
  /** IANA time zone of the administration: AccountView stores local datetimes without zone. */
  timeZone: timeZoneSchema('Europe/Amsterdam'),
  rateLimit: rateLimitSchema.default(DEFAULT_RATE_LIMIT),
});

export const settingsSchema = baseSettingsSchema.superRefine((settings, context) => {
  if (settings.documentType !== 'journal-page') return;
  if (settings.daybookCode === undefined)
    context.addIssue({
      code: 'custom',
      path: ['daybookCode'],
      message: 'journal pages need a sales daybook',
    });
  if (settings.revenueAccounts.length === 0)
    context.addIssue({
      code: 'custom',
      path: ['revenueAccounts'],
      message: 'journal pages need at least one revenue account',
    });
});

export const credentialsSchema = z.object({
  /** "API-sleutel" of the app in the AccountView Webservice portal. */
  clientId: z.string().min(1),
  /** "API-secret" of that app. */
  clientSecret: z.string().min(1),
  /** Latest refresh token; rotated on every refresh and saved under the credentials lock. */
  refreshToken: z.string().min(1),
});

export type AccountviewSettings = z.infer<typeof settingsSchema>;
export type AccountviewSettingsInput = z.input<typeof settingsSchema>;
export type AccountviewCredentials = z.infer<typeof credentialsSchema>;
export type VatCodeRule = z.infer<typeof vatCodeRuleSchema>;
export type RevenueAccountRule = z.infer<typeof revenueAccountRuleSchema>;
