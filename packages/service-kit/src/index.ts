/** Service scaffolding shared by every deployable: app builder, problem+json, shutdown. */
export { buildServiceApp, type ReadinessCheck, type ServiceAppOptions } from './build-service-app.js';
export { installGracefulShutdown, type ShutdownStep } from './graceful-shutdown.js';
export { installProblemHandler } from './problem-handler.js';
export { createServiceRuntime, type ServiceRuntime } from './service-runtime.js';
export { type PipelineConsumerOptions, startPipelineConsumer } from './pipeline-consumer.js';
export { type DeployableParts, runDeployable } from './run-deployable.js';
export { type PipelineStageDeps, runConsumerDeployable } from './run-consumer-deployable.js';
