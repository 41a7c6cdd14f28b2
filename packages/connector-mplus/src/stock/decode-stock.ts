/**
 * One `ArticleStock` → stock readings, pure. Mplus quantities are integers with their own
 * decimal places (https://developers.mpluskassa.nl/tutorials/prices-and-quantities/);
 * `amountFree` is "the available stock that can be safely sold" and `amountReserved` "the stock
 * that is currently reserved in undelivered orders" (https://developers.mpluskassa.nl/tutorials/stock),
 * so on hand = free + reserved and available (on hand − reserved) = free. Fractions are floored.
 */
import type { StockReading } from '@koppel/connector-sdk';
import type { ArticleStock } from './stock-schemas.js';

/** `amount / 10^decimalPlaces`, floored to whole units, without going through a float. */
export function wholeUnits(amount: string, decimalPlaces: number | undefined): number {
  const value = BigInt(amount);
  const scale = 10n ** BigInt(decimalPlaces ?? 0);
  const quotient = value / scale;
  // BigInt division truncates toward zero; floor a negative fraction down.
  const floored = value < 0n && value % scale !== 0n ? quotient - 1n : quotient;
  return Number(floored);
}

export function toReadings(
  stock: ArticleStock,
  article: { skus: readonly string[]; ean?: string | undefined },
  readAt: Date,
): StockReading[] {
  const free = wholeUnits(stock.amountFree, stock.decimalPlacesFree);
  const reserved = Math.max(0, wholeUnits(stock.amountReserved, stock.decimalPlacesReserved));
  const ean = article.ean?.trim();
  return article.skus.map((sku) => ({
    sku,
    ...(ean ? { ean } : {}),
    warehouseId: String(stock.branchNumber),
    onHand: free + reserved,
    reserved,
    sourceTime: stock.changeTimestamp ?? readAt,
  }));
}
