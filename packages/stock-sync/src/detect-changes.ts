/** Change detection: only articles whose quantity differs from what was last sent go out. */
import type { StockFigure } from './compute-quantities.js';

/** A figure with the quantity the shop should get (available less the units in flight). */
export type StockFigureToSend = StockFigure & { quantity: number };

/**
 * The figures to publish: with `full` (a resync) all of them; else those whose quantity differs
 * from the last one observed for the SKU, or whose SKU was never observed.
 */
export function selectChanged(
  figures: readonly StockFigureToSend[],
  lastQuantities: ReadonlyMap<string, number>,
  full: boolean,
): StockFigureToSend[] {
  if (full) return [...figures];
  return figures.filter((figure) => lastQuantities.get(figure.sku) !== figure.quantity);
}
