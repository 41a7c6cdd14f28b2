/**
 * A Shoprenter connection's `source.settings` and `source.credentials`. A webhook-only shop
 * needs no credentials; the reconciliation poll needs an OAuth client (a "custom API client"
 * the merchant creates under Settings > API Settings, or a partner app):
 * https://doc.shoprenter.hu/development/api/10_custom_api_clients.html and
 * https://doc.shoprenter.hu/development/api/12_acquiring_an_access_token.html
 */
import { z } from 'zod';

/**
 * The shop as its API URL names it: the part before `.api.myshoprenter.hu`, as InnVoice's
 * Shoprenter link asks for it (README.md). A pasted API URL or host is cut down to that part.
 */
const shopNameSchema = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .trim()
          .replace(/^https?:\/\//i, '')
          .replace(/\.(api2?\.)?(my)?shoprenter\.hu(\/.*)?$/i, '')
      : value,
  z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'a Shoprenter shop name like "demo" (letters, digits, dashes)'),
);

/**
 * What is written back to the shop after a target booked the order (README.md "Write-back"):
 * the document number into the order's writable `invoiceId`, and optionally a status.
 * https://doc.shoprenter.hu/api/order.html
 */
const writeBackSchema = z.object({
  /** Put the booked document's number into the order's `invoiceId`. */
  invoiceNumber: z.boolean().default(false),
  /** Then move the order to this status: its number as the admin shows it (e.g. "5" Complete). */
  orderStatusId: z.string().trim().regex(/^\d+$/, 'an order status number like "5"').optional(),
});

/**
 * Shoprenter forms variants along the list attributes of a product type (its
 * `firstVariantParameter`/`secondVariantParameter`), each child product taking one value of each:
 * https://doc.shoprenter.hu/development/api-examples/08_product_attribute_handling.html
 */
const variantSelectorSchema = z.object({
  /**
   * The product's variant attribute name (after the product settings' attributeMap; any case) →
   * the name of a Shoprenter list attribute, its text identifier (lowercase letters and `_`, e.g.
   * "meret"). Empty: variants are child products without a picker, their attributes as text.
   */
  attributes: z
    .record(
      z.string().trim().min(1),
      z
        .string()
        .trim()
        .regex(/^[a-z_]+$/, 'a Shoprenter list attribute name like "meret" (lowercase, a-z and _)'),
    )
    .default({}),
  /** Create a value the list lacks (a new size "XXL"); off: a variant with such a value is refused. */
  createMissingValues: z.boolean().default(true),
});

export const shoprenterSettingsSchema = z.object({
  shopName: shopNameSchema,
  /**
   * Base of the OAuth API (`/api/...` is appended). Default `https://<shopName>.api.myshoprenter.hu`,
   * the current host pattern (README.md; the simulator's URL in tests and the sandbox).
   */
  apiBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Base of the token endpoint (`/<shopName>/app/token` is appended). Default `https://oauth.app.shoprenter.net`. */
  oauthBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  polling: z
    .object({
      /** The reconciliation poll is off unless the operator turns it on (it needs credentials). */
      enabled: z.boolean().default(false),
      /** Seconds between polls; Shoprenter allows 3 requests/s, so polls stay far apart. */
      intervalSeconds: z.number().int().min(5).max(86_400).default(300),
    })
    .default({ enabled: false, intervalSeconds: 300 }),
  /** Off unless the operator asks: writing into the shop needs the API client too. */
  writeBack: writeBackSchema.default({ invoiceNumber: false }),
  /** How product variants get Shoprenter's size/colour picker (README.md "Variant selector"). */
  variantSelector: variantSelectorSchema.default({ attributes: {}, createMissingValues: true }),
});

export const shoprenterCredentialsSchema = z.object({
  clientId: z.string().trim().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
});

export type ShoprenterSettings = z.output<typeof shoprenterSettingsSchema>;
export type ShoprenterCredentials = z.output<typeof shoprenterCredentialsSchema>;

/**
 * Settings and credentials together: polling needs the OAuth client. Each schema alone cannot
 * see the other side, so this refine is what the admin API (and `openSession`) applies to a
 * connection's source side; the issue names the missing field.
 */
export const shoprenterSourceSchema = z
  .object({ settings: shoprenterSettingsSchema, credentials: shoprenterCredentialsSchema })
  .superRefine(({ settings, credentials }, context) => {
    const needs = settings.polling.enabled
      ? 'polling is enabled'
      : writesBack(settings)
        ? 'write-back is enabled'
        : undefined;
    if (needs === undefined) return;
    for (const field of ['clientId', 'clientSecret'] as const) {
      if (credentials[field] === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['credentials', field],
          message: `${field} is required when ${needs}`,
        });
      }
    }
  });

/** True when the connection's settings ask for anything to be written back to the shop. */
export function writesBack(settings: ShoprenterSettings): boolean {
  return settings.writeBack.invoiceNumber || settings.writeBack.orderStatusId !== undefined;
}

export const DEFAULT_OAUTH_BASE_URL = 'https://oauth.app.shoprenter.net';

export function apiBaseUrlOf(settings: ShoprenterSettings): string {
  return (settings.apiBaseUrl ?? `https://${settings.shopName}.api.myshoprenter.hu`).replace(/\/+$/, '');
}

export function oauthBaseUrlOf(settings: ShoprenterSettings): string {
  return (settings.oauthBaseUrl ?? DEFAULT_OAUTH_BASE_URL).replace(/\/+$/, '');
}
