/**
 * Which Shoprenter event a webhook order came from. The body does not say, and the SDK's
 * WebhookInput carries no URL, so the event is inferred from the fields present: the webhook
 * field table lists fields only `order_confirm` sends and one only `order_status_change`
 * sends. Rule: any confirm-only field present → `order_confirm`; otherwise (including
 * `newsletterChecked`, the status-change-only field) → `order_status_change`.
 * https://doc.shoprenter.hu/api/webhook.html
 */
import { isNormalizedObject, type NormalizedObject } from './payload-normalizer.js';

export const ORDER_CONFIRM = 'order_confirm';
export const ORDER_STATUS_CHANGE = 'order_status_change';
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
