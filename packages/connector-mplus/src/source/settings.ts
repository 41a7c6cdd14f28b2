/**
 * Settings of MplusKASSA as a source (orders taken at the till → the shop): the tenant's API host,
 * polling, which orders are Koppel's own (never sent back) and the administration's currency.
 * Credentials are the target's (`ident` / `secret`, README "Vendor facts").
 */
import { z } from 'zod';
import { credentialsSchema } from '../settings.js';

export const mplusSourceSettingsSchema = z.object({
  /** The tenant's personal API address, e.g. https://api.mpluskassa.nl:44038 (README). */
  apiUrl: z.url({ protocol: /^https?$/ }),
  polling: z
    .object({
      enabled: z.boolean().default(true),
      /** Seconds between polls of `getOrders`. */
      intervalSeconds: z.number().int().min(10).max(86_400).default(60),
    })
    .default({ enabled: true, intervalSeconds: 60 }),
  /** Orders asked for per `getOrders` call (`syncMarkerLimit`). */
  syncMarkerLimit: z.number().int().min(1).max(500).default(100),
  /** Only orders entered in these branches (`getOrders.branchNumbers`); empty: every branch. */
  branchNumbers: z.array(z.number().int().positive()).default([]),
  /**
   * extOrderId prefixes of orders Koppel itself (or another integration) put into Mplus: those are
   * journaled as ignored and never sent to a shop. The default is the target's own default
   * `extOrderIdPrefix` (README "Till orders to the shop").
   */
  ignoredExtOrderIdPrefixes: z.array(z.string().min(1)).default(['WEB-']),
  /** Currency of the Mplus administration; Mplus amounts carry none (cents, implicit). */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('EUR'),
  /** Timeout of one SOAP call in ms; the runner's timeout when absent. */
  requestTimeoutMs: z.number().int().min(100).max(600_000).optional(),
});

export const mplusSourceCredentialsSchema = credentialsSchema;

export type MplusSourceSettings = z.infer<typeof mplusSourceSettingsSchema>;
export type MplusSourceCredentials = z.infer<typeof mplusSourceCredentialsSchema>;
