import { stringify } from 'safe-stable-stringify';

/**
 * Brings a parsed webhook body (from JSON or XML) into one JSON shape: every scalar a string
 * (numbers keep their source text), `null` and `{}` become "", and the documented lists are
 * always arrays - XML cannot tell a one-element list from an object, and Shoprenter's JSON
 * sends empty scalars as `{}` or `null`.
 * https://doc.shoprenter.hu/development/api/07_webhook.html
 */
export type NormalizedValue = string | NormalizedValue[] | { [key: string]: NormalizedValue };
export type NormalizedObject = { [key: string]: NormalizedValue };

/** Keys whose value is a list in the documented payload (or plausibly one, for options/addons). */
const LIST_KEYS: ReadonlySet<string> = new Set([
  'order',
  'orderProduct',
  'volumeUnit',
  'weightUnit',
  'orderProductOption',
  'orderProductAddon',
]);

/** Wrappers that hold exactly one list; an empty wrapper still gets its (empty) list. */
const LIST_WRAPPERS: Readonly<Record<string, string>> = { orders: 'order', orderProducts: 'orderProduct' };

export function isNormalizedObject(value: NormalizedValue | undefined): value is NormalizedObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function normalizeObject(value: object): NormalizedValue {
  const entries = Object.entries(value);
  if (entries.length === 0) return '';
  const result: NormalizedObject = {};
  for (const [key, child] of entries) result[key] = normalizeValue(child, key);
  return result;
}

function normalizeScalarOrTree(value: unknown): NormalizedValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value)) return value.map((item) => normalizeValue(item));
  if (typeof value === 'object') return normalizeObject(value);
  return '';
}

/** Normalises one value found under `key` (the key decides whether it must be a list). */
export function normalizeValue(value: unknown, key = ''): NormalizedValue {
  let result = normalizeScalarOrTree(value);
  if (LIST_KEYS.has(key) && !Array.isArray(result)) result = result === '' ? [] : [result];
  const listKey = LIST_WRAPPERS[key];
  if (listKey !== undefined && result === '') result = { [listKey]: [] };
  return result;
}

/**
 * JSON with object keys sorted, so the same order gives the same bytes from JSON and XML
 * (safe-stable-stringify: the bytes of a hand-written sorted-key JSON.stringify, about a third
 * faster on a webhook's order, which ingest turns into its payload).
 */
export function stableStringify(value: NormalizedValue): string {
  return stringify(value);
}
