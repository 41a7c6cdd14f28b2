import { invalid } from '../errors.js';
import { ASSUMPTIONS } from './assumptions.js';
import { compareDecimal, toDecimalText } from './decimal.js';
import { parseDateTime } from './field-values.js';
import type { FieldValue, Row } from './model.js';

/** One filter condition on a header row. */
export type Filter = { field: string; op: Operator; type: ValueType; values: string[] };
export type ValueType = 'C' | 'T' | 'D' | 'N' | 'L';
type Operator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'contains' | 'startswith';

/**
 * Operator names seen (notes §2.2): `Equal`, `DateOnOrAfterDate`, and the numeric codes 42 (>=) and
 * 43 (<=) from AV-RUBY. The other names are their obvious siblings; anything else is rejected.
 */
const OPERATORS: Record<string, Operator> = {
  equal: 'eq',
  notequal: 'ne',
  greater: 'gt',
  greaterthan: 'gt',
  greaterorequal: 'ge',
  less: 'lt',
  lessthan: 'lt',
  lessorequal: 'le',
  contains: 'contains',
  startswith: 'startswith',
  dateondate: 'eq',
  dateonorafterdate: 'ge',
  dateafterdate: 'gt',
  dateonorbeforedate: 'le',
  datebeforedate: 'lt',
  '42': 'ge',
  '43': 'le',
};

export function toOperator(name: string): Operator {
  const op = OPERATORS[name.trim().toLowerCase()];
  if (!op) throw invalid(`Unknown filter operator '${name}'`);
  return op;
}

export function toValueType(name: string | undefined): ValueType {
  const type = (name ?? 'C').trim().toUpperCase();
  if (type === 'C' || type === 'T' || type === 'D' || type === 'N' || type === 'L') return type;
  throw invalid(`Unknown filter value type '${name}'`);
}

export function matchesAll(row: Row, filters: readonly Filter[]): boolean {
  return filters.every((f) => f.values.some((v) => matches(row[f.field], f, v)));
}

function matches(stored: FieldValue | undefined, f: Filter, wanted: string): boolean {
  const cmp = compare(stored ?? null, f.type, wanted, f.field);
  if (cmp === undefined) return f.op === 'ne';
  switch (f.op) {
    case 'eq':
      return cmp === 0;
    case 'ne':
      return cmp !== 0;
    case 'gt':
      return cmp > 0;
    case 'ge':
      return cmp >= 0;
    case 'lt':
      return cmp < 0;
    case 'le':
      return cmp <= 0;
    case 'contains':
      return text(stored).includes(normaliseText(wanted));
    case 'startswith':
      return text(stored).startsWith(normaliseText(wanted));
  }
}

function normaliseText(value: string): string {
  const trimmed = value.replace(/\s+$/, '');
  return ASSUMPTIONS.caseSensitiveCharacterFilters ? trimmed : trimmed.toLowerCase();
}
function text(stored: FieldValue | undefined): string {
  return normaliseText(stored === null || stored === undefined ? '' : String(stored));
}

/** Compares a stored value with a filter value of the given type; undefined when incomparable. */
function compare(stored: FieldValue, type: ValueType, wanted: string, field: string): number | undefined {
  if (type === 'C') {
    const a = text(stored);
    const b = normaliseText(wanted);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (type === 'N') {
    const b = toDecimalText(wanted);
    if (b === undefined) throw invalid(`Filter on ${field}: '${wanted}' is not numeric`);
    const a = toDecimalText(stored ?? '');
    return a === undefined ? undefined : compareDecimal(a, b);
  }
  if (type === 'L') {
    const b = /^(true|\.?t\.?|1)$/i.test(wanted);
    return stored === b ? 0 : 1;
  }
  const b = parseDateTime(wanted);
  if (!b) throw invalid(`Filter on ${field}: '${wanted}' is not a date; use {^YYYY-MM-DD} or ISO`);
  if (typeof stored !== 'string' || stored === '') return undefined;
  const a = parseDateTime(stored);
  if (!a) return undefined;
  const [x, y] = type === 'D' ? [a.slice(0, 10), b.slice(0, 10)] : [a, b];
  return x < y ? -1 : x > y ? 1 : 0;
}
