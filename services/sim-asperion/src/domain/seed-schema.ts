import { z } from 'zod';

/**
 * Shape of seed data given through options or `POST /_control/seed`. Reference data mirrors the
 * API's own objects; article prices are decimal numbers like on the wire, stored as cents.
 */
const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const VatCodeSeedSchema = z.object({
  id: z.string().min(1),
  description: z.string(),
  salesCode: z.boolean(),
  percentage: z.number().min(0).max(100),
  isDefault: z.boolean().default(false),
  validFrom: dateOnly.nullable().default(null),
  validUntil: dateOnly.nullable().default(null),
  countryCode: z.string().default('NL'),
});

export const LedgerAccountSeedSchema = z.object({
  id: z.number().int().positive(),
  type: z.number().int(),
  description: z.string(),
  vatCode: z.string().nullable().default(null),
  disabled: z.boolean().default(false),
  rcsfi: z.string().default(''),
  conversionCode: z.string().default(''),
  costCenter: z.string().default(''),
});

export const JournalSeedSchema = z.object({
  id: z.string().min(1),
  description: z.string(),
  type: z.string(),
});

export const PaymentConditionSeedSchema = z.object({
  id: z.number().int().positive(),
  description: z.string(),
  days: z.number().int().min(0),
});

export const ArticleSeedSchema = z.object({
  id: z.number().int().positive(),
  code: z.string().min(1),
  description: z.string(),
  ean: z.string().default(''),
  unit: z.string().default('stuk'),
  salesPrice: z.number(),
  vatCode: z.string(),
  salesTypeId: z.number().int().default(1),
  activeState: z.enum(['Active', 'Inactive']).default('Active'),
  currentStock: z.number().default(0),
  reservedStock: z.number().default(0),
});

/** Debtors in a seed use the API's create shape; the store validates them like a POST. */
export const DebtorSeedSchema = z.record(z.string(), z.unknown());

export const AdministrationSeedSchema = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1),
  profileName: z.string().default('inTrade'),
  telephoneNumber: z.string().default(''),
  email: z.string().default(''),
  vatCodes: z.array(VatCodeSeedSchema).default([]),
  ledgerAccounts: z.array(LedgerAccountSeedSchema).default([]),
  journals: z.array(JournalSeedSchema).default([]),
  paymentConditions: z.array(PaymentConditionSeedSchema).default([]),
  articles: z.array(ArticleSeedSchema).default([]),
  debtors: z.array(DebtorSeedSchema).default([]),
  firstInvoiceNumber: z.number().int().positive().optional(),
});

export const UserSeedSchema = z.object({
  id: z.string().min(1),
  username: z.string().min(1),
  administrationIds: z.array(z.number().int().positive()).min(1),
  defaultAdministrationId: z.number().int().positive(),
});

export const ClientSeedSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUris: z.array(z.url()).default([]),
});

export const AsperionSeedSchema = z.object({
  administrations: z.array(AdministrationSeedSchema).min(1),
  users: z.array(UserSeedSchema).min(1),
  clients: z.array(ClientSeedSchema).default([]),
});

export type AsperionSeedInput = z.input<typeof AsperionSeedSchema>;
export type AsperionSeed = z.output<typeof AsperionSeedSchema>;
export type AdministrationSeed = z.output<typeof AdministrationSeedSchema>;
export type OAuthClientInput = z.input<typeof ClientSeedSchema>;
