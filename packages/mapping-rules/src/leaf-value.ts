import type { JsonValue } from '@bufbuild/protobuf';
import type { LeafKind } from './target-path.js';

/** Longest text a rule may write into one field, in characters. */
export const MAX_TEXT_LENGTH = 10_000;

export type LeafValue = { ok: true; value: JsonValue | undefined } | { ok: false; message: string };

const INT32 = 2 ** 31;
/** What protobuf JSON accepts for a Timestamp (https://protobuf.dev/programming-guides/json/). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function describe(value: unknown): string {
  if (Array.isArray(value)) return `a list of ${value.length} values`;
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Checks what an expression gave against the target field and returns its protobuf JSON form.
 * `undefined` (the expression matched nothing) leaves the field as it was.
 */
export function toLeafValue(kind: LeafKind, value: unknown): LeafValue {
  if (value === undefined) return { ok: true, value: undefined };
  switch (kind.kind) {
    case 'string':
    case 'timestamp':
      if (typeof value !== 'string') {
        return {
          ok: false,
          message: `gave ${describe(value)}, text is needed (wrap it in $string() or $join())`,
        };
      }
      if (value.length > MAX_TEXT_LENGTH) {
        return { ok: false, message: `gave ${value.length} characters, at most ${MAX_TEXT_LENGTH}` };
      }
      if (kind.kind === 'timestamp' && !(RFC3339.test(value) && Number.isFinite(Date.parse(value)))) {
        return {
          ok: false,
          message: `gave "${value}", an RFC 3339 time such as 2025-03-01T10:15:00Z is needed`,
        };
      }
      return { ok: true, value };
    case 'integer': {
      if (kind.bits === 64 && typeof value === 'string' && /^-?\d{1,18}$/.test(value))
        return { ok: true, value };
      const whole = typeof value === 'number' && Number.isSafeInteger(value);
      if (!whole || (kind.bits === 32 && (value < -INT32 || value >= INT32))) {
        return {
          ok: false,
          message: `gave ${describe(value)} ${String(value)}, a whole number is needed ($round())`,
        };
      }
      return { ok: true, value };
    }
    case 'boolean':
      return typeof value === 'boolean'
        ? { ok: true, value }
        : { ok: false, message: `gave ${describe(value)}, true or false is needed` };
    case 'enum': {
      const found = kind.descriptor.values.find((v) => v.name === value || v.localName === value);
      if (!found) {
        const names = kind.descriptor.values.map((v) => v.localName).join(', ');
        return { ok: false, message: `gave ${JSON.stringify(value)}, one of ${names} is needed` };
      }
      return { ok: true, value: found.name };
    }
  }
}
