/** Service scaffolding shared by every deployable: app builder, problem+json, shutdown. */
export { buildServiceApp, type ReadinessCheck, type ServiceAppOptions } from './build-service-app.js';
export { installGracefulShutdown, type ShutdownStep } from './graceful-shutdown.js';
export { installProblemHandler } from './problem-handler.js';
