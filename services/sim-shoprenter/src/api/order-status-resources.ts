import { languageId } from '../domain/countries.js';
import { findOrderStatus, type OrderStatus, orderStatuses } from '../domain/order-statuses.js';
import { encodeCompoundId, encodeResourceId } from '../domain/resource-id.js';
import { ShoprenterError } from '../errors.js';
import { href, type JsonObject, link, type ViewContext } from '../views/view-context.js';
import { type ApiRoute, ok } from './api-types.js';
import { renderCollection } from './collection.js';
import { assertAllowedParams, notFound, pagingParams, pathId, resourceIdParam } from './query-params.js';

const descriptionId = (statusId: number) =>
  encodeCompoundId('orderStatusDescription', [
    ['order_status_id', statusId],
    ['language_id', 1],
  ]);

function renderStatus(s: OrderStatus, ctx: ViewContext): JsonObject {
  const id = encodeResourceId('orderStatus', s.id);
  return {
    href: `${ctx.baseUrl}/orderStatuses/${id}`,
    id,
    innerId: String(s.id),
    orderStatusDescriptions: href(ctx, `orderStatusDescriptions?orderStatusId=${id}`),
  };
}

function renderDescription(s: OrderStatus, ctx: ViewContext): JsonObject {
  const id = descriptionId(s.id);
  return {
    href: `${ctx.baseUrl}/orderStatusDescriptions/${id}`,
    id,
    name: s.name,
    color: s.color,
    orderStatus: link(ctx, 'orderStatuses', 'orderStatus', s.id),
    language: link(ctx, 'languages', 'language', languageId('hu')),
  };
}

/** Read-only `/orderStatuses` and `/orderStatusDescriptions` (one language: hu, id 1). */
export const orderStatusRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/orderStatuses',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams]);
      return ok(
        renderCollection(orderStatuses, 'orderStatuses', req.query, ctx.view, (s) =>
          renderStatus(s, ctx.view),
        ),
      );
    },
  },
  {
    method: 'GET',
    path: '/orderStatuses/:id',
    handle: (req, [id = ''], ctx) => {
      const status = findOrderStatus(pathId('orderStatus', id));
      if (!status) throw notFound(req.path);
      return ok(renderStatus(status, ctx.view));
    },
  },
  {
    method: 'GET',
    path: '/orderStatusDescriptions',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams, 'orderStatusId', 'languageId']);
      const statusId = resourceIdParam(req.query, 'orderStatusId', 'orderStatus');
      const lang = resourceIdParam(req.query, 'languageId', 'language');
      const items = orderStatuses.filter(
        (s) => (statusId === undefined || s.id === statusId) && (lang === undefined || lang === 1),
      );
      return ok(
        renderCollection(items, 'orderStatusDescriptions', req.query, ctx.view, (s) =>
          renderDescription(s, ctx.view),
        ),
      );
    },
  },
  {
    method: 'GET',
    path: '/orderStatusDescriptions/:id',
    handle: (req, [id = ''], ctx) => {
      const text = Buffer.from(id, 'base64').toString('utf8');
      const match = /^orderStatusDescription-order_status_id=(\d+)&language_id=(\d+)$/.exec(text);
      if (!match) throw new ShoprenterError('WRONG_RESOURCE_ID', `Resource id is wrong: ${id}`);
      const status = findOrderStatus(Number(match[1]));
      if (!status || match[2] !== '1') throw notFound(req.path);
      return ok(renderDescription(status, ctx.view));
    },
  },
];
