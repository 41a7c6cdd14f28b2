/** The generic delivery steps that every target connector deployable runs for an order. */
export {
  type DeliveringConnector,
  type DeliveryOutcome,
  type DeliveryStores,
  type DeliveryTimings,
  deliverOrder,
} from './deliver-order.js';
