/**
 * A connection's InnVoice settings (the company account, the invoice pad of this shop, what kind
 * of document is made and how) and credentials (the API user, HTTP Basic), as zod schemas. One
 * InnVoice account serves several shops: each Koppel connection is one shop, identified by the
 * account's registration name (`company`) and the pad (`invoicePadId`) its documents go to.
 * Vendor facts: README.md "Vendor facts".
 */
import { type RateLimitOptions, rateLimitSchema, timeZoneSchema } from '@koppel/connector-sdk';
import { z } from 'zod';
import { DOCUMENT_CURRENCIES } from './document-money.js';

/** The 0 % labels InnVoice takes in `AfaSzoveg` (NAV exemption categories, README "VAT"). */
export const ZERO_VAT_LABELS = [
  '0% - AAM',
  '0% - TAM',
  '0% - KBA',
  '0% - KBAUK',
  '0% - EAM',
  '0% - NAM',
  '0% - ÁTK',
  '0% - EUFAD37',
  '0% - EUFADE',
  '0% - EUE',
  '0% - HO',
  '0% - FOA',
  '0% - K.AFA',
  '0% - AFAMENTES',
  '0% - NONREFUNDABLE_VAT',
  '0% - REFUNDABLE_VAT',
] as const;
export const zeroVatLabelSchema = z.enum(ZERO_VAT_LABELS);
export type ZeroVatLabel = z.infer<typeof zeroVatLabelSchema>;

export { type RateLimitOptions, rateLimitSchema };

/** Client-side token bucket per connection; InnVoice publishes no limit (README). */
export const DEFAULT_RATE_LIMIT: Readonly<RateLimitOptions> = Object.freeze({
  requestsPerSecond: 1,
  burst: 4,
});

export const settingsSchema = z.object({
  /** API host, e.g. https://api.innvoice.hu (the company goes in the path). */
  apiBaseUrl: z.url({ protocol: /^https?$/ }),
  /** The account's registration name, the first path segment of every call. */
  company: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9._-]+$/, 'the registration name as InnVoice shows it, without slashes'),
  /** `TABLE_ID` of the invoice pad (`GET tomb_invoice`) this shop's documents go to. */
  invoicePadId: z.coerce.number().int().positive(),
  /** `invoice` (számla) or `proforma` (díjbekérő). */
  documentType: z.enum(['invoice', 'proforma']).default('invoice'),
  /** `draft` sets the document aside (félretett, editable in InnVoice); `final` issues it. */
  finalisation: z.enum(['draft', 'final']).default('final'),
  /** E-mail the document to the customer on creation (never for drafts). */
  emailDocument: z.boolean().default(false),
  /** `RaktarID` stock is taken from, by SKU; absent = Koppel sends no SKUs and moves no stock. */
  stockWarehouseId: z.coerce.number().int().positive().optional(),
  /** Mark documents as e-invoices (`Eszamla`). */
  electronicInvoice: z.boolean().default(true),
  /** Days from the issue date to the payment due date (`Hatarido`). */
  paymentDueDays: z.number().int().min(0).max(365).default(8),
  /**
   * Currencies documents may be in (`Devizanem`): forint, and euro with its cents. InnVoice
   * documents no exchange-rate element, so a euro document gets InnVoice's own rate (README "Money").
   */
  currencies: z.array(z.enum(DOCUMENT_CURRENCIES)).min(1).default(['HUF']),
  /** Label of 0 % lines sold at home (e.g. `0% - AAM` for a subject-exempt seller); refused when absent. */
  domesticZeroVatLabel: zeroVatLabelSchema.optional(),
  /** Label of the rounding line, a difference outside the scope of VAT. */
  roundingVatLabel: zeroVatLabelSchema.default('0% - ÁTK'),
  /** Name of the rounding line on the document. */
  roundingLineName: z.string().min(1).max(100).default('Kerekítés'),
  /** IANA time zone in which the order's timestamp becomes the issue and fulfilment date. */
  timeZone: timeZoneSchema('Europe/Budapest'),
  rateLimit: rateLimitSchema.default(DEFAULT_RATE_LIMIT),
});

export const credentialsSchema = z.object({
  /** API user of the company account (InnVoice: Beállítások → API hozzáférés). */
  username: z.string().min(1),
  password: z.string().min(1),
});

export type InnvoiceSettings = z.infer<typeof settingsSchema>;
export type InnvoiceSettingsInput = z.input<typeof settingsSchema>;
export type InnvoiceCredentials = z.infer<typeof credentialsSchema>;
