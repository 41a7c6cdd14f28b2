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
export {
  codedErrorOrOk,
  ENTITY_BOMB_PROLOGUE,
  jsonBodies,
  mutatedTree,
  xmlBodies,
} from './fuzz-bodies.js';
export { type ProductSinkFixture, runProductSinkConformance } from './product-sink-conformance.js';
export { runSourceConformance } from './source-conformance.js';
export { readEverything, runStockConformance, type StockFixture } from './stock-conformance.js';
export { runStockSinkConformance, type StockSinkFixture } from './stock-sink-conformance.js';
export { runTargetConformance } from './target-conformance.js';
