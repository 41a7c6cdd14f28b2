/**
 * Which Shoprenter event a webhook order came from. The body does not say; the operator can
 * register the webhook URL with `?event=<event>` (README.md), which wins. Without it the event
 * is inferred from the fields present: the webhook
 * field table lists fields only `order_confirm` sends and one only `order_status_change`
 * sends. Rule: any confirm-only field present → `order_confirm`; otherwise (including
 * `newsletterChecked`, the status-change-only field) → `order_status_change`.
 * https://doc.shoprenter.hu/api/webhook.html
 */
import { isNormalizedObject, type NormalizedObject } from './payload-normalizer.js';

export const ORDER_CONFIRM = 'order_confirm';
export const ORDER_STATUS_CHANGE = 'order_status_change';
/** Sent for carts left before ordering (added 2026-01-15): recognised, never booked. */
export const ABANDONED_CART = 'abandoned_cart';
export type ShoprenterEventType = typeof ORDER_CONFIRM | typeof ORDER_STATUS_CHANGE;

const CONFIRM_ONLY_ORDER_FIELDS: readonly string[] = [
  'expectedDeliveryDate',
  'shippingMethodCode',
  'paymentMethodCode',
  'customerId',
  'shippingId',
  'shippingCountryId',
  'paymentCountryId',
];
const CONFIRM_ONLY_PRODUCT_FIELDS: readonly string[] = [
  'productId',
  'orderProductExtra',
  'orderProductAddon',
];

function hasConfirmOnlyProductField(order: NormalizedObject): boolean {
  const products = isNormalizedObject(order.orderProducts) ? order.orderProducts.orderProduct : undefined;
  if (!Array.isArray(products)) return false;
  return products.some(
    (product) =>
      isNormalizedObject(product) && CONFIRM_ONLY_PRODUCT_FIELDS.some((key) => Object.hasOwn(product, key)),
  );
}

export function inferEventType(order: NormalizedObject): ShoprenterEventType {
  const keys = Object.keys(order);
  if (keys.some((key) => CONFIRM_ONLY_ORDER_FIELDS.includes(key) || key.startsWith('orderCreditCard'))) {
    return ORDER_CONFIRM;
  }
  return hasConfirmOnlyProductField(order) ? ORDER_CONFIRM : ORDER_STATUS_CHANGE;
}

/** Order events Shoprenter sends (README.md); `abandoned_cart` carries order-shaped bodies too. */
export const ORDER_WEBHOOK_EVENTS: readonly string[] = [ORDER_CONFIRM, ORDER_STATUS_CHANGE, ABANDONED_CART];

/**
 * The event named on the webhook URL when it is one Shoprenter sends; else inferred. An unknown
 * name is not an error: refusing the delivery would lose the order (Shoprenter does not retry).
 */
export function eventTypeOf(order: NormalizedObject, namedEvent: string | undefined): string {
  const named = namedEvent?.trim().toLowerCase();
  return named !== undefined && ORDER_WEBHOOK_EVENTS.includes(named) ? named : inferEventType(order);
}
