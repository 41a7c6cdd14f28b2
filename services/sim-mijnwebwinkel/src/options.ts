import { z } from 'zod';
import {
  DEFAULT_ORDER_NUMBER_AS,
  DEFAULT_PRICE_TAX_SHAPE,
  DEFAULT_RATE_LIMIT,
  FIRST_ORDER_NUMBER,
  STORE_TIME_ZONE,
} from './domain/assumptions.js';
import { storeTokenSchema } from './domain/state.js';

/** Options of `buildMijnwebwinkelSimulator`, validated once and frozen. */
export const mijnwebwinkelSimulatorOptionsSchema = z.strictObject({
  /** Store tokens with the partner token each is bound to. More can be added via `/_control/tokens`. */
  tokens: z.array(storeTokenSchema).default([]),
  /** The spec requires `partner_token` together with `token`; false accepts a missing one (as a
   * third-party SDK assumes), a wrong one is still refused. */
  requirePartnerToken: z.boolean().default(true),
  /** The API's own limit per store token; null switches it off. */
  rateLimit: z
    .object({ requests: z.number().int().positive(), windowMs: z.number().int().positive() })
    .nullable()
    .default({ ...DEFAULT_RATE_LIMIT }),
  firstOrderNumber: z.number().int().positive().default(FIRST_ORDER_NUMBER),
  orderNumberAs: z.enum(['integer', 'string']).default(DEFAULT_ORDER_NUMBER_AS),
  priceTaxShape: z.enum(['array', 'object-when-single']).default(DEFAULT_PRICE_TAX_SHAPE),
  timeZone: z.string().default(STORE_TIME_ZONE),
  /** JSON file the state is loaded from at start and written to after every change. */
  statePath: z.string().optional(),
  /** The simulator's clock (tests pass a fake one). */
  now: z.custom<() => Date>((v) => typeof v === 'function').default(() => () => new Date()),
  logger: z.boolean().default(false),
});

export type MijnwebwinkelSimulatorOptions = z.input<typeof mijnwebwinkelSimulatorOptionsSchema>;
export type ResolvedOptions = Readonly<z.output<typeof mijnwebwinkelSimulatorOptionsSchema>>;

export function resolveOptions(input: MijnwebwinkelSimulatorOptions): ResolvedOptions {
  return Object.freeze(mijnwebwinkelSimulatorOptionsSchema.parse(input));
}
