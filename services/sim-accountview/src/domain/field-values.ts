import { invalid } from '../errors.js';
import { ASSUMPTIONS } from './assumptions.js';
import { toDecimalText } from './decimal.js';
import type { FieldValue } from './model.js';

/** FieldType codes of the positional payload (notes §2.2, AV-GO field_type tags). */
export const FIELD_TYPES = ['C', 'N', 'I', 'T', 'D', 'L', 'Y', 'B', 'M'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Converts one positional value to its stored form, naming the field when it does not fit. */
export function coerceValue(value: unknown, type: FieldType, field: string): FieldValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'C':
    case 'M':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      break;
    case 'N':
    case 'Y':
    case 'B': {
      const text = value === '' ? '0' : toDecimalText(value);
      if (text !== undefined) return checkNumericRange(text, field);
      break;
    }
    case 'I': {
      const text = toDecimalText(value);
      if (text !== undefined && !text.includes('.')) return checkNumericRange(text, field);
      break;
    }
    case 'L':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|\.?t\.?|1)$/i.test(value)) return true;
      if (typeof value === 'string' && /^(false|\.?f\.?|0|)$/i.test(value)) return false;
      break;
    case 'T':
    case 'D': {
      if (value === '') return null;
      const parsed = typeof value === 'string' ? parseDateTime(value) : undefined;
      if (parsed) return type === 'D' ? parsed.slice(0, 10) : parsed;
      break;
    }
  }
  throw invalid(`Field ${field}: value ${JSON.stringify(value)} does not match field type ${type}`);
}

/**
 * A numeric field's decimal text when it fits (ASSUMPTIONS.maxNumericIntegerDigits); otherwise 400
 * naming the field, so an absurd value never reaches the arithmetic or answers as `null`.
 */
export function checkNumericRange(text: string, field: string): string {
  const integerDigits = (text.replace('-', '').split('.')[0] ?? '').replace(/^0+/, '').length;
  if (integerDigits > ASSUMPTIONS.maxNumericIntegerDigits)
    throw invalid(
      `Field ${field}: value ${text.length > 40 ? `${text.slice(0, 40)}…` : text} is out of range (at most ${ASSUMPTIONS.maxNumericIntegerDigits} digits before the decimal point)`,
    );
  return text;
}

/**
 * Parses ISO datetimes (`2025-03-01T10:00:00.000Z`, notes §2.5) and FoxPro literals
 * (`{^2025-03-01}`, `{^2025-03-01 10:00:00}`, notes §2.2) to `YYYY-MM-DDTHH:MM:SS`.
 * AccountView stores local datetimes without zone, so a `Z` or offset is dropped, not converted.
 */
export function parseDateTime(text: string): string | undefined {
  const literal = /^\{\^(.+)\}$/.exec(text.trim());
  const body = (literal?.[1] ?? text).trim();
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(
      body,
    );
  if (!match) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = match;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  const check = new Date(`${iso}Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 19) !== iso) return undefined;
  return iso;
}

export function nowLocal(now: Date): string {
  return now.toISOString().slice(0, 19);
}
