/** Service scaffolding shared by every deployable: app builder, problem+json, shutdown. */
export { buildServiceApp, type ReadinessCheck, type ServiceAppOptions } from './build-service-app.js';
export { installGracefulShutdown, type ShutdownStep } from './graceful-shutdown.js';
export { installProblemHandler } from './problem-handler.js';
export { createServiceRuntime, type ServiceRuntime } from './service-runtime.js';
export { type PipelineConsumerOptions, startPipelineConsumer } from './pipeline-consumer.js';
export { type DeployableParts, runDeployable } from './run-deployable.js';
export { type ConnectorRoles, connectorEnvSchema, runConnector } from './run-connector.js';
export { type PipelineStageDeps, runConsumerDeployable } from './run-consumer-deployable.js';
export { type BackoffOptions, pollBackoffSeconds } from './source-poller/poll-backoff.js';
export {
  type ProductSyncDeps,
  type ProductSyncRunner,
  startProductSync,
} from './product-sync/start-product-sync.js';
export { type ProductSyncAttempt, runProductSync } from './product-sync/run-product-sync.js';
export { type ProductSyncRoleDeps, startProductSyncRole } from './product-sync/start-product-sync-role.js';
export {
  runSourcePoller,
  type SourcePollerEnv,
  sourcePollerEnvSchema,
} from './source-poller/run-source-poller.js';
export {
  POLLER_JOURNEY_ORDER_ID,
  type SourcePoller,
  type SourcePollerDeps,
  startSourcePoller,
} from './source-poller/start-source-poller.js';
export {
  type SourceWriteBackDeps,
  startSourceWriteBack,
} from './source-write-back/start-source-write-back.js';
export { type HoldRecorderDeps, startHoldRecorder } from './stock-reader/start-hold-recorder.js';
export { STOCK_JOURNEY_ORDER_ID } from './stock-reader/stock-journey.js';
export {
  type StockReader,
  type StockReaderDeps,
  startStockReader,
} from './stock-reader/start-stock-reader.js';
export { type StockSink, type StockSinkDeps, startStockSink } from './stock-sink/start-stock-sink.js';
export type { StockPusher } from './stock-sink/stock-pusher.js';
export { type RunTargetConnectorOptions, runTargetConnector } from './target-runner/run-target-connector.js';
export { startTargetConnector, type TargetConnectorDeps } from './target-runner/start-target-connector.js';
export { type TargetRunnerEnv, targetRunnerEnvSchema } from './target-runner/target-runner-config.js';
export { setHeapGrowingPercent } from './heap-growth.js';
