import { AppError } from '@koppel/errors';
import type { z } from 'zod';
import { formatShopDateTime } from '../domain/clock.js';
import { changeOrderStatus, placeOrder } from '../domain/order-commands.js';
import { upsertProduct } from '../domain/product-commands.js';
import { encodeResourceId } from '../domain/resource-id.js';
import type { SimulatorState, WebhookDelivery } from '../domain/state.js';
import type { Store } from '../domain/store.js';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';
import {
  changeStatusSchema,
  createOrderSchema,
  deliveriesQuerySchema,
  dropNextSchema,
  flushSchema,
  seedProductsSchema,
} from './control-schemas.js';

export type CreateOrderInput = z.input<typeof createOrderSchema>;
export type SeedProductInput = z.input<typeof seedProductsSchema>['products'][number];
export type DeliverySummary = Pick<
  WebhookDelivery,
  'id' | 'webhookInnerId' | 'event' | 'url' | 'status' | 'statusCode' | 'error' | 'dueAt'
>;
export type CreatedOrder = { innerId: string; id: string; event: string; deliveries: DeliverySummary[] };
export type ChangedStatus = {
  innerId: string;
  id: string;
  statusId: string;
  event: string;
  deliveries: DeliverySummary[];
};

/** What the control API can do, callable in-process too (returned by buildShoprenterSimulator). */
export type ControlHandles = {
  /** Places an order and fires `order_confirm` (or `abandoned_cart` for status 0); waits for delivery. */
  createOrder(input: CreateOrderInput): Promise<CreatedOrder>;
  /** Moves an order to a status and fires `order_status_change`; undefined when no such order. */
  changeOrderStatus(innerId: number, statusId: number, comment?: string): Promise<ChangedStatus | undefined>;
  seedProducts(products: SeedProductInput[]): { sku: string; innerId: string; id: string }[];
  reset(): void;
  state(): SimulatorState;
  deliveries(filter?: z.input<typeof deliveriesQuerySchema>): WebhookDelivery[];
  flushScheduled(options?: z.input<typeof flushSchema>): Promise<WebhookDelivery[]>;
  /** Loses the next `count` webhook deliveries (of `event`, else of any event): never sent. */
  dropNextWebhooks(options?: z.input<typeof dropNextSchema>): { count: number; event: string | null };
  setClock(at: Date | undefined): void;
  now(): Date;
  /** Resolves when no webhook delivery is in flight (e.g. after a REST status change). */
  idle(): Promise<void>;
};

export function parseControl<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw new AppError('VALIDATION_FAILED', `${field || 'body'}: ${issue?.message ?? 'invalid'}`, {
    httpStatus: 400,
    field,
  });
}

const summary = (d: WebhookDelivery): DeliverySummary => ({
  id: d.id,
  webhookInnerId: d.webhookInnerId,
  event: d.event,
  url: d.url,
  status: d.status,
  statusCode: d.statusCode,
  error: d.error,
  dueAt: d.dueAt,
});

export function createControlHandles(deps: {
  store: Store;
  dispatcher: WebhookDispatcher;
  clock: { now(): Date; set(at: Date | undefined): void };
  timeZone: string;
}): ControlHandles {
  const { store, dispatcher, clock } = deps;
  const now = () => formatShopDateTime(clock.now(), deps.timeZone);
  return {
    async createOrder(input) {
      const { order, event } = placeOrder(store.state, parseControl(createOrderSchema, input), now());
      store.save();
      const deliveries = await dispatcher.emit(order, event);
      return {
        innerId: String(order.innerId),
        id: encodeResourceId('order', order.innerId),
        event,
        deliveries: deliveries.map(summary),
      };
    },
    async changeOrderStatus(innerId, statusId, comment = '') {
      const body = parseControl(changeStatusSchema, { statusId, comment });
      const order = store.state.orders.find((o) => o.innerId === innerId);
      if (!order) return undefined;
      const event = changeOrderStatus(order, store.state, body.statusId, body.comment, now());
      store.save();
      const deliveries = await dispatcher.emit(order, event);
      return {
        innerId: String(order.innerId),
        id: encodeResourceId('order', order.innerId),
        statusId: String(order.statusId),
        event,
        deliveries: deliveries.map(summary),
      };
    },
    seedProducts(products) {
      const seeds = parseControl(seedProductsSchema, { products }).products;
      const saved = seeds.map((seed) => upsertProduct(store.state, seed, now()));
      store.save();
      return saved.map((p) => ({
        sku: p.sku,
        innerId: String(p.innerId),
        id: encodeResourceId('product', p.innerId),
      }));
    },
    reset: () => store.reset(),
    state: () => structuredClone(store.state),
    deliveries(filter = {}) {
      const f = parseControl(deliveriesQuerySchema, filter);
      return store.state.deliveries.filter(
        (d) =>
          (f.event === undefined || d.event === f.event) &&
          (f.status === undefined || d.status === f.status) &&
          (f.orderInnerId === undefined || d.orderInnerId === f.orderInnerId),
      );
    },
    flushScheduled: (options = {}) => dispatcher.flush(parseControl(flushSchema, options)),
    dropNextWebhooks(options = {}) {
      const { count, event } = parseControl(dropNextSchema, options);
      dispatcher.dropNext(count, event);
      return { count, event: event ?? null };
    },
    setClock: (at) => clock.set(at),
    now: () => clock.now(),
    idle: () => dispatcher.idle(),
  };
}
