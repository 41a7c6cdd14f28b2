import { encodeResourceId, type ResourceKind } from '../domain/resource-id.js';

/** What a view needs to print links: the API base the caller used (e.g. `http://host/api`). */
export type ViewContext = { baseUrl: string };

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const href = (ctx: ViewContext, path: string): { href: string } => ({
  href: `${ctx.baseUrl}/${path}`,
});

/** `{"href": ".../orders/<id>"}` link to a resource of a kind. */
export function link(
  ctx: ViewContext,
  collection: string,
  kind: ResourceKind,
  innerId: number,
): { href: string } {
  return href(ctx, `${collection}/${encodeResourceId(kind, innerId)}`);
}

export const str = (value: number | boolean): string =>
  typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
