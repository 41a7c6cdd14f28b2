/**
 * A Mijnwebwinkel target connection: the same tokens as the source side
 * (`mijnwebwinkelCredentialsSchema`, README "Vendor facts") and the settings a till order
 * needs in the shop. `orderStatus` is required: status ids are per shop (`GET /orderstatuses`),
 * so Koppel cannot guess which one means "sold at the till".
 */
import { z } from 'zod';
import { DEFAULT_API_BASE_URL, mijnwebwinkelCredentialsSchema } from '../settings.js';

export const mijnwebwinkelTargetSettingsSchema = z.object({
  /** Base of the Connect API (`/v1/...` is appended). Default https://api.myonlinestore.com. */
  apiBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The order status id (`GET /orderstatuses`) the shop order gets, e.g. the shop's "Afgerond". */
  orderStatus: z.number().int().positive(),
});

export const mijnwebwinkelTargetCredentialsSchema = mijnwebwinkelCredentialsSchema;

export type MijnwebwinkelTargetSettings = z.output<typeof mijnwebwinkelTargetSettingsSchema>;
export type MijnwebwinkelTargetCredentials = z.output<typeof mijnwebwinkelTargetCredentialsSchema>;

export function targetApiBaseOf(settings: MijnwebwinkelTargetSettings): string {
  return (settings.apiBaseUrl ?? DEFAULT_API_BASE_URL).replace(/\/+$/, '');
}
