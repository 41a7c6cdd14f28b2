/**
 * A myShop connection's `source.settings` and `source.credentials`: the shop number and the
 * order-pull private key the merchant sets in the back office (order management, "Extern ophalen
 * orders (order pull)": switch on, private key, optional IP address). See README.md "Vendor facts".
 */
import { z } from 'zod';

/** The RPC base the vendor's own client calls (README "Vendor facts"). */
export const DEFAULT_RPC_BASE_URL = 'https://www.mijnwinkel.nl/RPC';

export const myshopSettingsSchema = z.object({
  /** The shop number (digits), e.g. 12345; the `shop` parameter of every RPC call. */
  shopNumber: z.string().trim().regex(/^\d+$/, 'a myShop shop number is digits only, e.g. 12345'),
  /** Base of the RPC (`/id` and `/orders/list` are appended). Default https://www.mijnwinkel.nl/RPC. */
  rpcBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  polling: z
    .object({
      /** Orders come only by polling, so it is on unless the operator pauses it. */
      enabled: z.boolean().default(true),
      /** Seconds between polls. */
      intervalSeconds: z.number().int().min(5).max(86_400).default(300),
    })
    .default({ enabled: true, intervalSeconds: 300 }),
});

export const myshopCredentialsSchema = z.object({
  /** The order-pull private key from the back office (whoever knows it can pull the orders). */
  privateKey: z.string().min(1),
});

export type MyshopSettings = z.output<typeof myshopSettingsSchema>;
export type MyshopCredentials = z.output<typeof myshopCredentialsSchema>;

export function rpcBaseUrlOf(settings: MyshopSettings): string {
  return (settings.rpcBaseUrl ?? DEFAULT_RPC_BASE_URL).replace(/\/+$/, '');
}

/** Field names as the admin API shows them, for errors and check findings. */
export const PRIVATE_KEY_FIELD = 'source.credentials.privateKey';
export const SHOP_NUMBER_FIELD = 'source.settings.shopNumber';
