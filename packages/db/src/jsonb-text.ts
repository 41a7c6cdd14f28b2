/**
 * JSON text for a `jsonb` parameter. Postgres' jsonb cannot hold the NUL character (`\u0000`:
 * "unsupported Unicode escape sequence"), and a shop can send one in any field; stored facts keep
 * it as U+FFFD (the replacement character) instead of failing the write.
 * https://www.postgresql.org/docs/current/datatype-json.html
 */
/** The value with every NUL in its strings (and keys) replaced by U+FFFD; itself when it has none. */
export function withoutNul<T>(value: T): T;
export function withoutNul(value: unknown): unknown {
  return hasNul(value) ? replacedNul(value) : value;
}

/** JSON text of the value, NULs replaced. */
export function jsonbText(value: unknown): string {
  const text = JSON.stringify(value);
  // JSON.stringify writes a NUL as the escape `\u0000`: without one there is nothing to replace.
  return text?.includes('\\u0000') ? JSON.stringify(replacedNul(value)) : text;
}

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const key in value) {
      if (key.includes('\u0000') || hasNul((value as Record<string, unknown>)[key])) return true;
    }
  }
  return false;
}

function replacedNul(value: unknown): unknown {
  if (typeof value === 'string')
    return value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
  if (Array.isArray(value)) return value.map(replacedNul);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [replacedNul(key), replacedNul(child)]),
    );
  }
  return value;
}
