/**
 * @koppel/connector-registry: the one list of source and target connectors, the topics they
 * imply, and how a connection's settings and credentials become a connector session.
 */
export {
  createSessionCache,
  createSessionServices,
  type SessionServicesInput,
  openConnectionSession,
  parseConnectionSide,
  type SessionCache,
  type SessionOpener,
  type SessionOptions,
} from './connection-sessions.js';
export {
  findSourceConnector,
  findTargetConnector,
  pipelineTopics,
  polledSourceConnectors,
  sourceSystems,
  targetSystems,
} from './lookup.js';
export { sourceConnectors, targetConnectors } from './registry.js';
