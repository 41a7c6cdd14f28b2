/**
 * A Shoprenter connection's `source.settings` and `source.credentials`. A webhook-only shop
 * needs no credentials; the reconciliation poll needs an OAuth client (a "custom API client"
 * the merchant creates under Settings > API Settings, or a partner app):
 * https://doc.shoprenter.hu/development/api/10_custom_api_clients.html and
 * https://doc.shoprenter.hu/development/api/12_acquiring_an_access_token.html
 */
import { z } from 'zod';

export const shoprenterSettingsSchema = z.object({
  /** The shop's name as in `<shopName>.shoprenter.hu`; part of the token URL. */
  shopName: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]*$/i, 'a Shoprenter shop name like "demo" (letters, digits, dashes)'),
  /**
   * Base of the OAuth API (`/api/...` is appended). Default `https://<shopName>.api2.myshoprenter.hu`
   * (shops.md 1.1; the simulator's URL in tests and the sandbox).
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
    if (!settings.polling.enabled) return;
    for (const field of ['clientId', 'clientSecret'] as const) {
      if (credentials[field] === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['credentials', field],
          message: `${field} is required when polling is enabled`,
        });
      }
    }
  });

export const DEFAULT_OAUTH_BASE_URL = 'https://oauth.app.shoprenter.net';

export function apiBaseUrlOf(settings: ShoprenterSettings): string {
  return (settings.apiBaseUrl ?? `https://${settings.shopName}.api2.myshoprenter.hu`).replace(/\/+$/, '');
}

export function oauthBaseUrlOf(settings: ShoprenterSettings): string {
  return (settings.oauthBaseUrl ?? DEFAULT_OAUTH_BASE_URL).replace(/\/+$/, '');
}
