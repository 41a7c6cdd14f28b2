/**
 * InnVoice products → stock readings, pure: one reading per product and warehouse of the scope
 * (a chosen warehouse the product has no line for counts 0), so the pipeline's sum over the
 * chosen warehouses is the shop's stock. InnVoice reports no reservations and no change time
 * (README "Stock"): reserved is 0, the source time is the read time. Fractions are floored.
 */
import type { StockReading } from '@koppel/connector-sdk';
import type { StockProduct } from './stock-schemas.js';

/** `"2.5"` → 2, `"-1.5"` → -2: whole units, floored, without a float. */
export function wholeUnits(quantity: string): number {
  const [whole = '0', fraction = ''] = quantity.trim().split('.');
  const units = Number(whole);
  const hasFraction = /[1-9]/.test(fraction);
  return whole.startsWith('-') && hasFraction ? units - 1 : units;
}

/** The warehouses to read: the chosen ones, or (none chosen) every one a product reports. */
export function warehousesToRead(chosen: readonly string[], products: readonly StockProduct[]): string[] {
  if (chosen.length > 0) return [...new Set(chosen.map((w) => w.trim()))];
  const seen = new Set<string>();
  for (const product of products)
    for (const stock of product.Keszletek?.Keszlet ?? []) seen.add(stock.RaktarID.trim());
  return [...seen].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

export function toReadings(
  products: readonly StockProduct[],
  warehouses: readonly string[],
  readAt: Date,
): StockReading[] {
  const readings: StockReading[] = [];
  for (const product of products) {
    const sku = product.CikkSzam?.trim();
    if (!sku) continue;
    const ean = product.EAN?.trim();
    const lines = product.Keszletek?.Keszlet ?? [];
    for (const warehouseId of warehouses) {
      const line = lines.find((l) => l.RaktarID.trim() === warehouseId);
      readings.push({
        sku,
        ...(ean ? { ean } : {}),
        warehouseId,
        onHand: line ? wholeUnits(line.Raktar_Keszlet) : 0,
        reserved: 0,
        sourceTime: readAt,
      });
    }
  }
  return readings;
}
