import { appError } from '@koppel/errors';
import type { ArticleStore } from './article-store.js';
import { DEFAULT_NEW_ORDER_STATUS } from './assumptions.js';
import { buildOrder } from './build-order.js';
import type { CreateOrderInput } from './order-input-schema.js';
import { matchesOrderFilter, type OrderFilter, sortByNumber } from './order-filter.js';
import type { Order } from './order-schema.js';
import type { StateHolder } from './state-holder.js';
import type { StoredOrder } from './state.js';

/** What `PATCH /orders/{n}` (OrderPatchable) and the control API may change. */
export type OrderChange = {
  status?: number;
  archived?: boolean;
  internalComment?: string;
  reference?: string;
  paymentStatus?: string;
};

export function createOrderStore(holder: StateHolder, articles: ArticleStore) {
  const find = (number: number): StoredOrder | undefined =>
    holder.state.orders.find((o) => o.number === number);

  function assertStatus(status: number, field: string): void {
    if (!holder.state.statuses.some((s) => s.status === status)) {
      throw appError('VALIDATION_FAILED', `unknown order status ${status}`, { field });
    }
  }

  /** Numbers are taken only after validation, so failed creates leave no gaps (changelog 1.1.8). */
  function create(input: CreateOrderInput): Order {
    const status = input.status ?? DEFAULT_NEW_ORDER_STATUS;
    assertStatus(status, 'status');
    const credited =
      input.credited_order_number !== undefined ? find(input.credited_order_number) : undefined;
    if (input.credited_order_number !== undefined && !credited) {
      throw appError('VALIDATION_FAILED', 'credited order does not exist', {
        field: 'credited_order_number',
      });
    }
    const placedAt = input.placed_at ? holder.toLocal(new Date(input.placed_at)) : holder.localNow();
    const built = buildOrder(input, {
      number: holder.state.nextOrderNumber,
      status,
      placedAt,
      newId: holder.newId,
      findArticle: (ref) => articles.find(ref)?.article,
    });
    holder.state.nextOrderNumber += 1;
    if (input.mutate_stock)
      for (const move of built.stockMoves) articles.takeStock(move.articleId, move.quantity);
    if (credited) credited.order.credit_order_numbers.push(built.order.number as number);
    holder.state.orders.push({ number: built.order.number as number, test: input.test, order: built.order });
    holder.changed();
    return built.order;
  }

  function change(stored: StoredOrder, c: OrderChange): Order {
    const o = stored.order;
    if (c.status !== undefined) assertStatus(c.status, 'status');
    if (c.reference !== undefined && o.business_model !== 'B2B') {
      throw appError('VALIDATION_FAILED', 'reference can only be set on B2B orders', { field: 'reference' });
    }
    if (c.status !== undefined && c.status !== o.status) {
      const now = holder.localNow();
      o.status = c.status;
      o.status_changed_date = now.date;
      o.status_changed_time = now.time;
    }
    if (c.archived !== undefined) o.archived = c.archived;
    if (c.internalComment !== undefined) o.comments.internal = c.internalComment;
    if (c.reference !== undefined) o.reference = c.reference;
    if (c.paymentStatus !== undefined) o.payment_status = c.paymentStatus;
    holder.changed();
    return o;
  }

  function list(filter: OrderFilter, ordering: 'asc' | 'desc'): StoredOrder[] {
    return sortByNumber(
      holder.state.orders.filter((o) => matchesOrderFilter(o, filter)),
      ordering,
    );
  }

  return { find, create, change, list };
}

export type OrderStore = ReturnType<typeof createOrderStore>;
