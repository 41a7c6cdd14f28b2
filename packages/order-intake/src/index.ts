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
export {
  checkEventIdentities,
  MAX_EVENT_KEY_LENGTH,
  MAX_EXTERNAL_ORDER_ID_LENGTH,
} from './event-identity.js';
