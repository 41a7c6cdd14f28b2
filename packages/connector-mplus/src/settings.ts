/**
 * A connection's MplusKASSA settings (the tenant's personal API host, branch, till, employee and
 * bookkeeping mappings) and credentials (`ident` / `secret`), as two zod schemas. The admin API
 * validates `target.settings` / `target.credentials` with them; the connector registry parses
 * them again when it opens a session. The host and the secret have no defaults; the employee
 * defaults to 999999, the super user every Mplus tenant has (README "Vendor facts").
 */
import {
  countryCodeSchema,
  reverseChargeLegalTextSchema,
  timeZoneSchema,
  vatRateBpSchema,
} from '@koppel/connector-sdk';
import { z } from 'zod';

/**
 * An Mplus article number (`xsd:long`, numeric only): a JSON number or a string of digits, kept
 * as a string so numbers beyond 2^53 survive.
 */
export const articleNumberSchema = z
  .union([z.number().int().positive().transform(String), z.string().regex(/^[1-9]\d{0,17}$/)])
  .describe('numeric Mplus article number');

/**
 * Mplus VAT code (`vatCode`, an int of `getVatGroupList`, tenant data) for one rate, optionally
 * for one destination country (OSS). A rule without `countryCode` applies to every country
 * without a rule of its own.
 */
export const taxCodeRuleSchema = z.object({
  vatRateBp: vatRateBpSchema,
  countryCode: countryCodeSchema.optional(),
  vatCode: z.number().int().min(0),
});

/**
 * Revenue account per country: Mplus books a line's turnover on its turnover group
 * (`LineData.turnoverGroupCostCenter`, 0-999); the rate is optional (README "Choices").
 */
export const revenueAccountRuleSchema = z.object({
  countryCode: countryCodeSchema.optional(),
  vatRateBp: vatRateBpSchema.optional(),
  turnoverGroup: z.number().int().min(0).max(999),
});

export const settingsSchema = z.object({
  /** The tenant's personal API address, e.g. https://api.mpluskassa.nl:44038 (README). */
  apiUrl: z.url({ protocol: /^https?$/ }),
  /** Book an order (createOrder / queueBranchOrder) or an invoice (saveInvoice) per order. */
  documentType: z.enum(['order', 'invoice']).default('order'),
  /** `createOrder` books at once; `queueBranchOrder` hands the order to the branch's queue. */
  orderOperation: z.enum(['createOrder', 'queueBranchOrder']).default('createOrder'),
  /** extOrderId (extInvoiceId) = prefix + shop order number; unique in Mplus, never reused. */
  extOrderIdPrefix: z.string().max(20).default('WEB-'),
  /** Employee the orders are entered by; 999999 is the super user. */
  employeeNumber: z.number().int().positive().default(999_999),
  /** Branch the orders are entered in (must exist). */
  entryBranchNumber: z.number().int().positive().default(1),
  /** Workplace (till) of the entry branch; Mplus needs it for any branch but the default one. */
  workplaceNumber: z.number().int().positive().optional(),
  /**
   * How line prices are sent: incl. VAT (cents incl.), excl. VAT, or shifted (reverse charge,
   * no VAT). A reverse-charge order (EU B2B, VAT number, 0 %) is sent shifted in any case.
   */
  vatMethod: z.enum(['inclusive', 'exclusive', 'shifted']).default('inclusive'),
  /** Country of the shop's own VAT registration: a 0 % B2B order to another EU country is reverse charge. */
  homeCountry: countryCodeSchema.default('NL'),
  /** Currency of the Mplus administration; Mplus amounts carry none (cents, implicit). */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('EUR'),
  taxCodes: z.array(taxCodeRuleSchema).min(1),
  /**
   * VAT code (`getVatGroupList`) of the lines of a VAT-shifted (reverse-charge) order; the 0 %
   * tax code of the customer's country when absent.
   */
  reverseChargeTaxCode: z.number().int().min(0).optional(),
  /** Empty: no turnover group is sent and the articles' own apply. */
  revenueAccounts: z.array(revenueAccountRuleSchema).default([]),
  /** Shop shipping method (code or name) → Mplus delivery method code of `getDeliveryMethods`. */
  deliveryMethods: z.record(z.string().min(1), z.string().min(1)).default({}),
  /** Delivery method of orders whose shipping method is not mapped; none when absent. */
  defaultDeliveryMethod: z.string().min(1).optional(),
  /** Shop SKU → Mplus article number, for SKUs that are not numeric (or differ). */
  articleNumbers: z.record(z.string().min(1), articleNumberSchema).default({}),
  /** A non-numeric SKU that is not in the table is looked up as the article's PLU (`getProducts`). */
  lookupSkuAsPlu: z.boolean().default(false),
  /** Check that every article exists (`getProducts`) before the order is created. */
  checkArticles: z.boolean().default(true),
  /** Articles of non-product lines; Mplus needs an article on every line. */
  shippingArticleNumber: articleNumberSchema,
  paymentFeeArticleNumber: articleNumberSchema.optional(),
  discountArticleNumber: articleNumberSchema.optional(),
  /** Article of the explicit rounding line (per-rate VAT rounding of the shop, README "Money"). */
  roundingArticleNumber: articleNumberSchema.optional(),
  /**
   * Article of the text line that states the reverse-charge legal text on a VAT-shifted order
   * (`Line.text`, price 0; README "VAT"); without it only the shifted VAT method says so.
   */
  textArticleNumber: articleNumberSchema.optional(),
  /** Legal text of that line, followed by the customer's VAT number. */
  reverseChargeLegalText: reverseChargeLegalTextSchema,
  /** IANA time zone in which the order's timestamp becomes its financial date. */
  timeZone: timeZoneSchema('Europe/Amsterdam'),
  /** Timeout of one SOAP call in ms; the runner's timeout when absent. */
  requestTimeoutMs: z.number().int().min(100).max(600_000).optional(),
});

export const credentialsSchema = z.object({
  /** API ident of the tenant, as Mplus support hands it out. */
  ident: z.string().min(1),
  secret: z.string().min(1),
});

export type MplusSettings = z.infer<typeof settingsSchema>;
export type MplusSettingsInput = z.input<typeof settingsSchema>;
export type MplusCredentials = z.infer<typeof credentialsSchema>;
export type TaxCodeRule = z.infer<typeof taxCodeRuleSchema>;
export type RevenueAccountRule = z.infer<typeof revenueAccountRuleSchema>;
