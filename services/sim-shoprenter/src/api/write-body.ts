import { assumptions } from '../domain/assumptions.js';
import { ShoprenterError } from '../errors.js';

/**
 * Write bodies come flat (`{"stock1": 12}`, fixtures `request/put.json`) or wrapped
 * (`{"data": {...}}`, outer-ID and batch docs); both are accepted (README.md). Nothing usable
 * answers 400/40001 "Data parameter not found in POST/PUT!".
 */
export function readWriteBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ShoprenterError('DATA_PARAMETER_MISSING', 'Data parameter not found in POST/PUT!');
  }
  const record = body as Record<string, unknown>;
  const keys = Object.keys(record);
  const data = record.data;
  const unwrapped =
    keys.length === 1 && data !== null && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : record;
  if (Object.keys(unwrapped).length === 0) {
    throw new ShoprenterError('DATA_PARAMETER_MISSING', 'Data parameter not found in POST/PUT!');
  }
  return unwrapped;
}

/** Rejects read-only fields (40002) and, per assumptions, fields the resource does not have (40005). */
export function assertWritableFields(
  data: Record<string, unknown>,
  writable: readonly string[],
  readonly: readonly string[],
): void {
  const ro = Object.keys(data).filter((k) => readonly.includes(k));
  if (ro.length > 0) throw new ShoprenterError('FIELDS_READONLY', `Fields are readonly: ${ro.join(', ')}`);
  if (!assumptions.rejectUnknownBodyFields) return;
  const unknown = Object.keys(data).filter((k) => k !== 'id' && !writable.includes(k));
  if (unknown.length > 0)
    throw new ShoprenterError('WRONG_DATA', `Wrong data! Unknown fields: ${unknown.join(', ')}`);
}

/** Integer given as number or numeric string (values are strings on the wire). */
export function toInt(field: string, value: unknown): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^-?\d{1,10}$/.test(text) || Math.abs(Number(text)) > 2_147_483_647) {
    throw new ShoprenterError('WRONG_DATA', `Wrong data! ${field} is not int.`);
  }
  return Number(text);
}

export function toText(field: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ShoprenterError('WRONG_DATA', `Wrong data! ${field} is not scalar.`);
}
