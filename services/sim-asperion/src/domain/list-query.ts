import { ASSUMPTIONS, STRING_COMPARISONS, type StringComparison } from './assumptions.js';
import { fail, type Issue, ok, type Result } from './issues.js';

/**
 * Query semantics shared by every GET list (notes §1.2): `page`, `pageSize`, `orderBy`, `fields`,
 * `metaOnly`, PascalCase property filters with `<Name>_comparison` for strings and `_from`/`_to`
 * for dates. Query names are matched case-insensitively, as ASP.NET model binding does.
 */
export type RawQuery = Record<string, string>;

export type FilterSpec<T> =
  | {
      name: string;
      kind: 'string';
      get: (item: T) => string;
      /**
       * The items whose value equals `needle` ignoring case, in their order: an index that spares
       * an `Equals` filter the scan of every item (the filter is still applied to what it gives).
       */
      lookup?: (items: T[], needle: string) => T[];
    }
  | { name: string; kind: 'int'; get: (item: T) => number | null }
  | { name: string; kind: 'bool'; get: (item: T) => boolean }
  | { name: string; kind: 'date'; get: (item: T) => string };

export function normaliseQuery(query: Record<string, unknown>): RawQuery {
  const out: RawQuery = {};
  for (const [key, value] of Object.entries(query)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[key.toLowerCase()] = first;
  }
  return out;
}

export function matchString(value: string, needle: string, comparison: StringComparison): boolean {
  const v = value.toLowerCase();
  const n = needle.toLowerCase();
  switch (comparison) {
    case 'Equals':
      return v === n;
    case 'NotEquals':
      return v !== n;
    case 'StartsWith':
      return v.startsWith(n);
    case 'EndsWith':
      return v.endsWith(n);
    default:
      return v.includes(n);
  }
}

function parseComparison(raw: string | undefined): StringComparison | undefined {
  if (raw === undefined) return ASSUMPTIONS.defaultStringComparison;
  return STRING_COMPARISONS.find((c) => c.toLowerCase() === raw.toLowerCase());
}

/** A date filter value may be `YYYY-MM-DD` or a full ISO date-time; compared on the date part. */
function parseDateFilter(raw: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(raw);
  return match?.[1] !== undefined && !Number.isNaN(Date.parse(match[1])) ? match[1] : undefined;
}

export function applyFilters<T>(items: T[], specs: FilterSpec<T>[], query: RawQuery): Result<T[]> {
  const issues: Issue[] = [];
  const predicates: ((item: T) => boolean)[] = [];
  let candidates = items;
  for (const spec of specs) {
    const key = spec.name.toLowerCase();
    if (spec.kind === 'date') {
      for (const [suffix, cmp] of [
        ['_from', (a: string, b: string) => a >= b],
        ['_to', (a: string, b: string) => a <= b],
      ] as const) {
        const raw = query[key + suffix];
        if (raw === undefined) continue;
        const bound = parseDateFilter(raw);
        if (bound === undefined) issues.push({ field: spec.name + suffix, key: 'invalidDate' });
        else predicates.push((item) => cmp(spec.get(item).slice(0, 10), bound));
      }
      continue;
    }
    const raw = query[key];
    if (raw === undefined) continue;
    if (spec.kind === 'string') {
      const comparison = parseComparison(query[`${key}_comparison`]);
      if (comparison === undefined) {
        issues.push({
          field: `${spec.name}_comparison`,
          key: 'invalidComparison',
          params: { value: query[`${key}_comparison`] ?? '' },
        });
      } else {
        predicates.push((item) => matchString(spec.get(item), raw, comparison));
        if (comparison === 'Equals' && spec.lookup) candidates = spec.lookup(items, raw);
      }
    } else if (spec.kind === 'int') {
      const n = Number(raw);
      if (!/^-?\d+$/.test(raw)) issues.push({ field: spec.name, key: 'invalidValue' });
      else predicates.push((item) => spec.get(item) === n);
    } else {
      const b = raw.toLowerCase();
      if (b !== 'true' && b !== 'false') issues.push({ field: spec.name, key: 'invalidValue' });
      else predicates.push((item) => spec.get(item) === (b === 'true'));
    }
  }
  if (issues.length > 0) return fail(issues);
  return ok(candidates.filter((item) => predicates.every((p) => p(item))));
}

export type Paging = { page: number; pageSize: number; metaOnly: boolean };

export function parsePaging(
  query: RawQuery,
  limits: { defaultPageSize: number; maxPageSize: number },
): Result<Paging> {
  const issues: Issue[] = [];
  const int = (name: string, fallback: number): number => {
    const raw = query[name.toLowerCase()];
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) {
      issues.push({ field: name, key: 'invalidValue' });
      return fallback;
    }
    return Number(raw);
  };
  const page = int('page', 1);
  const pageSize = int('pageSize', limits.defaultPageSize);
  if (pageSize > limits.maxPageSize)
    issues.push({ field: 'pageSize', key: 'pageSizeTooLarge', params: { max: limits.maxPageSize } });
  const metaOnlyRaw = query.metaonly?.toLowerCase();
  if (metaOnlyRaw !== undefined && metaOnlyRaw !== 'true' && metaOnlyRaw !== 'false')
    issues.push({ field: 'metaOnly', key: 'invalidValue' });
  return issues.length > 0 ? fail(issues) : ok({ page, pageSize, metaOnly: metaOnlyRaw === 'true' });
}

type Row = Record<string, unknown>;

/** `orderBy=name desc,id` on wire property names (case-insensitive); default order is by id. */
export function sortRows(rows: Row[], orderBy: string | undefined): Result<Row[]> {
  if (orderBy === undefined || orderBy.trim() === '') return ok(rows);
  const keys = orderBy.split(',').map((part) => {
    const [name = '', direction = 'asc'] = part.trim().split(/\s+/);
    return { name: name.toLowerCase(), desc: direction.toLowerCase() === 'desc' };
  });
  const first = rows[0];
  const resolve = (name: string) => (first ? Object.keys(first).find((k) => k.toLowerCase() === name) : name);
  const resolved = keys.map((k) => ({ ...k, prop: resolve(k.name) }));
  if (first && resolved.some((k) => k.prop === undefined))
    return fail([{ field: 'orderBy', key: 'invalidValue' }]);
  const sorted = [...rows].sort((a, b) => {
    for (const k of resolved) {
      const av = a[k.prop ?? ''];
      const bv = b[k.prop ?? ''];
      const c =
        typeof av === 'number' && typeof bv === 'number'
          ? av - bv
          : String(av ?? '').localeCompare(String(bv ?? ''));
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  });
  return ok(sorted);
}

/** `fields=id,name` keeps only those properties (and the item's `_meta`). */
export function selectFields(row: Row, fields: string | undefined): Row {
  if (fields === undefined || fields.trim() === '') return row;
  const wanted = new Set(fields.split(',').map((f) => f.trim().toLowerCase()));
  return Object.fromEntries(
    Object.entries(row).filter(([k]) => k === '_meta' || wanted.has(k.toLowerCase())),
  );
}
