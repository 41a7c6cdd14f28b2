/**
 * Checks a canonical order for what every target needs: identity, currency, a plausible
 * customer e-mail, at least one line, consistent lines and totals that add up under the
 * order's VAT rounding method. Returns every problem found, each naming its field path.
 */
import { type CanonicalOrder, LineKind, type OrderLine, VatRounding } from '@koppel/contracts';
import { isPlausibleEmail, normalizeEmail } from './email.js';
import { EXACT_PRICE_SCALE, exactLineTotal, exactUnitMinor, parseExactPrice } from './exact-price.js';
import { isKnownCurrency, minorDigits } from './money.js';
import { computeTotals } from './order-totals.js';
import { computeVat, netFromGross } from './vat.js';

export type OrderProblem = { path: string; message: string };

/**
 * The longest identifying text an order may carry. Koppel looks orders, customers and products up
 * by these (database indexes, target searches); a value past the limit is no real identifier, and
 * would only fail later, deep in a write, instead of here with its field named.
 */
export const MAX_IDENTIFIER_LENGTH = 200;
/** RFC 5321: a forward path holds at most 256 octets, brackets included: 254 for the address. */
export const MAX_EMAIL_LENGTH = 254;

function tooLong(value: string, max: number, path: string): OrderProblem[] {
  return value.length > max ? [{ path, message: `is ${value.length} characters long; at most ${max}` }] : [];
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function checkHeader(order: CanonicalOrder): OrderProblem[] {
  const problems: OrderProblem[] = [];
  if (order.externalId === '') problems.push({ path: 'external_id', message: 'missing' });
  problems.push(...tooLong(order.externalId, MAX_IDENTIFIER_LENGTH, 'external_id'));
  problems.push(...tooLong(order.orderNumber, MAX_IDENTIFIER_LENGTH, 'order_number'));
  if (order.sourceSystem === '') problems.push({ path: 'source_system', message: 'missing' });
  if (!isKnownCurrency(order.currency)) {
    problems.push({ path: 'currency', message: `unsupported currency "${order.currency}"` });
  }
  if (order.createdAt === undefined) problems.push({ path: 'created_at', message: 'missing' });
  const email = normalizeEmail(order.customer?.email ?? '');
  if (email === '') problems.push({ path: 'customer.email', message: 'missing' });
  else if (email.length > MAX_EMAIL_LENGTH) {
    problems.push({
      path: 'customer.email',
      message: `is ${email.length} characters long; an e-mail address has at most ${MAX_EMAIL_LENGTH}`,
    });
  } else if (!isPlausibleEmail(email))
    problems.push({ path: 'customer.email', message: `"${email}" is not an e-mail` });
  return problems;
}

function isExactPrice(text: string): boolean {
  try {
    parseExactPrice(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * VAT slack of a line with both exact prices: the source rounded its net to 4 decimals, so net
 * and gross disagree by up to half a 10^-4 unit × (1 + rate) per unit, on top of the one minor
 * unit of two roundings (50 × 5000 Ft at 5 %: 2 fillér).
 */
function vatSlack(line: OrderLine, currency: string): bigint {
  if (line.unitPriceNetExact === '' || line.unitPriceGrossExact === '') return 1n;
  const numerator =
    BigInt(line.quantity) * 10n ** BigInt(minorDigits(currency)) * BigInt(10_000 + line.vatRateBp);
  const denominator = 2n * 10n ** BigInt(EXACT_PRICE_SCALE) * 10_000n;
  return 1n + (numerator + denominator - 1n) / denominator;
}

/** Totals rounded once from the exact unit prices (total_net, total_gross, display units). */
function checkExactLine(line: OrderLine, path: string, currency: string): OrderProblem[] {
  const problems: OrderProblem[] = [];
  const { unitPriceNetExact: net, unitPriceGrossExact: gross, quantity } = line;
  for (const [text, field] of [
    [net, 'unit_price_net_exact'],
    [gross, 'unit_price_gross_exact'],
  ] as const) {
    if (text !== '' && !isExactPrice(text)) {
      problems.push({ path: `${path}.${field}`, message: 'is not a decimal with at most 4 decimals' });
    }
  }
  if (problems.length > 0 || !isKnownCurrency(currency) || quantity < 1) return problems;
  if (gross !== '') {
    if (line.totalGross !== exactLineTotal(gross, quantity, currency)) {
      problems.push({
        path: `${path}.total_gross`,
        message: 'is not unit_price_gross_exact × quantity, rounded',
      });
    }
    if (line.unitPriceGross !== exactUnitMinor(gross, currency)) {
      problems.push({ path: `${path}.unit_price_gross`, message: 'is not unit_price_gross_exact rounded' });
    }
  }
  if (net !== '') {
    if (line.totalNet !== exactLineTotal(net, quantity, currency)) {
      problems.push({
        path: `${path}.total_net`,
        message: 'is not unit_price_net_exact × quantity, rounded',
      });
    }
    if (line.unitPriceNet !== exactUnitMinor(net, currency)) {
      problems.push({ path: `${path}.unit_price_net`, message: 'is not unit_price_net_exact rounded' });
    }
  } else if (line.totalNet !== netFromGross(line.totalGross, line.vatRateBp)) {
    problems.push({ path: `${path}.total_net`, message: 'is not total_gross / (1 + vat_rate_bp), rounded' });
  }
  return problems;
}

function checkLine(line: OrderLine, path: string, currency: string): OrderProblem[] {
  const problems: OrderProblem[] = [];
  if (line.kind === LineKind.UNSPECIFIED) problems.push({ path: `${path}.kind`, message: 'unspecified' });
  if (line.quantity < 1) problems.push({ path: `${path}.quantity`, message: 'must be at least 1' });
  if (line.vatRateBp < 0 || line.vatRateBp > 10_000) {
    problems.push({ path: `${path}.vat_rate_bp`, message: 'outside 0..10000' });
    return problems;
  }
  const exact = line.unitPriceNetExact !== '' || line.unitPriceGrossExact !== '';
  if (exact) problems.push(...checkExactLine(line, path, currency));
  else if (line.totalNet !== line.unitPriceNet * BigInt(line.quantity)) {
    problems.push({ path: `${path}.total_net`, message: 'is not unit_price_net × quantity' });
  }
  if (line.totalGross !== line.totalNet + line.vatAmount) {
    problems.push({ path: `${path}.total_gross`, message: 'is not total_net + vat_amount' });
  }
  // One minor unit of slack: a line known by its gross keeps the gross and derives the VAT.
  const slack = exact && isKnownCurrency(currency) ? vatSlack(line, currency) : 1n;
  if (abs(line.vatAmount - computeVat(line.totalNet, line.vatRateBp)) > slack) {
    problems.push({ path: `${path}.vat_amount`, message: 'does not match total_net at vat_rate_bp' });
  }
  if (line.kind === LineKind.PRODUCT && line.sku === '' && line.name === '') {
    problems.push({ path: `${path}.sku`, message: 'a product line needs a SKU or a name' });
  }
  problems.push(...tooLong(line.sku, MAX_IDENTIFIER_LENGTH, `${path}.sku`));
  return problems;
}

function checkTotals(order: CanonicalOrder): OrderProblem[] {
  const rounding = order.vatRounding;
  if (rounding !== VatRounding.PER_LINE && rounding !== VatRounding.PER_RATE) {
    return [{ path: 'vat_rounding', message: 'must be PER_LINE or PER_RATE' }];
  }
  if (order.totals === undefined) return [{ path: 'totals', message: 'missing' }];
  const expected = computeTotals(order.lines, rounding);
  const problems: OrderProblem[] = [];
  for (const key of ['net', 'vat', 'gross'] as const) {
    if (order.totals[key] !== expected[key]) {
      problems.push({
        path: `totals.${key}`,
        message: `is ${order.totals[key]} but the lines add up to ${expected[key]}`,
      });
    }
  }
  return problems;
}

export function validateCanonicalOrder(order: CanonicalOrder): OrderProblem[] {
  const problems = checkHeader(order);
  if (order.lines.length === 0) problems.push({ path: 'lines', message: 'the order has no lines' });
  order.lines.forEach((line, index) => {
    problems.push(...checkLine(line, `lines[${index}]`, order.currency));
  });
  problems.push(...checkTotals(order));
  return problems;
}
