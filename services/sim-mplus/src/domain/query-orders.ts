import type { Order, SimulatorState } from './model.js';

export type OrdersQuery = {
  syncMarker?: number;
  syncMarkerLimit?: number;
  branchNumbers: number[];
  orderTypes: string[];
};

/** The order types `getOrders` answers when the request names none (WSDL `GetOrdersRequest.orderTypeList`). */
export const DEFAULT_GET_ORDERS_TYPES = [
  'ORDER-TYPE-SALES-ORDER',
  'ORDER-TYPE-REPEAT-SALES-ORDER',
  'ORDER-TYPE-EXTERNAL-SALES-ORDER',
];

/**
 * getOrders (WSDL `GetOrdersRequest`, the vendor's order tutorial): with a syncMarker > 0 only
 * orders changed after it, in marker order, at most syncMarkerLimit — the same incremental sync
 * as getProducts and getRelations (MP-DEV: start at 0, keep the highest marker returned).
 */
export function queryOrders(state: SimulatorState, q: OrdersQuery): Order[] {
  const types = q.orderTypes.length > 0 ? q.orderTypes : DEFAULT_GET_ORDERS_TYPES;
  const rows = state.orders
    .filter((o) => q.syncMarker === undefined || q.syncMarker <= 0 || (o.syncMarker ?? 0) > q.syncMarker)
    .filter((o) => q.branchNumbers.length === 0 || q.branchNumbers.includes(o.entryBranchNumber))
    .filter((o) => types.includes(o.orderType))
    .sort((a, b) => (a.syncMarker ?? 0) - (b.syncMarker ?? 0));
  return q.syncMarkerLimit !== undefined && q.syncMarkerLimit > 0 ? rows.slice(0, q.syncMarkerLimit) : rows;
}
