/**
 * The inbox dedupe key of a Shoprenter order event, the same from a webhook and from the poll:
 * `order:<innerId>:status:<status id>`. Both ways see the order's current status id (webhook
 * `orderHistory.status`, REST `orderStatus` → `orderStatuses/<id>.innerId`), while the event name,
 * `orderHistory.dateAdded` and the payload's fields differ between them (the REST order has no
 * history date, the webhook whitelist may drop fields). Consequence, accepted: an order that
 * returns to a status it had before is not admitted again (Koppel already has that state).
 * See README.md "Event keys".
 */
export function orderEventKey(innerId: string, statusId: string): string {
  return `order:${innerId}:status:${statusId}`;
}
