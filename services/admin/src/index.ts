/** The admin API, importable by the embedded one-process mode. */
export { type AdminDeps, buildAdminApp } from './app.js';
export { type AdminConfig, loadAdminConfig } from './config.js';
export { type AdminConnectors, loadRegistryConnectors } from './connectors/admin-connectors.js';
