/**
 * JSON text for a `jsonb` parameter. Postgres' jsonb cannot hold the NUL character (`\u0000`:
 * "unsupported Unicode escape sequence"), and a shop can send one in any field; stored facts keep
 * it as U+FFFD (the replacement character) instead of failing the write.
 * https://www.postgresql.org/docs/current/datatype-json.html
 */
/** The value with every NUL in its strings (and keys) replaced by U+FFFD. */
export function withoutNul<T>(value: T): T;
export function withoutNul(value: unknown): unknown {
  if (typeof value === 'string')
    return value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [withoutNul(key), withoutNul(child)]),
    );
  }
  return value;
}

export function jsonbText(value: unknown): string {
  return JSON.stringify(withoutNul(value));
}
