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
export { type RunTargetConnectorOptions, runTargetConnector } from './target-runner/run-target-connector.js';
export { startTargetConnector, type TargetConnectorDeps } from './target-runner/start-target-connector.js';
export { type TargetRunnerEnv, targetRunnerEnvSchema } from './target-runner/target-runner-config.js';
