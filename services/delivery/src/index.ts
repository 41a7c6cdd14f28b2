/** Public entry of the delivery router, for the embedded one-process mode and tests. */
export { type DeliveryDeps, startDelivery } from './app.js';
