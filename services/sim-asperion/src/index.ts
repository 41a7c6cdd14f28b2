export { type AsperionSimulator, buildAsperionSimulator } from './app.js';
export { ASSUMPTIONS as ASPERION_ASSUMPTIONS } from './domain/assumptions.js';
export type { Debtor, SalesInvoice, VatCode } from './domain/model.js';
export {
  DEFAULT_ADMINISTRATION_ID,
  DEFAULT_CLIENT,
  DEFAULT_SEED,
  DEFAULT_USER_ID,
} from './domain/seed-data.js';
export type { AsperionSeedInput } from './domain/seed-schema.js';
export type { AsperionState } from './domain/state.js';
export type { AsperionSimulatorOptions } from './options.js';
