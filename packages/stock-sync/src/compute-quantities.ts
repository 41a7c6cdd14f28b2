/**
 * From a source's readings (one per article and warehouse) to one figure per article: the chosen
 * warehouses summed, the connection's calculation applied, whole units, never below zero.
 */
import type { StockReading } from '@koppel/connector-sdk';
import type { StockSettings } from './stock-settings.js';

/** One article's stock as the source reports it, summed over the chosen warehouses. */
export type StockFigure = {
  sku: string;
  ean: string;
  onHand: number;
  reserved: number;
  /** Per the calculation: on hand − reserved (`available`) or on hand (`on-hand`); ≥ 0, whole units. */
  available: number;
  /** The warehouses summed, sorted. */
  warehouseIds: string[];
  /** The latest source time among the summed readings. */
  sourceTime: Date;
};

const wholeUnits = (value: number) => (Number.isFinite(value) ? Math.floor(value) : 0);

/**
 * Sums the readings per SKU. With `settings.warehouses` set, a reading of another warehouse is
 * left out (a reading naming no warehouse, from a system that has none, always counts).
 */
export function computeStockFigures(
  readings: readonly StockReading[],
  settings: Pick<StockSettings, 'calculation' | 'warehouses'>,
): StockFigure[] {
  const chosen = new Set(settings.warehouses);
  const bySku = new Map<
    string,
    { sku: string; ean: string; onHand: number; reserved: number; warehouses: Set<string>; time: number }
  >();
  for (const reading of readings) {
    const sku = reading.sku.trim();
    if (sku === '') continue;
    if (chosen.size > 0 && reading.warehouseId !== '' && !chosen.has(reading.warehouseId)) continue;
    const entry = bySku.get(sku) ?? {
      sku,
      ean: '',
      onHand: 0,
      reserved: 0,
      warehouses: new Set<string>(),
      time: 0,
    };
    entry.onHand += wholeUnits(reading.onHand);
    entry.reserved += Math.max(0, wholeUnits(reading.reserved));
    if (reading.warehouseId !== '') entry.warehouses.add(reading.warehouseId);
    if (entry.ean === '' && reading.ean) entry.ean = reading.ean;
    entry.time = Math.max(entry.time, reading.sourceTime.getTime());
    bySku.set(sku, entry);
  }
  return [...bySku.values()].map((entry) => {
    const raw = settings.calculation === 'available' ? entry.onHand - entry.reserved : entry.onHand;
    return {
      sku: entry.sku,
      ean: entry.ean,
      onHand: entry.onHand,
      reserved: entry.reserved,
      available: Math.max(0, raw),
      warehouseIds: [...entry.warehouses].sort(),
      sourceTime: new Date(entry.time),
    };
  });
}

/**
 * The never-oversell rule: what the shop may show is the source's available figure less the
 * units of this SKU in the connection's shop orders Koppel received that were not booked in the
 * target before the reading began (orders in flight: the shop already sold them, the source does
 * not know yet). Never negative.
 */
export function quantityToPush(available: number, unitsInFlight: number): number {
  return Math.max(0, wholeUnits(available) - Math.max(0, wholeUnits(unitsInFlight)));
}
