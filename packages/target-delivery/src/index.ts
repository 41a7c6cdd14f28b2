/** The generic delivery steps that every target connector deployable runs for an order. */
export { type DeliveryOutcome, type DeliveryStores, deliverOrder } from './deliver-order.js';
