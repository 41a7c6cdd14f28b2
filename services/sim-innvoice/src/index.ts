export {
  buildInnvoiceSimulator,
  DEFAULT_CREDENTIALS as INNVOICE_DEFAULT_CREDENTIALS,
  type InnvoiceSimulator,
} from './app.js';
export {
  ASSUMPTIONS as INNVOICE_ASSUMPTIONS,
  ERROR_CODES as INNVOICE_ERROR_CODES,
} from './domain/assumptions.js';
export type { InnvoiceState, InvoiceDocument, Partner, Product } from './domain/model.js';
export { DEFAULT_SEED as INNVOICE_DEFAULT_SEED } from './domain/seed-data.js';
export type { InnvoiceSeedInput } from './domain/seed-schema.js';
export type { InnvoiceSimulatorOptions } from './options.js';
