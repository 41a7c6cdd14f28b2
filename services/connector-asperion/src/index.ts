/** Public entry of the Asperion connector deployable, for the embedded mode and tests. */
export {
  type AsperionConnectorServiceDeps,
  startAsperionConnector,
} from './app.js';
