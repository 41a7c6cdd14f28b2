export {
  buildMplusSimulator,
  DEFAULT_CREDENTIALS as MPLUS_DEFAULT_CREDENTIALS,
  type MplusSimulator,
  type MplusSimulatorOptions,
} from './app.js';
export { ASSUMPTIONS as MPLUS_ASSUMPTIONS } from './domain/assumptions.js';
export type { SimulatorState as MplusSimulatorState } from './domain/model.js';
export type { Credentials as MplusCredentials } from './routes/soap-route.js';
