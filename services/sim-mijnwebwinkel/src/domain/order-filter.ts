import { toSortableLocal } from './local-time.js';
import type { StoredOrder } from './state.js';

/** The filters of `GET /orders` and `GET /orders/count` (notes 2.2), already parsed. */
export type OrderFilter = {
  startDate?: string;
  endDate?: string;
  archived?: boolean;
  statusId?: number;
  statusChangedStart?: string;
  statusChangedEnd?: string;
  debtorEmail?: string;
  debtorId?: string;
  /** Include test orders (default false). */
  test: boolean;
};

export function matchesOrderFilter(stored: StoredOrder, f: OrderFilter): boolean {
  const o = stored.order;
  if (stored.test && !f.test) return false;
  if (f.startDate !== undefined && o.date < f.startDate) return false;
  if (f.endDate !== undefined && o.date > f.endDate) return false;
  if (f.archived !== undefined && o.archived !== f.archived) return false;
  if (f.statusId !== undefined && o.status !== f.statusId) return false;
  const changed = toSortableLocal({ date: o.status_changed_date, time: o.status_changed_time });
  if (f.statusChangedStart !== undefined && changed < f.statusChangedStart) return false;
  if (f.statusChangedEnd !== undefined && changed > f.statusChangedEnd) return false;
  // debtor_email and debtor_id are OR-combined (spec).
  if (f.debtorEmail !== undefined || f.debtorId !== undefined) {
    const byEmail =
      f.debtorEmail !== undefined && o.debtor.email.toLowerCase() === f.debtorEmail.toLowerCase();
    const byId = f.debtorId !== undefined && o.debtor.id === f.debtorId;
    if (!byEmail && !byId) return false;
  }
  return true;
}

/** Orders ordered by order number, as `ordering` describes. */
export function sortByNumber(orders: StoredOrder[], ordering: 'asc' | 'desc'): StoredOrder[] {
  const sorted = [...orders].sort((a, b) => a.number - b.number);
  return ordering === 'asc' ? sorted : sorted.reverse();
}
