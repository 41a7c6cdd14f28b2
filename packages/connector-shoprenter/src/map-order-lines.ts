/**
 * Shoprenter webhook order → canonical lines: products (net unit `price`, `taxRate` percent,
 * `quantity`), shipping (`shippingNetPrice`/`shippingGrossPrice`, plus the additional cost),
 * payment fee (`paymentNetPrice`/`paymentGrossPrice`), coupon (`couponGrossPrice`) and cart
 * discount (`cartAmountDiscount`, documented as negative). Fee and discount lines appear only
 * when non-zero. The webhook gives no VAT rate for fees, so it is inferred from net and gross;
 * discounts carry the products' rates (split pro rata when mixed). Amounts are taken in the
 * order currency [inferred: the webhook documents no per-line conversion].
 * A product's net `price` has 4 decimals (5000 Ft gross at 5 % is "4761.9048"): when it is finer
 * than the minor unit it is kept as the line's exact unit price, with `grossPrice` as the exact
 * gross, and the line totals are rounded once from price × quantity (10 × 5000 Ft = 50000 Ft,
 * not 10 × 4761.90 net = 49999.95 Ft gross). The REST path (map-rest-order.ts) carries the
 * same `price`/`grossPrice` fields, so both ways in share this.
 * https://doc.shoprenter.hu/api/webhook.html
 */
import type { OrderLine } from '@koppel/contracts';
import {
  buildDiscountLines,
  buildPaymentFeeLine,
  buildProductLine,
  buildShippingLine,
  EXACT_PRICE_SCALE,
  type ExactUnitPrice,
  inferVatRateBp,
  minorDigits,
  normalizeExactPrice,
  parseExactPrice,
} from '@koppel/order-model';
import {
  decodeFailed,
  optionalAmount,
  requiredAmount,
  requiredQuantity,
  requiredVatRateBp,
} from './decode-errors.js';
import type { ShoprenterOrder, ShoprenterOrderProduct } from './order-payload-schema.js';

type FeeKind = 'shipping' | 'payment';
type FeeField = keyof Pick<
  ShoprenterOrder,
  | 'shippingNetPrice'
  | 'shippingGrossPrice'
  | 'shippingAdditionalCostNet'
  | 'shippingAdditionalCostGross'
  | 'paymentNetPrice'
  | 'paymentGrossPrice'
>;

/** The text as an exact price (at most 4 decimals), or a DECODE_FAILED naming the field. */
function exactText(value: string, field: string): string {
  try {
    return normalizeExactPrice(value);
  } catch (error) {
    throw decodeFailed(`${field} "${value}" is not an amount with at most 4 decimals`, field, error);
  }
}

/**
 * The exact unit price when the net `price` is finer than the minor unit ("4761.9048" HUF);
 * undefined when it is whole minor units ("4500.0000"), which keeps the plain net rule.
 */
function exactUnitPrice(
  product: ShoprenterOrderProduct,
  currency: string,
  path: string,
): ExactUnitPrice | undefined {
  if (product.price === '') return undefined;
  const net = exactText(product.price, `${path}.price`);
  const perMinorUnit = 10n ** BigInt(EXACT_PRICE_SCALE - minorDigits(currency));
  if (parseExactPrice(net) % perMinorUnit === 0n) return undefined;
  const gross = product.grossPrice === '' ? undefined : exactText(product.grossPrice, `${path}.grossPrice`);
  return { currency, net, gross };
}

function productLine(product: ShoprenterOrderProduct, index: number, currency: string): OrderLine {
  const path = `orderProducts.orderProduct[${index}]`;
  if (product.currency !== '' && product.currency.toUpperCase() !== currency) {
    throw decodeFailed(
      `line currency ${product.currency} differs from order currency ${currency}`,
      `${path}.currency`,
    );
  }
  return buildProductLine({
    name: product.name,
    sku: product.sku,
    ean: product.gtin,
    sourceLineId: product.innerId,
    quantity: requiredQuantity(product.quantity, `${path}.quantity`),
    unitPriceNet: requiredAmount(product.price, currency, `${path}.price`),
    vatRateBp: requiredVatRateBp(product.taxRate, `${path}.taxRate`),
    exact: exactUnitPrice(product, currency, path),
  });
}

/** A fee given as net and gross fields; undefined when both are empty or zero. */
function feeLine(
  kind: FeeKind,
  name: string,
  netField: FeeField,
  grossField: FeeField,
  order: ShoprenterOrder,
) {
  const net = optionalAmount(order[netField], order.currency, netField);
  const gross = optionalAmount(order[grossField], order.currency, grossField);
  if ((net ?? 0n) === 0n && (gross ?? 0n) === 0n) return undefined;
  if (net === undefined) throw decodeFailed(`${netField} is missing while ${grossField} is set`, netField);
  if (gross === undefined)
    throw decodeFailed(`${grossField} is missing while ${netField} is set`, grossField);
  const input = { name, unitPriceNet: net, vatRateBp: inferVatRateBp(net, gross) };
  return kind === 'shipping' ? buildShippingLine(input) : buildPaymentFeeLine(input);
}

function feeLines(order: ShoprenterOrder): OrderLine[] {
  const shippingName = order.shippingMethodName || 'Shipping';
  const lines = [
    feeLine('shipping', shippingName, 'shippingNetPrice', 'shippingGrossPrice', order),
    feeLine(
      'shipping',
      `${shippingName} (additional cost)`,
      'shippingAdditionalCostNet',
      'shippingAdditionalCostGross',
      order,
    ),
    feeLine(
      'payment',
      order.paymentMethodName || 'Payment fee',
      'paymentNetPrice',
      'paymentGrossPrice',
      order,
    ),
  ];
  return lines.filter((line): line is OrderLine => line !== undefined);
}

function discountLines(order: ShoprenterOrder, products: readonly OrderLine[]): OrderLine[] {
  const coupon = optionalAmount(order.couponGrossPrice, order.currency, 'couponGrossPrice') ?? 0n;
  const cart = optionalAmount(order.cartAmountDiscount, order.currency, 'cartAmountDiscount') ?? 0n;
  const lines: OrderLine[] = [];
  if (coupon !== 0n) {
    const name = order.couponCode === '' ? 'Coupon' : `Coupon ${order.couponCode}`;
    lines.push(...buildDiscountLines({ name, sku: order.couponCode, totalGross: coupon }, products));
  }
  if (cart !== 0n) lines.push(...buildDiscountLines({ name: 'Cart discount', totalGross: cart }, products));
  return lines;
}

/** All lines of the order; the order's `currency` must already be resolved. */
export function mapOrderLines(order: ShoprenterOrder): OrderLine[] {
  const products = order.orderProducts.orderProduct.map((product, index) =>
    productLine(product, index, order.currency),
  );
  if (products.length === 0) throw decodeFailed('the order has no products', 'orderProducts.orderProduct');
  return [...products, ...feeLines(order), ...discountLines(order, products)];
}
