import type { StoredCustomer } from '../domain/state.js';
import { renderCustomer } from '../views/customer-view.js';
import { type ApiRoute, ok } from './api-types.js';
import { renderCollection } from './collection.js';
import {
  assertAllowedParams,
  datetimeParam,
  intParam,
  notFound,
  pagingParams,
  pathId,
  type Query,
} from './query-params.js';

function filterCustomers(customers: readonly StoredCustomer[], query: Query): StoredCustomer[] {
  assertAllowedParams(query, [
    ...pagingParams,
    'innerId',
    'email',
    'createdAtMin',
    'createdAtMax',
    'updatedAtMin',
    'updatedAtMax',
  ]);
  const innerId = intParam(query, 'innerId');
  const email = query.email?.toLowerCase();
  const range = ['createdAtMin', 'createdAtMax', 'updatedAtMin', 'updatedAtMax'].map((n) =>
    datetimeParam(query, n),
  );
  const [cMin, cMax, uMin, uMax] = range;
  return customers
    .filter(
      (c) =>
        (innerId === undefined || c.innerId === innerId) &&
        (email === undefined || c.email.toLowerCase() === email) &&
        (cMin === undefined || c.dateCreated >= cMin) &&
        (cMax === undefined || c.dateCreated <= cMax) &&
        (uMin === undefined || c.dateUpdated >= uMin) &&
        (uMax === undefined || c.dateUpdated <= uMax),
    )
    .sort((a, b) => a.innerId - b.innerId);
}

/** `/customers` read side (customers come from orders placed through the control API). */
export const customerRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/customers',
    handle: (req, _p, ctx) =>
      ok(
        renderCollection(
          filterCustomers(ctx.store.state.customers, req.query),
          'customers',
          req.query,
          ctx.view,
          (c) => renderCustomer(c, ctx.view),
        ),
      ),
  },
  {
    method: 'GET',
    path: '/customers/:id',
    handle: (req, [id = ''], ctx) => {
      const innerId = pathId('customer', id);
      const customer = ctx.store.state.customers.find((c) => c.innerId === innerId);
      if (!customer) throw notFound(req.path);
      return ok(renderCustomer(customer, ctx.view));
    },
  },
];
