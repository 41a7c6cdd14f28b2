/**
 * Write-back after booking (README.md "Write-back"): the booked document's number into the
 * order's `invoiceId`, which the order resource marks writable, and optionally a status, both
 * with one `PUT /orders/{id}` through the session's client (so its 3 requests/s limit holds).
 * The order is found by its innerId (`GET /orders?innerId=`): resource ids are followed, never
 * built. Idempotent: only fields that differ from the order's current values are sent, so a
 * repeated booking record writes nothing and fires no second status-change webhook.
 * https://doc.shoprenter.hu/api/order.html
 */
import type { BookedOrder } from '@koppel/connector-sdk';
import { shoprenterErrors } from './errors.js';
import { idOfLink, listAll, type ShoprenterSession } from './poll-orders.js';
import { orderStatusRefSchema, type RestOrder, restOrderSchema } from './rest-schemas.js';

/** Status resource ids by status number, per session: shop configuration, read once. */
const statusRefsBySession = new WeakMap<ShoprenterSession, Map<string, string>>();

async function statusResourceId(session: ShoprenterSession, innerId: string): Promise<string> {
  let refs = statusRefsBySession.get(session);
  if (!refs) {
    const statuses = await listAll(session.client, '/orderStatuses', {}, orderStatusRefSchema);
    refs = new Map(statuses.map((status) => [status.innerId, status.id]));
    statusRefsBySession.set(session, refs);
  }
  const id = refs.get(innerId);
  if (id === undefined) {
    throw shoprenterErrors.rejected(
      `the shop has no order status ${innerId}`,
      404,
      'source.settings.writeBack.orderStatusId',
    );
  }
  return id;
}

async function findOrder(session: ShoprenterSession, innerId: string): Promise<RestOrder> {
  const [order] = await listAll(session.client, '/orders', { innerId }, restOrderSchema);
  if (!order) throw shoprenterErrors.rejected(`the shop has no order ${innerId}`, 404, 'externalOrderId');
  return order;
}

/** The fields of `PUT /orders/{id}` that bring the order to what the settings ask. */
async function changesFor(
  session: ShoprenterSession,
  order: RestOrder,
  booked: BookedOrder,
): Promise<Record<string, unknown>> {
  const { invoiceNumber, orderStatusId } = session.settings.writeBack;
  const changes: Record<string, unknown> = {};
  if (invoiceNumber && order.invoiceId !== booked.documentNumber) {
    changes.invoiceId = booked.documentNumber;
  }
  if (orderStatusId !== undefined) {
    const wanted = await statusResourceId(session, orderStatusId);
    const current = order.orderStatus === '' ? '' : idOfLink(order.orderStatus);
    if (current !== wanted) changes.orderStatus = { id: wanted };
  }
  return changes;
}

export async function writeBackOrder(
  session: ShoprenterSession,
  booked: BookedOrder,
): Promise<{ written: readonly string[] }> {
  const { invoiceNumber, orderStatusId } = session.settings.writeBack;
  if (!invoiceNumber && orderStatusId === undefined) return { written: [] };
  const order = await findOrder(session, booked.externalOrderId);
  const changes = await changesFor(session, order, booked);
  const written = Object.keys(changes);
  if (written.length === 0) return { written };
  await session.client.put(`/orders/${encodeURIComponent(order.id)}`, changes);
  return { written };
}
