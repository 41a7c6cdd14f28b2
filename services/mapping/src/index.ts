/** Public entry of the mapping service, for the embedded one-process mode and tests. */
export { type MappingDeps, startMapping } from './app.js';
export { type MappingConfig, loadMappingConfig } from './config.js';
export {
  applyConnectionRules,
  type ConnectionRules,
  connectionRulesSchema,
} from './domain/connection-rules.js';
