/** Public entry of the Asperion connector deployable, for the embedded mode and tests. */
export {
  type AsperionConnectorServiceDeps,
  buildAsperionConnectorApp,
  startAsperionConnector,
} from './app.js';
