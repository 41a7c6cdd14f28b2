import { z } from 'zod';
import {
  DEFAULT_CHANGE_TIME_GRANULARITY,
  DEFAULT_RPC_ID_SINGLE_USE,
  SHOP_TIME_ZONE,
} from './domain/assumptions.js';
import { partnerSchema, shopSchema } from './domain/state.js';

/** Options of `buildMyshopSimulator`, validated once and frozen. */
export const myshopSimulatorOptionsSchema = z.strictObject({
  /** Shops with their order-pull settings (private key, optional IP, linked partners). */
  shops: z.array(shopSchema).default([]),
  /** Partners (name + key, as given by myShop to partners). */
  partners: z.array(partnerSchema).default([]),
  changeTimeGranularity: z.enum(['day', 'exact']).default(DEFAULT_CHANGE_TIME_GRANULARITY),
  rpcIdSingleUse: z.boolean().default(DEFAULT_RPC_ID_SINGLE_USE),
  timeZone: z.string().default(SHOP_TIME_ZONE),
  /** JSON file the state is loaded from at start and written to after every change. */
  statePath: z.string().optional(),
  /** The simulator's clock (tests pass a fake one); `/_control/clock` can move it forward. */
  now: z.custom<() => Date>((v) => typeof v === 'function').default(() => () => new Date()),
  logger: z.boolean().default(false),
});

export type MyshopSimulatorOptions = z.input<typeof myshopSimulatorOptionsSchema>;
export type ResolvedOptions = Readonly<z.output<typeof myshopSimulatorOptionsSchema>>;

export function resolveOptions(input: MyshopSimulatorOptions): ResolvedOptions {
  return Object.freeze(myshopSimulatorOptionsSchema.parse(input));
}
