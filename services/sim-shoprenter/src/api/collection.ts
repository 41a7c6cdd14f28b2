import { assumptions } from '../domain/assumptions.js';
import { ShoprenterError } from '../errors.js';
import type { JsonObject, ViewContext } from '../views/view-context.js';
import { flagParam, type Query } from './query-params.js';

function pageParam(query: Query, name: 'page' | 'limit', fallback: number): number {
  const raw = query[name];
  if (raw === undefined) return fallback;
  if (!/^\d{1,6}$/.test(raw)) throw new ShoprenterError('WRONG_DATA', `Wrong data! ${name} must be int.`);
  return Number(raw);
}

/**
 * A paged collection as in `fixtures/api/order/response/json/get_page.json`: page is 0-based,
 * limit at most 200, `next`/`previous` null at the ends, items are links unless `full=1`
 * (then each item is the full resource, README.md). Page out of range -> 400/40008.
 */
export function renderCollection<T>(
  items: readonly T[],
  resource: string,
  query: Query,
  ctx: ViewContext,
  render: (item: T) => JsonObject,
): JsonObject {
  const page = pageParam(query, 'page', 0);
  const limit = pageParam(query, 'limit', assumptions.defaultLimit);
  if (limit < 1 || limit > assumptions.maxLimit) {
    throw new ShoprenterError(
      'WRONG_DATA',
      `Wrong data! limit must be between 1 and ${assumptions.maxLimit}.`,
    );
  }
  const last = Math.max(0, Math.ceil(items.length / limit) - 1);
  if (page > last) {
    throw new ShoprenterError(
      'PAGE_NOT_FOUND',
      `Page not found! This Resource minimum page is 0 and maximum page is ${last}`,
    );
  }
  const pageHref = (p: number) => {
    const params = new URLSearchParams(assumptions.pagingLinksKeepFilters ? query : {});
    params.set('page', String(p));
    params.set('limit', String(limit));
    return { href: `${ctx.baseUrl}/${resource}?${params.toString()}` };
  };
  const full = flagParam(query, 'full');
  const slice = items.slice(page * limit, page * limit + limit);
  return {
    href: pageHref(page).href,
    page: String(page),
    limit: String(limit),
    first: pageHref(0),
    previous: page > 0 ? pageHref(page - 1) : null,
    next: page < last ? pageHref(page + 1) : null,
    last: pageHref(last),
    items: slice.map((item) => {
      const body = render(item);
      return full ? body : { href: String(body.href) };
    }),
  };
}
