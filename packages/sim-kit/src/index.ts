/**
 * Generic helpers for Koppel's API simulators. Simulators share nothing with connectors beyond
 * this package: each simulator is written from the vendor notes in shared/connectors.
 */
export {
  createFaultInjector,
  type FaultDecision,
  type FaultInjector,
  type FaultPlan,
} from './fault-injector.js';
export { createInspectionLog, type InspectionLog, type ReceivedCall } from './inspection-log.js';
export { createRateLimiter, type RateLimiter } from './rate-limiter.js';
export { installSimulatorKit, type SimulatorKit, type SimulatorKitOptions } from './simulator-plugin.js';
export { createStateFile, type StateFile } from './state-file.js';
export { divideRounded, excludingVat, formatDecimal, parseDecimal, rescale } from './decimal-money.js';
