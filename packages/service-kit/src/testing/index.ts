/** Test support for services built on service-kit (`@koppel/service-kit/testing`). */
export { type EmbeddedStage, openEmbeddedStage } from './embedded-stage.js';
