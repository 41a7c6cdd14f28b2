/**
 * The orders of a run as authentic Shoprenter webhooks, generated before the run by the Shoprenter
 * simulator's own dispatcher (its `fetch` answers 204 without sending), so a run measures Koppel,
 * not the payload generator. With `paidAfterPending`, every order is placed Pending (1) and then
 * moved to Complete (5, paid in Koppel's status table): two webhooks per order, `pending` and `paid`.
 */
import { buildShoprenterSimulator } from '@koppel/sim-shoprenter';
import { demoOrder } from '../../services/embedded/test/support/demo-settings.js';

export type OrderWebhook = { contentType: string; body: string };

export type GeneratedOrder = {
  innerId: string;
  email: string;
  /** The `order_confirm` webhook (status Pending). */
  pending: OrderWebhook;
  /** The `order_status_change` webhook to Complete, when asked for. */
  paid?: OrderWebhook;
};

const COMPLETE_STATUS_ID = 5;

export async function generateOrderWebhooks(options: {
  orders: number;
  customers: number;
  /** E-mail of customer `c` (a run-unique prefix keeps debtors countable). */
  emailOf: (customer: number) => string;
  paidAfterPending: boolean;
}): Promise<GeneratedOrder[]> {
  const generator = buildShoprenterSimulator({
    rateLimit: false,
    fetch: async () => new Response(null, { status: 204 }),
  });
  try {
    for (const event of ['order_confirm', 'order_status_change']) {
      const registered = await generator.app.inject({
        method: 'POST',
        url: '/api/webHooks',
        headers: { authorization: `Bearer ${generator.issueToken()}`, 'content-type': 'application/json' },
        payload: {
          label: `fault matrix ${event}`,
          event,
          status: '1',
          webHookParameters: [{ type: 'json', url: 'http://generator.invalid/' }],
        },
      });
      if (registered.statusCode >= 300) throw new Error(`webhook registration failed: ${registered.body}`);
    }
    const orders: GeneratedOrder[] = [];
    for (let i = 0; i < options.orders; i += 1) {
      const email = options.emailOf(i % options.customers);
      const created = await generator.createOrder(demoOrder({ email }));
      if (options.paidAfterPending) {
        await generator.changeOrderStatus(Number(created.innerId), COMPLETE_STATUS_ID);
      }
      orders.push({ innerId: created.innerId, email, pending: { contentType: '', body: '' } });
    }
    const byOrder = new Map(orders.map((o) => [o.innerId, o]));
    for (const delivery of generator.deliveries()) {
      const order = byOrder.get(String(delivery.orderInnerId));
      if (!order) continue;
      const webhook = { contentType: delivery.contentType, body: delivery.body };
      if (delivery.event === 'order_confirm') order.pending = webhook;
      else if (delivery.event === 'order_status_change') order.paid = webhook;
    }
    const incomplete = orders.filter((o) => !o.pending.body || (options.paidAfterPending && !o.paid));
    if (incomplete.length > 0) throw new Error(`${incomplete.length} orders without their webhooks`);
    return orders;
  } finally {
    await generator.app.close();
  }
}
