import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Issue } from '../domain/issues.js';
import {
  applyFilters,
  type FilterSpec,
  normaliseQuery,
  parsePaging,
  selectFields,
  sortRows,
} from '../domain/list-query.js';
import { apiContext } from './api-context.js';
import { sendValidationProblem } from './problem.js';

/**
 * The `_data`/`_meta` list envelope (notes §1.2, ASP-GO `types.go` Meta): administrationId,
 * administrationName, profileName, previousPage, nextPage (absolute URLs or null), totalCount,
 * pageCount, self. Every item carries `_meta.self`.
 */
export type ListSettings = {
  defaultPageSize: number;
  maxPageSize: number;
  publicBaseUrl: string | undefined;
};

export function baseUrl(request: FastifyRequest, settings: ListSettings): string {
  return settings.publicBaseUrl ?? new URL(`${request.protocol}://${request.host}`).origin;
}

function pageUrl(request: FastifyRequest, settings: ListSettings, page: number | undefined): string {
  const url = new URL(request.url, baseUrl(request, settings));
  if (page !== undefined) url.searchParams.set('page', String(page));
  return url.toString();
}

type Row = Record<string, unknown>;

export function sendList<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  settings: ListSettings,
  items: T[],
  specs: FilterSpec<T>[],
  toRow: (item: T) => Row,
) {
  const { data, language } = apiContext(request);
  const query = normaliseQuery((request.query ?? {}) as Record<string, unknown>);
  const issues: Issue[] = [];
  const paging = parsePaging(query, settings);
  if (!paging.ok) issues.push(...paging.issues);
  const filtered = applyFilters(items, specs, query);
  if (!filtered.ok) issues.push(...filtered.issues);
  const sorted = filtered.ok ? sortRows(filtered.value.map(toRow), query.orderby) : undefined;
  if (sorted && !sorted.ok) issues.push(...sorted.issues);
  if (!paging.ok || !sorted?.ok || issues.length > 0) return sendValidationProblem(reply, issues, language);
  const { page, pageSize, metaOnly } = paging.value;
  const rows = sorted.value;
  const pageCount = Math.ceil(rows.length / pageSize);
  const slice = rows.slice((page - 1) * pageSize, page * pageSize).map((r) => selectFields(r, query.fields));
  return reply.send({
    _data: metaOnly ? [] : slice,
    _meta: {
      administrationId: data.administration.id,
      administrationName: data.administration.name,
      profileName: data.administration.profileName,
      previousPage: page > 1 ? pageUrl(request, settings, Math.min(page - 1, Math.max(pageCount, 1))) : null,
      nextPage: page < pageCount ? pageUrl(request, settings, page + 1) : null,
      totalCount: rows.length,
      pageCount,
      self: pageUrl(request, settings, undefined),
    },
  });
}
