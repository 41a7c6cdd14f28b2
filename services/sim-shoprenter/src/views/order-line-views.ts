import { formatAmount, parseAmount } from '../domain/money.js';
import { computeOrderAmounts } from '../domain/order-amounts.js';
import { encodeResourceId } from '../domain/resource-id.js';
import type { StoredOrder, StoredOrderLine, StoredOrderTotal } from '../domain/state.js';
import { href, type JsonObject, link, type ViewContext } from './view-context.js';

/**
 * `/orderProducts`: no `quantity` field; stock1..stock4 are the quantities ordered from warehouses
 * 1..4 (README.md). The simulator books everything on warehouse 1 (assumptions.lineQuantityWarehouse).
 */
export function renderOrderProduct(order: StoredOrder, line: StoredOrderLine, ctx: ViewContext): JsonObject {
  const id = encodeResourceId('orderProduct', line.lineId);
  const index = order.lines.indexOf(line);
  const amounts = computeOrderAmounts(order).lines[index];
  const price = formatAmount(parseAmount(line.netPrice));
  const gross = formatAmount(amounts?.unitGross ?? 0n);
  return {
    href: `${ctx.baseUrl}/orderProducts/${id}`,
    id,
    innerId: String(line.lineId),
    name: line.name,
    sku: line.sku,
    productInnerId: line.productInnerId === null ? '' : String(line.productInnerId),
    modelNumber: line.model,
    originalPrice: price,
    price,
    total: formatAmount(amounts?.net ?? 0n),
    taxRate: line.taxRate,
    stock1: String(line.quantity),
    stock2: '0',
    stock3: '0',
    stock4: '0',
    subtractStock: '1',
    dateCreated: order.dateCreated,
    dateUpdated: order.dateUpdated,
    width: line.width,
    height: line.height,
    length: line.length,
    weight: line.weight,
    parentProduct: null,
    gtin: line.gtin,
    durableMediaDevice: '0',
    grossPrice: gross,
    originalGrossPrice: gross,
    originalPriceCurrency: price,
    priceCurrency: price,
    grossPriceCurrency: gross,
    originalGrossPriceCurrency: gross,
    order: link(ctx, 'orders', 'order', order.innerId),
    product: line.productInnerId === null ? null : link(ctx, 'products', 'product', line.productInnerId),
    orderProductOptions: href(ctx, `orderProductOptions?orderProductId=${id}`),
  };
}

/** `"2.400 Huf"` style text (README.md sample): thousands with dots, HUF without decimals. */
function valueText(value: string, currency: string): string {
  const decimals = currency === 'HUF' ? 0 : 2;
  const fixed = formatAmount(parseAmount(value), decimals);
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const name = currency.charAt(0) + currency.slice(1).toLowerCase();
  return `${fraction === undefined ? grouped : `${grouped},${fraction}`} ${name}`;
}

export function renderOrderTotal(order: StoredOrder, total: StoredOrderTotal, ctx: ViewContext): JsonObject {
  const id = encodeResourceId('orderTotal', total.totalId);
  return {
    href: `${ctx.baseUrl}/orderTotals/${id}`,
    id,
    name: total.name,
    valueText: valueText(total.value, order.currency),
    value: total.value,
    sortOrder: String(total.sortOrder),
    type: total.type,
    key: '',
    description: '',
    dateCreated: order.dateCreated,
    dateUpdated: order.dateUpdated,
    order: link(ctx, 'orders', 'order', order.innerId),
  };
}
