/**
 * Generic helpers for Koppel's API simulators. Simulators share nothing with connectors beyond
 * this package: each simulator is written from the vendor notes in shared/connectors.
 */
export {
  createFaultInjector,
  DEFAULT_HOLD_MS,
  type FaultDecision,
  type FaultInjector,
  type FaultKind,
  type FaultPlan,
  type FaultRule,
} from './fault-injector.js';
export { FaultPlanSchema, FaultRuleSchema, parseFaultPlan } from './fault-plan-schema.js';
export {
  createSimulatorMode,
  type DocumentRef,
  installDocumentControl,
  type SimulatorMode,
} from './document-control.js';
export { createInspectionLog, type InspectionLog, type ReceivedCall } from './inspection-log.js';
export { createRateLimiter, type RateLimiter } from './rate-limiter.js';
export { installSimulatorKit, type SimulatorKit, type SimulatorKitOptions } from './simulator-plugin.js';
export { createStateFile, type StateFile } from './state-file.js';
export { divideRounded, excludingVat, formatDecimal, parseDecimal, rescale } from './decimal-money.js';
