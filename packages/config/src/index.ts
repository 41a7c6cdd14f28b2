/** Configuration parsing: zod schema per service, parsed once, frozen, failing fast. */
export {
  type BaseServiceEnv,
  baseServiceEnvSchema,
  booleanSchema,
  kafkaBrokersSchema,
  logLevelSchema,
  portSchema,
} from './common-schemas.js';
export { ConfigError, parseConfig } from './parse-config.js';
