/** Public entry of the ingest service, for the embedded one-process mode and tests. */
export { buildIngestApp, type IngestDeps } from './app.js';
export { type IngestConfig, loadIngestConfig } from './config.js';
export { type AuthFailurePolicy, DEFAULT_AUTH_FAILURE_POLICY } from './routes/auth-failure-guard.js';
