/**
 * myShop order status and payment status → canonical, in one table. Built-in status ids and
 * payment status codes are assumed (assumed-fields.ts); a custom status ("Eigen orderstatus")
 * maps to PROCESSING, and the source's own id and name stay on the order for mapping rules.
 */
import { OrderStatus, PaymentStatus } from '@koppel/contracts';
import { ORDER_STATUS_IDS as S, PAYMENT_STATUS_CODES as P } from './assumed-fields.js';

const ORDER_STATUSES: Readonly<Record<string, OrderStatus>> = {
  [S.new]: OrderStatus.PENDING,
  [S.processing]: OrderStatus.PROCESSING,
  [S.shipped]: OrderStatus.COMPLETED,
  [S.completed]: OrderStatus.COMPLETED,
  [S.cancelled]: OrderStatus.CANCELLED,
  [S.aborted]: OrderStatus.CANCELLED,
};

const PAYMENT_STATUSES: Readonly<Record<string, PaymentStatus>> = {
  [P.notPaid]: PaymentStatus.UNPAID,
  [P.pending]: PaymentStatus.UNPAID,
  [P.paid]: PaymentStatus.PAID,
  [P.partiallyPaid]: PaymentStatus.PARTIALLY_PAID,
  [P.refunded]: PaymentStatus.REFUNDED,
  [P.cancelled]: PaymentStatus.UNPAID,
};

export function mapOrderStatus(statusId: string, custom: boolean): OrderStatus {
  if (custom) return OrderStatus.PROCESSING;
  return ORDER_STATUSES[statusId.trim()] ?? OrderStatus.UNSPECIFIED;
}

export function mapPaymentStatus(code: string): PaymentStatus {
  return PAYMENT_STATUSES[code.trim().toLowerCase()] ?? PaymentStatus.UNSPECIFIED;
}
