/**
 * Order statuses of a fresh shop. Shoprenter is built on OpenCart and its REST ids look like
 * OpenCart's (`orderStatus-order_status_id=1` = Pending in the fixtures); the rest of the list is
 * OpenCart's default set [INF] (assumptions.orderStatuses). Status 0 = abandoned cart (README.md).
 */
export type OrderStatus = { id: number; name: string; color: string };

export const orderStatuses: readonly OrderStatus[] = [
  { id: 1, name: 'Pending', color: '#ff9900' },
  { id: 2, name: 'Processing', color: '#3366ff' },
  { id: 3, name: 'Shipped', color: '#33ccff' },
  { id: 5, name: 'Complete', color: '#009900' },
  { id: 7, name: 'Canceled', color: '#cc0000' },
  { id: 8, name: 'Denied', color: '#990000' },
  { id: 9, name: 'Canceled Reversal', color: '#999999' },
  { id: 10, name: 'Failed', color: '#660000' },
  { id: 11, name: 'Refunded', color: '#9933cc' },
  { id: 12, name: 'Reversed', color: '#666666' },
  { id: 13, name: 'Chargeback', color: '#ff0066' },
  { id: 14, name: 'Expired', color: '#cccccc' },
  { id: 15, name: 'Processed', color: '#006699' },
  { id: 16, name: 'Voided', color: '#333333' },
];

export const ABANDONED_CART_STATUS_ID = 0;

/** Statuses dropped by `excludeStorno=1` (cancelled / deleted) [INF]. */
export const stornoStatusIds: ReadonlySet<number> = new Set([7, 16]);

export function findOrderStatus(id: number): OrderStatus | undefined {
  return orderStatuses.find((s) => s.id === id);
}

export function statusName(id: number): string {
  return findOrderStatus(id)?.name ?? '';
}
