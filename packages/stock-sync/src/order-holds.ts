/**
 * What a received shop order holds of the shop's stock until the target books it (see the
 * README, "Never oversell"): the units of each SKU of its product lines. A cancelled order holds
 * nothing (the shop put its units back).
 */
import { type CanonicalOrder, LineKind, OrderStatus } from '@koppel/contracts';

export type OrderHold = { kind: 'hold'; lines: { sku: string; units: number }[] } | { kind: 'release' };

export function orderHoldOf(order: Pick<CanonicalOrder, 'status' | 'lines'>): OrderHold {
  if (order.status === OrderStatus.CANCELLED) return { kind: 'release' };
  const units = new Map<string, number>();
  for (const line of order.lines) {
    const sku = line.sku.trim();
    if (line.kind !== LineKind.PRODUCT || sku === '' || line.quantity <= 0) continue;
    units.set(sku, (units.get(sku) ?? 0) + line.quantity);
  }
  return { kind: 'hold', lines: [...units].map(([sku, count]) => ({ sku, units: count })) };
}
