/**
 * @koppel/order-intake: the one way a source event enters the pipeline, shared by ingest's
 * webhooks and the source pollers. Inbox admission (dedupe per connection and event key), then
 * `orders.raw`, then the journey.
 */
export {
  type AdmissionOptions,
  type AdmissionResult,
  admitSourceEvents,
  type OrderIntakeDeps,
} from './admit-source-events.js';
export { orderIntakeErrors } from './errors.js';
