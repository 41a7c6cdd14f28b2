export {
  type AccountviewSimulator,
  type AccountviewSimulatorOptions,
  buildAccountviewSimulator,
} from './app.js';
export { ASSUMPTIONS as ACCOUNTVIEW_ASSUMPTIONS } from './domain/assumptions.js';
export type { CompanySeed } from './domain/seed.js';
export {
  DEFAULT_CLIENT as ACCOUNTVIEW_DEFAULT_CLIENT,
  DEFAULT_COMPANY as ACCOUNTVIEW_DEFAULT_COMPANY,
} from './domain/seed.js';
export type { OAuthClient } from './domain/model.js';
