/**
 * A Mijnwebwinkel connection's `source.settings` and `source.credentials`. The shop owner creates
 * an API token in the back office (Settings → API → add token, partner "Koppel" chosen, unlimited
 * validity, active); Koppel adds its own partner token. The API wants both on every call, as the
 * query parameters `token` and `partner_token` (README "Vendor facts").
 * https://myonlinestore.github.io/public-api-docs/
 */
import { z } from 'zod';

export const DEFAULT_API_BASE_URL = 'https://api.myonlinestore.com';

export const mijnwebwinkelSettingsSchema = z.object({
  /** Base of the Connect API (`/v1/...` is appended). Default https://api.myonlinestore.com. */
  apiBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The shop's wall clock, in which the API prints order dates and takes its date filters. */
  timeZone: z.string().min(1).default('Europe/Amsterdam'),
  polling: z
    .object({
      /** Orders come only by polling (the API has no webhooks), so it is on unless turned off. */
      enabled: z.boolean().default(true),
      /** Seconds between polls of this shop. */
      intervalSeconds: z.number().int().min(1).max(86_400).default(300),
    })
    .default({ enabled: true, intervalSeconds: 300 }),
  /**
   * Variant products (README.md "Variants"): the product's variant attribute name (after the
   * product settings' attributeMap; any case) → the id of the store's article list that offers its
   * values (the merchant makes lists in the back office; the API reads one by id but cannot list
   * or create lists), e.g. `{"size": 193177}`. Empty: variant products are refused with the reason.
   */
  variantLists: z.record(z.string().trim().min(1), z.number().int().positive()).default({}),
  /** Add an option a list lacks (`POST /articlelistoptions/{id}`); off: such a variant is refused. */
  createMissingOptions: z.boolean().default(true),
});

export const mijnwebwinkelCredentialsSchema = z.object({
  /** The shop owner's API token (query `token`). */
  apiToken: z.string().trim().min(1),
  /** Koppel's partner token (query `partner_token`), the partner the shop owner chose. */
  partnerToken: z.string().trim().min(1),
});

export type MijnwebwinkelSettings = z.output<typeof mijnwebwinkelSettingsSchema>;
export type MijnwebwinkelCredentials = z.output<typeof mijnwebwinkelCredentialsSchema>;

export function apiBaseUrlOf(settings: MijnwebwinkelSettings): string {
  return (settings.apiBaseUrl ?? DEFAULT_API_BASE_URL).replace(/\/+$/, '');
}
