/**
 * JSON text for a `jsonb` parameter. Postgres' jsonb cannot hold the NUL character (`\u0000`:
 * "unsupported Unicode escape sequence") nor half of a UTF-16 surrogate pair (`"\ud800"` alone:
 * "invalid input syntax for type json"), and a shop can send either in any field; stored facts
 * keep each as U+FFFD (the replacement character) instead of failing the write.
 * https://www.postgresql.org/docs/current/datatype-json.html
 */

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** How JSON.stringify writes a lone surrogate: as an escape (a paired one is written as it is). */
const LONE_SURROGATE_ESCAPE = /\\ud[89a-f]/i;

/** The value with every NUL in its strings (and keys) replaced by U+FFFD; itself when it has none. */
export function withoutNul<T>(value: T): T;
export function withoutNul(value: unknown): unknown {
  return hasNul(value) ? replaced(value) : value;
}

/** JSON text of the value, NULs and lone surrogates replaced. */
export function jsonbText(value: unknown): string {
  const text = JSON.stringify(value);
  // JSON.stringify writes both as escapes (`\u0000`, `\ud800`): without one, nothing to replace.
  // A typed backslash followed by such letters also matches; replacing then changes nothing.
  return text !== undefined && (text.includes('\\u0000') || LONE_SURROGATE_ESCAPE.test(text))
    ? JSON.stringify(replaced(value))
    : text;
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

function replacedText(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');
}

function replaced(value: unknown): unknown {
  if (typeof value === 'string') return replacedText(value);
  if (Array.isArray(value)) return value.map(replaced);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [replacedText(key), replaced(child)]),
    );
  }
  return value;
}
