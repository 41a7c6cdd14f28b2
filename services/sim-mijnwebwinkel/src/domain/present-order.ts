import type { OrderNumberAs, PriceTaxShape } from './assumptions.js';
import type { Order } from './order-schema.js';

/** Applies the switchable representation choices (see assumptions) to a stored order. */
export function presentOrder(
  order: Order,
  opts: { orderNumberAs: OrderNumberAs; priceTaxShape: PriceTaxShape },
): Order {
  const tax = order.price.tax;
  const single = Array.isArray(tax) && tax.length === 1 && opts.priceTaxShape === 'object-when-single';
  return {
    ...order,
    number: opts.orderNumberAs === 'string' ? String(order.number) : order.number,
    price: { ...order.price, tax: single && Array.isArray(tax) ? tax[0]! : tax },
  };
}
