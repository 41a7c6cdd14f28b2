/**
 * One Asperion article → a stock reading, pure. Asperion keeps one stock figure per article
 * (`currentStock`, no warehouses) and no change time, so the warehouse is '' and the source time
 * is the read time. Reservations are `reservedStock` when the article has it, else 0 (README
 * "Stock"). Fractions are floored.
 */
import type { StockReading } from '@koppel/connector-sdk';
import type { ArticleStock } from './stock-schemas.js';

export function toReading(article: ArticleStock, readAt: Date): StockReading | undefined {
  const sku = article.code.trim();
  if (sku === '') return undefined;
  const ean = article.ean?.trim();
  return {
    sku,
    ...(ean ? { ean } : {}),
    warehouseId: '',
    onHand: Math.floor(article.currentStock ?? 0),
    reserved: Math.max(0, Math.floor(article.reservedStock ?? 0)),
    sourceTime: readAt,
  };
}
