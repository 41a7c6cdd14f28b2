/** DECODE_FAILED errors naming the payload field at fault, and parsing helpers that raise them. */
import { type AppError, appError } from '@koppel/errors';
import { parseMinorUnits, parseScaledDecimal, parseVatRateBp } from '@koppel/order-model';

export function decodeFailed(message: string, field: string, cause?: unknown): AppError {
  return appError('DECODE_FAILED', message, { field, ...(cause === undefined ? {} : { cause }) });
}

/** An amount in minor units, exact: the export has 2 decimals (assumed-fields.ts). */
export function amountOf(value: string, currency: string, field: string): bigint {
  if (value.trim() === '') throw decodeFailed(`${field} is missing`, field);
  try {
    return parseMinorUnits(value.trim(), currency, { rounding: 'exact' });
  } catch (error) {
    throw decodeFailed(`${field} "${value}" is not an amount in ${currency}`, field, error);
  }
}

export function vatRateBpOf(value: string, field: string): number {
  if (value.trim() === '') throw decodeFailed(`${field} is missing`, field);
  try {
    return parseVatRateBp(value.trim());
  } catch (error) {
    throw decodeFailed(`${field} "${value}" is not a VAT percentage`, field, error);
  }
}

/** Whole units of at least 1 ("2"); fractional quantities are not supported by the targets. */
export function quantityOf(value: string, field: string): number {
  let quantity: bigint;
  try {
    quantity = parseScaledDecimal(value.trim(), 0, 'exact');
  } catch (error) {
    throw decodeFailed(`${field} "${value}" is not a whole quantity`, field, error);
  }
  if (quantity < 1n || quantity > 2_147_483_647n) throw decodeFailed(`${field} must be at least 1`, field);
  return Number(quantity);
}
