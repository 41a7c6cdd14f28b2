/** The admin API, importable by the embedded one-process mode. */
export { type AdminDeps, buildAdminApp } from './app.js';
export { type AdminConfig, loadAdminConfig } from './config.js';
export { type AdminConnectors, loadRegistryConnectors } from './connectors/admin-connectors.js';
export {
  type RetentionPurgeLoop,
  type RetentionPurgeLoopDeps,
  startRetentionPurgeLoop,
} from './retention/retention-purge-loop.js';
export { type PurgeRunReport, runRetentionPurge } from './retention/run-retention-purge.js';
