import type { Clock } from '../domain/clock.js';
import { nextId, type StoredOrder, type WebhookDelivery, type WebhookEvent } from '../domain/state.js';
import type { Store } from '../domain/store.js';
import { buildOrderWebhookPayload } from '../domain/webhook-payload.js';
import { toXml } from '../http/xml.js';

export type WebhookDispatcherOptions = {
  store: Store;
  clock: Clock;
  storeName: string;
  timeoutMs: number;
  fetch: typeof fetch;
};

export type WebhookDispatcher = {
  /** Creates one delivery per active webhook parameter of the event; sends those without delay. */
  emit(order: StoredOrder, event: WebhookEvent): Promise<WebhookDelivery[]>;
  /** Sends scheduled (webHookDelay) deliveries: all of them, or only those already due. */
  flush(options: { dueOnly: boolean }): Promise<WebhookDelivery[]>;
  /** Resolves when no delivery is in flight. */
  idle(): Promise<void>;
  /**
   * Loses the next `count` deliveries (of `event`, or of any event): recorded as `dropped` and
   * never sent, as a webhook lost on the way would be. Not persisted: a test's fault, not state.
   */
  dropNext(count: number, event?: WebhookEvent): void;
};

const HOUR_MS = 3_600_000;

/**
 * Delivers order webhooks: one POST per registered URL, at most once (no retry and no signature,
 * neither is documented: README.md). Each attempt is recorded for `/_control/webhook-deliveries`.
 */
export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { store, clock } = options;
  const inFlight = new Set<Promise<unknown>>();
  let drop: { count: number; event: WebhookEvent | undefined } = { count: 0, event: undefined };

  function takeDrop(event: WebhookEvent): boolean {
    if (drop.count <= 0 || (drop.event !== undefined && drop.event !== event)) return false;
    drop = { ...drop, count: drop.count - 1 };
    return true;
  }

  async function send(delivery: WebhookDelivery): Promise<void> {
    const started = Date.now();
    delivery.attemptedAt = clock.now().toISOString();
    try {
      const response = await options.fetch(delivery.url, {
        method: 'POST',
        headers: { 'content-type': delivery.contentType },
        body: delivery.body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      delivery.statusCode = response.status;
      delivery.status = response.ok ? 'delivered' : 'failed';
      delivery.error = response.ok ? null : `HTTP ${response.status}`;
    } catch (error) {
      delivery.status = 'failed';
      delivery.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    } finally {
      delivery.durationMs = Date.now() - started;
      store.save();
    }
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  return {
    emit(order, event) {
      const now = clock.now();
      const created: WebhookDelivery[] = [];
      for (const hook of store.state.webhooks) {
        if (hook.event !== event || hook.status !== 1) continue;
        const delayMs = hook.delay
          ? hook.delay.delay * (hook.delay.delayUnit === 'day' ? 24 : 1) * HOUR_MS
          : 0;
        for (const param of hook.parameters) {
          const payload = buildOrderWebhookPayload(order, event, param.fields, options.storeName);
          const delivery: WebhookDelivery = {
            id: nextId(store.state, 'delivery'),
            webhookInnerId: hook.innerId,
            event,
            orderInnerId: order.innerId,
            url: param.url,
            type: param.type,
            contentType: param.type === 'json' ? 'application/json' : 'application/xml',
            body: param.type === 'json' ? JSON.stringify(payload) : toXml('orders', payload.orders, 'repeat'),
            status: 'scheduled',
            createdAt: now.toISOString(),
            dueAt: new Date(now.getTime() + delayMs).toISOString(),
            attemptedAt: null,
            statusCode: null,
            error: null,
            durationMs: null,
          };
          if (takeDrop(event)) {
            delivery.status = 'dropped';
            delivery.error = 'dropped by the control API';
          }
          store.state.deliveries.push(delivery);
          created.push(delivery);
        }
      }
      store.save();
      const immediate = created.filter((d) => d.status === 'scheduled' && d.dueAt === d.createdAt);
      return track(Promise.all(immediate.map(send)).then(() => created));
    },
    flush({ dueOnly }) {
      const now = clock.now().toISOString();
      const due = store.state.deliveries.filter(
        (d) => d.status === 'scheduled' && d.attemptedAt === null && (!dueOnly || d.dueAt <= now),
      );
      return track(Promise.all(due.map(send)).then(() => due));
    },
    dropNext(count, event) {
      drop = { count, event };
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
