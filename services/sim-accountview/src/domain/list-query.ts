import { z } from 'zod';
import { invalid } from '../errors.js';
import { ASSUMPTIONS } from './assumptions.js';
import { compareDecimal, toDecimalText } from './decimal.js';
import { parseFilterExpression } from './filter-expression.js';
import { type Filter, matchesAll, toOperator, toValueType } from './filters.js';
import type { Row } from './model.js';

/** GET /accountviewdata parameters (notes §2.2), names matched case-insensitively. */
export type ListQuery = {
  businessObject: string;
  pageSize: number;
  pageNumber: number;
  lastKey?: string;
  fields?: string[];
  filters: Filter[];
  sort?: { fields: string[]; descending: boolean };
};

const intParam = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min).max(max));

const querySchema = z.object({
  businessobject: z.string({ error: 'BusinessObject is required' }).min(1, 'BusinessObject is required'),
  pagesize: intParam('PageSize', 1, ASSUMPTIONS.maxPageSize).optional(),
  pagenumber: intParam('PageNumber', 1, Number.MAX_SAFE_INTEGER).optional(),
  lastkey: z.string().optional(),
  fields: z.string().optional(),
  filter: z.string().optional(),
  sortfields: z.string().optional(),
  sortorder: z.string().optional(),
  bookdate: z.string().optional(),
});

export function parseListQuery(raw: Record<string, unknown>): ListQuery {
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw))
    q[k.toLowerCase()] = Array.isArray(v) ? String(v.at(-1)) : String(v);
  const parsed = querySchema.safeParse(q);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`Parameter ${String(issue?.path[0] ?? '')}: ${issue?.message ?? 'invalid'}`);
  }
  const p = parsed.data;
  const filters = numberedFilters(q);
  if (p.filter?.trim()) filters.push(...parseFilterExpression(p.filter));
  return {
    businessObject: p.businessobject,
    pageSize: p.pagesize ?? ASSUMPTIONS.defaultPageSize,
    pageNumber: p.pagenumber ?? 1,
    ...(p.lastkey !== undefined ? { lastKey: p.lastkey } : {}),
    ...(p.fields && p.fields.trim() !== '*' ? { fields: p.fields.split(',').map(fieldName) } : {}),
    filters,
    ...(p.sortfields
      ? {
          sort: {
            fields: p.sortfields.split(',').map(fieldName),
            descending: /^desc/i.test(p.sortorder ?? ''),
          },
        }
      : {}),
  };
}

/** `contact.sub_nr` -> `SUB_NR` (the table prefix is optional). */
function fieldName(spec: string): string {
  return (spec.trim().split('.').at(-1) ?? '').toUpperCase();
}

function numberedFilters(q: Record<string, string>): Filter[] {
  const filters: Filter[] = [];
  for (let n = 1; q[`filtercontrolsource${n}`] !== undefined; n++) {
    const field = fieldName(q[`filtercontrolsource${n}`] ?? '');
    const value = q[`filtervalue${n}`];
    if (!field) throw invalid(`FilterControlSource${n} is empty`);
    if (value === undefined) throw invalid(`FilterValue${n} is required with FilterControlSource${n}`);
    const isList = /^(true|1)$/i.test(q[`filterislistofvalues${n}`] ?? 'false');
    filters.push({
      field,
      op: toOperator(q[`filteroperator${n}`] ?? 'Equal'),
      type: toValueType(q[`filtervaluetype${n}`]),
      values: isList ? value.split(',').map((v) => v.trim()) : [value],
    });
  }
  return filters;
}

/** Filters, sorts and pages rows; keyset (`lastKey`) paging always runs in key order. */
export function selectRows(rows: readonly Row[], query: ListQuery, key: string): Row[] {
  let selected = rows.filter((r) => matchesAll(r, query.filters));
  if (query.lastKey !== undefined) {
    const last = query.lastKey;
    selected = selected
      .sort((a, b) => compareValues(a[key], b[key]))
      .filter((r) => compareValues(r[key], last) > 0);
    return selected.slice(0, query.pageSize);
  }
  const sortFields = query.sort?.fields ?? [key];
  const direction = query.sort?.descending ? -1 : 1;
  selected = selected.sort((a, b) => {
    for (const f of sortFields) {
      const c = compareValues(a[f], b[f]);
      if (c !== 0) return c * direction;
    }
    return 0;
  });
  const offset = (query.pageNumber - 1) * query.pageSize;
  return selected.slice(offset, offset + query.pageSize);
}

function compareValues(a: unknown, b: unknown): number {
  const x = a === null || a === undefined ? '' : String(a);
  const y = b === null || b === undefined ? '' : String(b);
  const nx = toDecimalText(x);
  const ny = toDecimalText(y);
  if (nx !== undefined && ny !== undefined) return compareDecimal(nx, ny);
  return x < y ? -1 : x > y ? 1 : 0;
}
