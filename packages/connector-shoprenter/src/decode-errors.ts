/** DECODE_FAILED errors naming the payload field at fault, and parsing helpers that raise them. */
import { type AppError, appError } from '@koppel/errors';
import { parseMinorUnits, parseScaledDecimal, parseVatRateBp } from '@koppel/order-model';

export function decodeFailed(message: string, field: string, cause?: unknown): AppError {
  return appError('DECODE_FAILED', message, { field, ...(cause === undefined ? {} : { cause }) });
}

/**
 * An amount in minor units; undefined when the field is empty. Shoprenter keeps net prices
 * with 4 decimals ("787.4016"), so amounts are rounded half-up to the currency's minor unit.
 */
export function optionalAmount(value: string, currency: string, field: string): bigint | undefined {
  if (value === '') return undefined;
  try {
    return parseMinorUnits(value, currency, { rounding: 'half-up' });
  } catch (error) {
    throw decodeFailed(`${field} "${value}" is not an amount`, field, error);
  }
}

export function requiredAmount(value: string, currency: string, field: string): bigint {
  const amount = optionalAmount(value, currency, field);
  if (amount === undefined) throw decodeFailed(`${field} is missing`, field);
  return amount;
}

export function requiredVatRateBp(value: string, field: string): number {
  if (value === '') throw decodeFailed(`${field} is missing`, field);
  try {
    return parseVatRateBp(value);
  } catch (error) {
    throw decodeFailed(`${field} "${value}" is not a VAT percentage`, field, error);
  }
}

/** Whole units ("2", "2.0000"); fractional quantities are not supported by the targets. */
export function requiredQuantity(value: string, field: string): number {
  let quantity: bigint;
  try {
    quantity = parseScaledDecimal(value, 0, 'exact');
  } catch (error) {
    throw decodeFailed(`${field} "${value}" is not a whole quantity`, field, error);
  }
  if (quantity < 1n || quantity > 2_147_483_647n) throw decodeFailed(`${field} must be at least 1`, field);
  return Number(quantity);
}
