/** Starts all seven API simulators on fixed loopback ports (see README). */
export { type SandboxConfig, loadSandboxConfig } from './config.js';
export { SANDBOX_ERROR_CODES } from './errors.js';
export { DEFAULT_PORTS, PORT_ENV_NAMES, SYSTEMS, type SystemName } from './ports.js';
export { SANDBOX_CREDENTIALS } from './sandbox-credentials.js';
export type { SandboxSimulators } from './simulator-builders.js';
export { type Sandbox, type StartSandboxOptions, startSandbox } from './start-sandbox.js';
export { SYSTEM_CATALOGUE, type SystemInfo } from './system-catalogue.js';
