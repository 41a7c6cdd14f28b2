/**
 * One AccountView `ARTICLE` row → a stock reading, pure. AccountView reports stock over all
 * warehouses per article (`AK1` has no warehouse dimension in the public clients), so the reading
 * has warehouse ''. The public clients name no reservation field: `QTY_AVAIL` is the available
 * stock (AV-PHP) and `QTY_TECH` the stock held (a JS client), so on hand is `QTY_TECH` and the
 * reservations are what lies between them [I]; without `QTY_TECH`, on hand is `QTY_AVAIL` and
 * nothing is reserved. README "Stock".
 */
import type { StockReading } from '@koppel/connector-sdk';
import { fromLocalDateTime } from './local-time.js';
import type { ArticleStockRow } from './stock-schemas.js';

/** `"2.5"` → 2, `"-1.5"` → -2: whole units, floored, without a float. */
export function wholeUnits(quantity: string): number {
  const [whole = '0', fraction = ''] = quantity.trim().split('.');
  const units = Number(whole);
  return whole.startsWith('-') && /[1-9]/.test(fraction) ? units - 1 : units;
}

export function toReading(row: ArticleStockRow, timeZone: string, readAt: Date): StockReading | undefined {
  const sku = row.ART_CODE.trim();
  if (sku === '') return undefined;
  const available = wholeUnits(row.QTY_AVAIL ?? row.QTY_TECH ?? '0');
  const onHand = row.QTY_TECH === undefined ? available : wholeUnits(row.QTY_TECH);
  const changed = row.CNG_DATE ? fromLocalDateTime(row.CNG_DATE, timeZone) : undefined;
  return {
    sku,
    warehouseId: '',
    onHand,
    reserved: Math.max(0, onHand - available),
    sourceTime: changed ?? readAt,
  };
}
