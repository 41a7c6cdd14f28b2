/** Composition of the whole pipeline, used by the embedded mode, end-to-end tests and benchmarks. */
export { type PipelineInfrastructure, type RunningPipeline, startPipeline } from './compose-pipeline.js';
export { asperionDemoSettings } from './demo-settings.js';
