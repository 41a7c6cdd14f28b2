/**
 * The conformance suite every connector passes, run by each connector package's own test over
 * its simulator (`runTargetConformance`, `runSourceConformance`).
 */
export type {
  SimulatedConnection,
  SourceConformanceHarness,
  TargetConformanceHarness,
  WebhookFixture,
} from './conformance-harness.js';
export { createCountingServices } from './conformance-services.js';
export { runSourceConformance } from './source-conformance.js';
export { runTargetConformance } from './target-conformance.js';
