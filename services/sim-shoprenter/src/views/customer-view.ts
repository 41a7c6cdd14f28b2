import type { StoredCustomer } from '../domain/state.js';
import { encodeResourceId } from '../domain/resource-id.js';
import { href, type JsonObject, link, type ViewContext } from './view-context.js';

/** `/customers` (sr-api-docs `fixtures/api/customer`). */
export function renderCustomer(c: StoredCustomer, ctx: ViewContext): JsonObject {
  const id = encodeResourceId('customer', c.innerId);
  return {
    href: `${ctx.baseUrl}/customers/${id}`,
    id,
    innerId: String(c.innerId),
    firstname: c.firstname,
    lastname: c.lastname,
    email: c.email,
    telephone: c.telephone,
    fax: c.fax,
    password: c.passwordHash,
    newsletter: String(c.newsletter),
    status: String(c.status),
    approved: String(c.approved),
    freeShipping: String(c.freeShipping),
    dateCreated: c.dateCreated,
    dateUpdated: c.dateUpdated,
    defaultAddress: null,
    customerGroup: link(ctx, 'customerGroups', 'customerGroup', 8),
    addresses: href(ctx, `addresses?customerId=${id}`),
    loyaltyPoints: href(ctx, `loyaltyPoints?customerId=${id}`),
  };
}
